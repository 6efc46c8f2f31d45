"""A date field reads dd/mm/yyyy in every browser: the test browser runs in English,
where a native date field would show 01/05/2026 for 5 January."""

import re

import pytest
from playwright.sync_api import expect

from eoffice.conftest import sign_in


@pytest.mark.django_db(transaction=True)
def test_a_date_field_shows_and_takes_dd_mm_yyyy(page, live_server, cast):
    sign_in(page, live_server.url, "vanthu")
    page.goto(f"{live_server.url}/van-ban-den/?date_from=2026-01-05")
    start, end = page.locator("input[name=date_from]"), page.locator("input[name=date_to]")
    expect(start).to_have_value("05/01/2026")
    expect(start).to_have_attribute("type", "text")
    expect(start).to_have_attribute("aria-label", "Từ ngày")
    end.fill("07/01/2026")
    end.press("Enter")
    expect(page).to_have_url(re.compile(r"date_from=05%2F01%2F2026&date_to=07%2F01%2F2026$"))
    expect(page.locator("input[name=date_to]")).to_have_value("07/01/2026")


@pytest.mark.django_db(transaction=True)
def test_the_calendar_button_fills_the_field_in_dd_mm_yyyy(page, live_server, cast):
    sign_in(page, live_server.url, "vanthu")
    page.goto(f"{live_server.url}/van-ban-den/vao-so/")
    field = page.locator("input[name=issued_date]")
    button = page.locator(".date-field:has(input[name=issued_date]) .date-button")
    expect(button).to_have_accessible_name("Chọn ngày trên lịch")
    assert button.bounding_box()["height"] >= 44
    # The browser's own calendar is outside the page; choosing a day in it changes the field underneath.
    page.locator(".date-field:has(input[name=issued_date]) .date-helper").evaluate(
        "el => { el.value = '2026-03-02'; el.dispatchEvent(new Event('change')); }"
    )
    expect(field).to_have_value("02/03/2026")
    expect(page.locator("label[for=id_issued_date]")).to_have_count(1)
    assert field.get_attribute("id") == "id_issued_date"
