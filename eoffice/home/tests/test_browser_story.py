"""Issue 14's story in a real browser, each person at their own desk (a browser
context of their own, signed in once): the general unit drafts next week's entry
of the Chủ tịch and submits it; the Chánh Văn phòng approves and publishes; the
Chủ tịch's home page shows it and, once it is changed with a notice, the bell
says so and the week marks it "Điều chỉnh" (on a phone too). The entry becomes
a meeting: Phòng Kinh tế is invited by a Giấy mời drafted through the outgoing
module and issued (submitted, approved, signed, numbered: each at their desk),
its head is told by the bell and replies, the meeting is held, the signed
minutes filed, the Thông báo kết luận issued the same way and its conclusion
turned into a task for that unit. The Chủ tịch then
assigns a task to Phòng Tổng hợp, whose head sees it on the bell and the home
page, reports progress, asks for more time, gets it, completes with evidence;
the Chủ tịch accepts, and the late-tasks panel and the task book follow."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect, sync_playwright

from eoffice.conftest import CHROMIUM, CHROMIUM_ARGS, make_pdf, person, sign_in
from eoffice.home.tasks import leader_panels_refresh
from eoffice.operations.models import Meeting, Room, ScheduleEntry, Task, TaskSource, TaskStatus
from eoffice.operations.tests.meeting_fixtures import after_the_start
from eoffice.operations.tests.test_browser_meetings import SLOW, panel, step
from eoffice.operations.tests.test_browser_schedule import add_entry, pick
from eoffice.operations.tests.test_browser_tasks import take
from eoffice.organisation.models import Role
from eoffice.outgoing.models import OutgoingDocument
from eoffice.outgoing.tests.conftest import signing_office
from eoffice.workdays.services import add_working_days

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
MEETING = "Làm việc với Sở Tài chính về dự toán ngân sách năm sau"
TASK = "Tham mưu phương án phân bổ dự toán ngân sách năm sau"


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Desks:
    """One signed-in page per person, each in its own browser context."""

    def __init__(self, browser: Browser, base: str) -> None:
        self.browser, self.base, self.pages = browser, base, {}

    def __call__(self, username: str, path: str = "/") -> Page:
        if username not in self.pages:
            page = self.browser.new_context(locale="vi-VN", viewport=DESKTOP).new_page()
            sign_in(page, self.base, username, to_inbox=False)
            self.pages[username] = page
        page = self.pages[username]
        page.goto(self.base + path)
        return page


def schedule_day():
    """A day of next week within the home page's seven days: next Monday, or on
    a Monday (next Monday is then a week away) tomorrow, in this week."""
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
    return monday if (monday - today).days < 7 else today + timedelta(days=1)


def bell_says(page: Page, unread: int) -> None:
    expect(page.locator("header a.bell")).to_have_attribute("aria-label", f"Thông báo, {unread} chưa đọc")
    expect(page.locator("header a.bell .bell-count")).to_have_text(str(unread))


def fits_the_phone(page: Page) -> None:
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"), page.url


def draft_and_publish(desks: Desks, day) -> str:
    year, number, _ = day.isocalendar()
    drafter = desks("chuyenvien", f"/dieu-hanh/lich-tuan/?tuan={year}-W{number:02d}")
    drafter.get_by_role("button", name="Lập lịch tuần này").click()
    expect(drafter.locator(".week-status")).to_have_text("Dự thảo")
    pick(drafter, "Lãnh đạo chủ trì", "chutich", "Nguyễn Văn chutich")
    pick(drafter, "Phòng họp", "so 2", "Phòng họp số 2")  # the room booked with the entry
    add_entry(drafter, day.isoformat(), "08:00", "10:00", MEETING)
    expect(drafter.locator(".sched")).to_contain_text(MEETING)
    pick(drafter, "Phòng họp", "so 2", "Phòng họp số 2")  # the same room at the same time: refused
    add_entry(drafter, day.isoformat(), "09:00", "11:00", "Họp Ban chỉ đạo chuyển đổi số")
    expect(drafter.get_by_role("alert")).to_contain_text("Phòng họp số 2 đã được đặt")
    drafter.get_by_role("button", name="Trình duyệt").click()
    expect(drafter.locator(".week-status")).to_have_text("Chờ duyệt")
    week = drafter.url.removeprefix(desks.base)

    approver = desks("chanhvp", week)
    approver.get_by_role("button", name="Duyệt lịch").click()
    approver.get_by_role("button", name="Phát hành").click()
    expect(approver.locator(".week-status")).to_have_text("Đã phát hành")
    return week


def change_with_notice(desks: Desks, week: str) -> None:
    drafter = desks("chuyenvien", week)
    drafter.get_by_role("link", name=f"Sửa {MEETING[:20]}").click()
    drafter.fill("input[name=start_time]", "14:00")
    drafter.fill("input[name=end_time]", "16:00")
    drafter.fill("textarea[name=notice]", "Chuyển sang buổi chiều do trùng lịch họp trực tuyến với Bộ Tài chính.")
    drafter.get_by_role("button", name="Lưu thay đổi").click()
    expect(drafter.locator(".flash.success")).to_be_visible()


def chairman_sees_the_change(desks: Desks) -> None:
    chairman = desks("chutich")
    bell_says(chairman, 2)  # the week published, then changed
    chairman.set_viewport_size(PHONE)
    expect(chairman.locator("header a.bell")).to_be_visible()
    expect(chairman.locator("[data-block=schedule]")).to_contain_text("14:00")
    fits_the_phone(chairman)
    chairman.locator("header a.bell").click()
    notice = chairman.get_by_role("link", name="Điều chỉnh lịch công tác", exact=False)
    expect(notice).to_have_count(1)
    fits_the_phone(chairman)
    chairman.set_viewport_size(DESKTOP)
    notice.click()  # the notice opens the week, where the entry carries the mark
    changed = chairman.locator("tr", has_text=MEETING)
    expect(changed.locator(".badge.changed")).to_have_text("Điều chỉnh")
    bell_says(chairman, 1)


def issue(desks: Desks, document: OutgoingDocument) -> None:
    """A meeting's document through the outgoing chain, each at their desk: the
    drafter submits, the unit head and the format checker approve, the Chánh Văn
    phòng signs, the registry numbers and issues it."""
    path = f"/van-ban-di/{document.pk}/"
    drafter = desks("chuyenvien", path)
    drafter.get_by_role("button", name="Trình", exact=True).click()
    expect(drafter.locator("#doc-status")).to_have_text("Đang trình duyệt")
    for username in ("truongphong", "kiemtra"):
        reviewer = desks(username, path)
        reviewer.get_by_role("button", name="Đồng ý").click()
        expect(reviewer.locator(".flash.success")).to_contain_text("Đã duyệt")
    signer = desks("chanhvp", path)
    signer.get_by_role("button", name="Ký số").click()
    expect(signer.locator("#doc-status")).to_have_text("Đã ký, chờ ban hành", timeout=SLOW)
    clerk = desks("vanthu", path)
    clerk.get_by_role("button", name="Cấp số và ban hành").click()
    expect(clerk.locator(".flash.success")).to_contain_text("Đã cấp số", timeout=SLOW)


def draft_and_issue(desks: Desks, meeting: str, summary: str, which: str, symbol: str) -> None:
    """The organiser drafts the meeting's Giấy mời or Thông báo (`which`), the
    chain issues it, and the meeting shows its number and symbol."""
    organiser = desks("chuyenvien", meeting)
    panel(organiser, summary)
    pick(organiser, "Người ký *", "chanhvp", "Nguyễn Văn chanhvp")
    step(organiser, summary, "Dự thảo")
    shown = organiser.locator(f"#meeting-{which}")
    expect(shown).to_contain_text("Dự thảo")
    issue(desks, getattr(Meeting.objects.get(), which))
    organiser.goto(desks.base + meeting)
    expect(shown).to_contain_text(symbol)


def meet(desks: Desks) -> None:
    """The entry's meeting: invitation, reply, held, its conclusion a task."""
    entry = ScheduleEntry.objects.get(content=MEETING)
    organiser = desks("chuyenvien", f"/dieu-hanh/lich-tuan/muc/{entry.pk}/")
    organiser.get_by_role("link", name="Tạo cuộc họp").click()
    organiser.get_by_role("button", name="Tạo cuộc họp").click()
    expect(organiser.locator("#meeting-status")).to_have_text("Chuẩn bị họp")
    expect(organiser.locator("main")).to_contain_text("Phòng họp số 2")  # the entry's booked room
    meeting = organiser.url.removeprefix(desks.base)
    pick(organiser, "Mời đơn vị", "kinh", "Phòng Kinh tế")
    step(organiser, "Mời thêm người, đơn vị", "Mời")
    expect(organiser.locator("#invitees")).to_contain_text("Phòng Kinh tế")
    draft_and_issue(desks, meeting, "Dự thảo Giấy mời", "invitation", "/GM-")

    invitee = desks("truongkt")
    bell_says(invitee, 2)  # invited, then the Giấy mời issued; also waiting on the home page
    invitee.locator("header a.bell").click()
    expect(invitee.get_by_role("link", name=f"Giấy mời họp: {MEETING}", exact=False)).to_have_count(1)
    invitee.goto(desks.base + "/")
    invitation = invitee.locator("[data-block=invitations]")
    expect(invitation.locator(".tally-value")).to_have_text("1")
    invitation.get_by_role("link", name=MEETING).click()
    invitee.locator("select[name=reply-reply]").select_option("attend")
    step(invitee, "Trả lời giấy mời", "Gửi trả lời")
    expect(invitee.locator("#invitees tr[data-reply=attend]")).to_contain_text("Phòng Kinh tế")

    organiser.goto(desks.base + meeting)
    with after_the_start(Meeting.objects.get()):  # held once it has started: next week
        organiser.reload()
        step(organiser, "Cuộc họp đã diễn ra", "Ghi nhận")
        expect(organiser.locator("#meeting-status")).to_have_text("Đã họp")
    panel(organiser, "Ghi kết luận")
    organiser.fill("textarea[name=conclusion-text]", "Rà soát nhu cầu vốn của các dự án chuyển tiếp")
    pick(organiser, "Đơn vị chủ trì *", "kinh", "Phòng Kinh tế")
    organiser.fill("input[name=conclusion-working_days]", "10")
    step(organiser, "Ghi kết luận", "Thêm kết luận")
    expect(organiser.locator("#conclusions")).to_contain_text("trong 10 ngày làm việc", timeout=SLOW)
    scan = {"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": make_pdf().read()}
    panel(organiser, "Lưu biên bản đã ký").locator("input[type=file]").set_input_files(scan)
    step(organiser, "Lưu biên bản đã ký", "Tải lên")
    expect(organiser.locator("#meeting-minutes")).to_contain_text("bien-ban.pdf")
    expect(organiser.locator("summary", has_text="Lưu biên bản đã ký")).to_have_count(0)  # filed once
    draft_and_issue(desks, meeting, "Dự thảo Thông báo kết luận", "notice", "/TB-")

    office = desks("chanhvp", meeting)
    step(office, "Chuyển kết luận thành nhiệm vụ", "Chuyển thành nhiệm vụ")
    expect(office.locator("#conclusions a", has_text="Nhiệm vụ")).to_be_visible(timeout=SLOW)
    task = Task.objects.get(lead_unit__abbreviation="KT")
    notice = Meeting.objects.get(entry=entry).notice
    assert (task.source_kind, task.outgoing) == (TaskSource.CONCLUSION, notice)  # the issued Thông báo is its source
    # Unread: invited, the Giấy mời issued, the Thông báo kết luận giving the unit a conclusion, the task it now leads.
    bell_says(desks("truongkt"), 4)


def assign(desks: Desks) -> Task:
    leader = desks("chutich", "/dieu-hanh/nhiem-vu/giao/")
    leader.fill("input[name=title]", TASK)
    leader.select_option("select[name=lead_unit]", label="Phòng Tổng hợp")
    leader.fill("input[name=working_days]", "5")
    leader.click("form.card button[type=submit]")
    expect(leader.locator("#task-status")).to_have_text("Mới giao")
    task = Task.objects.get(title=TASK)
    assert task.deadline == add_working_days(timezone.localdate(), 5)
    return task


def unit_works(desks: Desks, task: Task) -> None:
    head = desks("truongphong")
    bell_says(head, 3)  # the Giấy mời and the Thông báo to review (approved from their pages, unread), and the task
    block = head.locator("[data-block=tasks]")
    expect(block.locator(".tally-value").first).to_have_text("1")
    block.get_by_role("link", name=TASK).click()
    take(head, "start")
    expect(head.locator("#task-status")).to_have_text("Đang thực hiện")
    upload = {"name": "tien-do.pdf", "mimeType": "application/pdf", "buffer": make_pdf().read()}
    take(head, "report_progress", {"input[name=progress-percent]": "60", "textarea": "Đã tổng hợp đề xuất của 5 sở"},
         [("input[type=file]", upload)])  # fmt: skip
    expect(head.locator("#task-progress")).to_have_text("Tiến độ: 60%")
    expect(head.get_by_role("link", name="tien-do.pdf")).to_be_visible()


def late_panel(desks: Desks):
    """The Chủ tịch's late tasks panel after the periodic job has run (its figures are cached)."""
    leader_panels_refresh.call_local()
    return desks("chutich").locator("[data-panel=late_tasks]")


def extend(desks: Desks, task: Task) -> None:
    # The deadline passes (a live server's clock cannot be moved): the task is late.
    Task.objects.filter(pk=task.pk).update(deadline=timezone.localdate() - timedelta(days=1))
    expect(late_panel(desks).locator("tr[data-unit='Phòng Tổng hợp']")).to_contain_text("1")
    later = add_working_days(timezone.localdate(), 8)
    head = desks("truongphong", f"/dieu-hanh/nhiem-vu/{task.pk}/")
    take(head, "request_extension", {"input.date-text": f"{later:%d/%m/%Y}", "textarea": "Chờ số liệu của Sở Tài chính"})
    expect(head.locator("#pending-extension")).to_be_visible()

    leader = desks("chutich", f"/dieu-hanh/nhiem-vu/{task.pk}/")
    take(leader, "grant_extension")
    expect(leader.locator("#task-deadline")).to_contain_text(f"{later:%d/%m/%Y}")
    expect(leader.locator("#extensions")).to_contain_text(f"→ {later:%d/%m/%Y}")  # the change is traced
    expect(leader.locator("#history")).to_contain_text("Đồng ý gia hạn")
    expect(late_panel(desks).locator(".tally-value")).to_have_text("0")


def complete_and_accept(desks: Desks, task: Task) -> None:
    head = desks("truongphong", f"/dieu-hanh/nhiem-vu/{task.pk}/")
    evidence = {"name": "phuong-an.pdf", "mimeType": "application/pdf", "buffer": make_pdf().read()}
    take(head, "complete", {"textarea": "Đã trình phương án phân bổ"}, [("input[type=file]", evidence)])
    expect(head.locator("#task-status")).to_have_text("Đã hoàn thành, chờ nghiệm thu")

    leader = desks("chutich", f"/dieu-hanh/nhiem-vu/{task.pk}/")
    expect(leader.get_by_role("link", name="phuong-an.pdf")).to_be_visible()
    take(leader, "accept")
    expect(leader.locator("#task-status")).to_have_text("Đã nghiệm thu")
    expect(leader.locator("#task-deadline")).to_contain_text("Hoàn thành đúng hạn")
    expect(late_panel(desks)).to_contain_text("Không có đơn vị nào quá hạn.")
    book = desks("chutich", "/dieu-hanh/nhiem-vu/so-theo-doi/").locator("#task-book tbody tr", has_text="Phòng Tổng hợp")
    expect(book.locator("td").nth(2)).to_have_text("1")  # hoàn thành đúng hạn
    task.refresh_from_db()
    assert task.status == TaskStatus.ACCEPTED and task.original_deadline != task.deadline


def test_the_week_and_a_task_from_draft_to_acceptance(browser, live_server, cast, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    person("chutich", cast.office, Role.LEADER, position="Chủ tịch UBND thành phố")
    Room.objects.create(agency=cast.office, name="Phòng họp số 2", capacity=20)
    signing_office(cast)  # the format checker and the keys the Giấy mời and the Thông báo are signed with
    desks, day = Desks(browser, live_server.url), schedule_day()

    week = draft_and_publish(desks, day)
    chairman = desks("chutich")
    bell_says(chairman, 1)
    expect(chairman.locator("[data-block=schedule]")).to_contain_text(MEETING)
    expect(chairman.locator("[data-block=schedule]")).to_contain_text("08:00")
    change_with_notice(desks, week)
    chairman_sees_the_change(desks)

    meet(desks)

    task = assign(desks)
    unit_works(desks, task)
    extend(desks, task)
    complete_and_accept(desks, task)
