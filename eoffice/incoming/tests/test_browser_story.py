"""The story in a real browser: Playwright driving Debian's Chromium."""

import re

import pytest
from playwright.sync_api import expect

from eoffice.conftest import PDF_BYTES, sign_in
from eoffice.incoming.models import IncomingDocument, Status
from eoffice.organisation.selectors import picker_label


@pytest.mark.django_db(transaction=True)
def test_the_story_in_the_browser(page, live_server, cast, tmp_path):
    """GIVEN the office's cast
    WHEN the clerk uploads a PDF and registers it, the leader directs it, the
    unit head re-assigns it, the specialist completes it and the head accepts it
    THEN each inbox shows the document at its step, the trace shows every step
    and the leader finds the result in their inbox."""
    base = live_server.url
    pdf = tmp_path / "cong-van-125.pdf"
    pdf.write_bytes(PDF_BYTES)

    sign_in(page, base, "vanthu")
    page.click("text=Vào sổ")
    page.select_option("select[name=type_name]", "Công văn")
    page.fill("input[name=code_number]", "125")
    page.fill("input[name=code_notation]", "SXD-QLXD")
    page.fill("input[name=issued_date]", "2026-03-02")  # a date picker: the browser shows 02/03/2026
    page.fill("input[name=organ_name]", "Sở Xây dựng")
    page.fill("textarea[name=subject]", "Về việc kiểm tra trật tự xây dựng quý I năm 2026")
    page.fill("input[name=arrival_date]", "2026-03-03")
    page.select_option("select[name=priority]", "1")
    page.set_input_files("input[name=files]", str(pdf))
    page.click("button:has-text('Vào sổ')")
    expect(page.locator(".flash.success")).to_contain_text("số đến 1")
    expect(page.locator(".pages img.page").first).to_be_visible()
    page.select_option("select[name=leader]", label=picker_label(cast.office, cast.leader))
    page.click("button:has-text('Trình')")
    expect(page.locator(".status")).to_have_text("Đã trình")

    sign_in(page, base, "chanhvp")
    page.click("text=Về việc kiểm tra trật tự xây dựng")
    page.fill("textarea[name=opinion]", "Giao Phòng Tổng hợp chủ trì, Phòng Kinh tế phối hợp.")
    page.select_option("select[name=lead_unit]", label="Phòng Tổng hợp")
    page.check("input[name=coordinating_units] >> nth=0")
    page.fill("input[name=deadline_days]", "5")
    page.click("button:has-text('Chỉ đạo')")
    expect(page.locator(".status")).to_have_text("Đã có ý kiến chỉ đạo")

    sign_in(page, base, "truongphong")
    expect(page.locator(".item")).to_contain_text("Về việc kiểm tra trật tự xây dựng")
    page.click("text=Về việc kiểm tra trật tự xây dựng")
    page.click("summary:has-text('Phân công chuyên viên')")
    page.select_option("select[name$='-user']", label=picker_label(cast.office, cast.specialist))
    page.fill("input[name$='-deadline_days']", "3")
    page.click("button:has-text('Phân công')")
    expect(page.locator(".status")).to_have_text("Đang xử lý")

    sign_in(page, base, "chuyenvien")
    page.click("text=Về việc kiểm tra trật tự xây dựng")
    page.click("summary:has-text('Cập nhật tiến độ')")
    page.fill("textarea[name$='-note']", "Đã làm việc với Sở Xây dựng")
    page.click("button:has-text('Lưu tiến độ')")
    page.click("summary:has-text('Hoàn thành')")
    page.fill("textarea[name$='-proposal']", "Đề xuất UBND có công văn chỉ đạo")
    page.click("button.primary:has-text('Hoàn thành')")
    expect(page.locator(".flash.success")).to_contain_text("chờ lãnh đạo đơn vị chấp nhận")
    page.goto(f"{base}/van-ban-den/hop-thu/?tab=done")
    expect(page.locator(".item")).to_contain_text("Về việc kiểm tra trật tự xây dựng")

    sign_in(page, base, "truongphong")
    expect(page.locator(".item .reported")).to_have_text("Chờ lãnh đạo đơn vị chấp nhận")
    page.click("text=Về việc kiểm tra trật tự xây dựng")
    page.click("button.primary:has-text('Chấp nhận')")
    expect(page.locator(".status")).to_have_text("Đã xử lý xong")
    actions = page.locator(".timeline li").evaluate_all("items => items.map(i => i.dataset.action)")
    assert actions == ["register", "submit", "direct", "reassign", "progress", "complete", "accept", "done"]
    assert IncomingDocument.objects.get().status == Status.DONE

    sign_in(page, base, "chanhvp")
    expect(page.locator(".item")).to_contain_text("Kết quả xử lý")
    page.click("text=Về việc kiểm tra trật tự xây dựng")
    expect(page.locator("#result")).to_contain_text("Đề xuất UBND có công văn chỉ đạo")


@pytest.mark.django_db(transaction=True)
def test_the_inbox_works_on_a_phone(page, live_server, cast):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server.url, "vanthu")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    expect(page.locator("a.tab")).to_have_count(4)
    expect(page.locator("a.tab >> nth=0")).to_have_text(re.compile("Chờ xử lý"))
