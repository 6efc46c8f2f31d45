"""The meeting's story in a real browser: the organiser creates the meeting
from a published schedule entry, invites a unit and drafts the Giấy mời; the
unit's head replies (on a phone too); the week page links the entry to the
meeting, which is held once it has started, a conclusion
recorded, and the Chánh Văn phòng turns it into a task."""

from datetime import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from eoffice.conftest import sign_in
from eoffice.operations.models import Meeting, Task
from eoffice.operations.schedule import services as schedule
from eoffice.operations.tests.meeting_fixtures import after_the_start
from eoffice.operations.tests.schedule_fixtures import publish, values
from eoffice.operations.tests.test_browser_schedule import close_pickers, pick

SLOW = 20_000  # ms: a step that writes tasks may take a while on a loaded machine


def panel(page, summary: str):
    """A step's panel, opened."""
    found = page.locator("details", has=page.locator("summary", has_text=summary))
    if found.get_attribute("open") is None:
        found.locator("summary").click()
    return found


def step(page, summary: str, button: str) -> None:
    """Press a step's button; a picker list left open over it is closed first."""
    target = panel(page, summary).locator("button:not(.date-button)", has_text=button)
    for _ in range(3):
        close_pickers(page)
        try:
            target.click(timeout=5_000)
            return
        except PlaywrightTimeout:
            continue
    target.click()


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    fits = not page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    page.set_viewport_size({"width": 1280, "height": 900})
    return fits


@pytest.mark.django_db(transaction=True)
def test_create_invite_reply_and_turn_the_conclusions_into_tasks(page, live_server, sched):
    entry = schedule.entry_add(actor=sched.drafter, week=sched.week, values=values(
        sched.monday, leaders=[sched.chairman], room=sched.room, content="Hội nghị tổng kết công tác năm 2026",
        start_time=time(8, 0), end_time=time(11, 0),
    ))  # fmt: skip
    publish(sched)
    base = live_server.url

    sign_in(page, base, "chuyenvien")
    page.goto(f"{base}/dieu-hanh/lich-tuan/muc/{entry.pk}/")
    page.get_by_role("link", name="Tạo cuộc họp").click()
    expect(page.locator("input[name=title]")).to_have_value("Hội nghị tổng kết công tác năm 2026")
    page.get_by_role("button", name="Tạo cuộc họp").click()
    expect(page.locator("#meeting-status")).to_have_text("Chuẩn bị họp")
    meeting_url = page.url
    pick(page, "Mời đơn vị", "kinh", "Phòng Kinh tế")
    step(page, "Mời thêm người, đơn vị", "Mời")
    expect(page.locator("#invitees")).to_contain_text("Phòng Kinh tế")
    panel(page, "Dự thảo Giấy mời")
    pick(page, "Người ký *", "chanhvp", "Nguyễn Văn chanhvp")
    step(page, "Dự thảo Giấy mời", "Dự thảo")
    expect(page.locator("#meeting-invitation")).to_contain_text("Dự thảo")
    assert Meeting.objects.get().invitation.type_name == "Giấy mời"

    sign_in(page, base, "truongkt")
    page.goto(meeting_url)
    page.locator("select[name=reply-reply]").select_option("absent")
    step(page, "Trả lời giấy mời", "Gửi trả lời")
    expect(page.locator(".field.has-error")).to_contain_text("Vắng mặt cần nêu lý do")
    page.locator("select[name=reply-reply]").select_option("attend")
    step(page, "Trả lời giấy mời", "Gửi trả lời")
    expect(page.locator("#invitees tr[data-reply=attend]")).to_contain_text("Phòng Kinh tế")
    assert fits_a_phone(page)

    sign_in(page, base, "chuyenvien")
    page.goto(f"{base}/dieu-hanh/lich-tuan/?tuan={sched.monday:%G-W%V}")  # the week links the entry to its meeting
    page.get_by_role("link", name="Cuộc họp Hội nghị tổng kết").click()
    expect(page.locator("#meeting-status")).to_have_text("Chuẩn bị họp")
    expect(page.locator("summary", has_text="Cuộc họp đã diễn ra")).to_have_count(0)  # not before it starts
    with after_the_start(Meeting.objects.get()):
        page.reload()
        step(page, "Cuộc họp đã diễn ra", "Ghi nhận")
        expect(page.locator("#meeting-status")).to_have_text("Đã họp")
    panel(page, "Ghi kết luận")
    page.fill("textarea[name=conclusion-text]", "Hoàn thiện báo cáo tổng kết năm 2026")
    pick(page, "Đơn vị chủ trì *", "kinh", "Phòng Kinh tế")
    page.fill("input[name=conclusion-working_days]", "10")
    step(page, "Ghi kết luận", "Thêm kết luận")
    expect(page.locator("#conclusions")).to_contain_text("trong 10 ngày làm việc", timeout=SLOW)

    sign_in(page, base, "chanhvp")
    page.goto(meeting_url)
    step(page, "Chuyển kết luận thành nhiệm vụ", "Chuyển thành nhiệm vụ")
    expect(page.locator("#conclusions a", has_text="Nhiệm vụ")).to_be_visible(timeout=SLOW)
    assert Task.objects.get().lead_unit.abbreviation == "KT"
    assert fits_a_phone(page)
