"""The search box in a real browser: type without accents, pick a suggestion
or press Enter, narrow by a facet."""

import pytest
from playwright.sync_api import expect

from eoffice.conftest import incoming_data, sign_in
from eoffice.incoming.receiving.services import incoming_register


@pytest.mark.django_db(transaction=True)
def test_search_from_the_header(page, live_server, cast):
    clerk = cast.actor(cast.clerk)
    decision = incoming_register(
        actor=clerk,
        data=incoming_data(
            type_name="Quyết định", code_number="123", code_notation="QĐ-UBND", subject="Về việc thu hồi đất phường Thủy Xuân"
        ),
    )
    incoming_register(actor=clerk, data=incoming_data(code_number="9", subject="Về việc thủ tục đất đai phường An Cựu"))
    base = live_server.url
    sign_in(page, base, "vanthu")

    box = page.locator(".topsearch input[name=q]")
    box.fill("thu hoi dat thuy xu")  # no accents, the last word unfinished: still shown (a <datalist> would hide it)
    suggestion = page.locator("#search-suggestions").get_by_role("option")
    # The first answer may wait for the index on a loaded machine: more than the default 5 s.
    expect(suggestion).to_have_count(1, timeout=20_000)
    expect(suggestion).to_be_visible()
    expect(suggestion.locator(".suggestion-subject")).to_have_text("Về việc thu hồi đất phường Thủy Xuân")
    # What tells it apart from another letter of the same subject: kind, type, number, date.
    expect(suggestion.locator(".suggestion-detail")).to_have_text("Văn bản đến · Quyết định 123/QĐ-UBND · 03/03/2026")
    box.press("ArrowDown")
    expect(suggestion).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(page).to_have_url(f"{base}/van-ban-den/{decision.pk}/")

    box = page.locator(".topsearch input[name=q]")
    box.fill("thu hoi")
    expect(page.locator("#search-suggestions").get_by_role("option")).to_have_count(1)
    box.press("Escape")
    expect(page.locator("#search-suggestions")).to_be_hidden()
    box.fill("dat phuong")
    box.press("Enter")
    expect(page.locator("h1")).to_have_text("Tìm kiếm")
    expect(page.locator(".results .item")).to_have_count(2)
    page.click(".facets a:has-text('Quyết định')")
    expect(page.locator(".results .item")).to_have_count(1)
    expect(page.locator(".results .item mark").first).to_have_text("đất")
    page.click(".results .item-link")
    expect(page).to_have_url(f"{base}/van-ban-den/{decision.pk}/")
