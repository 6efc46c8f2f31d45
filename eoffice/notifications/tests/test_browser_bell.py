"""The bell in a real browser: it shows the unread count, the list opens the
record, and the count drops; on a phone the bell stays in the header."""

import re

import pytest
from playwright.sync_api import expect

from eoffice.conftest import incoming_data, sign_in
from eoffice.incoming.handling.services import incoming_submit
from eoffice.incoming.receiving.services import incoming_register


@pytest.mark.django_db(transaction=True)
def test_the_bell_counts_opens_the_record_and_drops(page, live_server, cast):
    clerk = cast.actor(cast.clerk)
    documents = [incoming_register(actor=clerk, data=incoming_data(code_number=str(n))) for n in (125, 126)]
    for document in documents:
        incoming_submit(actor=clerk, document=document, leader=cast.leader)

    sign_in(page, live_server.url, "chanhvp")
    bell = page.locator("header a.bell")
    expect(bell).to_have_attribute("aria-label", "Thông báo, 2 chưa đọc")
    expect(bell.locator(".bell-count")).to_have_text("2")
    bell.click()
    expect(page.locator("h1")).to_have_text("Thông báo")
    first = documents[0]
    page.click(f"text=Văn bản đến số {first.arrival_number} chờ đồng chí cho ý kiến chỉ đạo")
    expect(page).to_have_url(re.compile(f"/van-ban-den/{first.pk}/$"))
    expect(bell).to_have_attribute("aria-label", "Thông báo, 1 chưa đọc")

    page.set_viewport_size({"width": 390, "height": 844})
    expect(bell).to_be_visible()  # beside the folded menu
    box = bell.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    bell.click()
    page.click("button:has-text('Đánh dấu tất cả đã đọc')")
    expect(page.locator(".flash.success")).to_contain_text("Đã đánh dấu 1 thông báo")
    expect(bell).to_have_attribute("aria-label", "Thông báo")
    expect(bell.locator(".bell-count")).to_have_count(0)
