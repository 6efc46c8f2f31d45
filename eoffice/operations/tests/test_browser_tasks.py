"""The task story in a real browser (Playwright with Debian's Chromium): a leader
assigns a task, the lead unit's head accepts it, reports progress with a file,
asks for more time, the leader grants it, the head completes, the leader accepts.
The bell and the list show what waits at each step; on a phone the actions come first."""

import re

import pytest
from playwright.sync_api import Page, expect

from eoffice.conftest import make_pdf, sign_in
from eoffice.operations.models import Task, TaskStatus
from eoffice.workdays.services import add_working_days

pytestmark = pytest.mark.django_db(transaction=True)


def open_task(page: Page, base: str, title: str) -> None:
    page.goto(f"{base}/dieu-hanh/nhiem-vu/")
    page.get_by_role("link", name=title).click()
    expect(page.locator("h1")).to_contain_text(title)


def take(page: Page, step: str, fields: dict | None = None, files: list | None = None) -> None:
    box = page.locator(f"details[data-step={step}]")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    for selector, value in (fields or {}).items():
        box.locator(selector).fill(value)
    for selector, upload in files or []:
        box.locator(selector).set_input_files(upload)
    box.locator("button:not(.date-button)").click()


def test_assign_report_extend_complete_accept(page: Page, live_server, crew, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    base, title = live_server.url, "Báo cáo tình hình thực hiện kết luận hội nghị"
    sign_in(page, base, "chanhvp")
    page.goto(f"{base}/dieu-hanh/nhiem-vu/giao/")
    page.fill("input[name=title]", title)
    page.select_option("select[name=lead_unit]", label="Phòng Tổng hợp")
    page.fill("input[name=working_days]", "5")
    page.select_option("select[name=source_kind]", "meeting")
    page.click("form.card button[type=submit]")
    expect(page.locator("#task-status")).to_have_text("Mới giao")
    task = Task.objects.get()
    assert task.deadline == add_working_days(crew.today, 5)

    sign_in(page, base, "truongphong")
    page.goto(f"{base}/dieu-hanh/nhiem-vu/")
    expect(page.locator("a[data-tab=waiting] .count")).to_have_text("1")
    open_task(page, base, title)
    take(page, "start")
    expect(page.locator("#task-status")).to_have_text("Đang thực hiện")
    upload = {"name": "tien-do.pdf", "mimeType": "application/pdf", "buffer": make_pdf().read()}
    take(page, "report_progress", {"input[name=progress-percent]": "60", "textarea": "Đã có số liệu 3 phường"},
         [("input[type=file]", upload)])  # fmt: skip
    expect(page.locator("#task-progress")).to_have_text("Tiến độ: 60%")
    assert page.locator(".progress > span").evaluate("bar => bar.style.width") == "60%"  # forms.js, not an inline style
    expect(page.get_by_role("link", name="tien-do.pdf")).to_be_visible()
    later = add_working_days(task.deadline, 5)
    take(page, "request_extension", {"input.date-text": later.isoformat(), "textarea": "Chờ số liệu của Sở Tài chính"})
    expect(page.locator("#pending-extension")).to_be_visible()

    sign_in(page, base, "chanhvp")
    open_task(page, base, title)
    page.set_viewport_size({"width": 390, "height": 844})
    actions, card = page.locator(".doc-act").bounding_box(), page.locator("#task-lead").bounding_box()
    assert actions and card and actions["y"] < card["y"]  # on a phone the actions come first
    take(page, "grant_extension")
    expect(page.locator("#task-deadline")).to_contain_text(f"{later:%d/%m/%Y}")
    expect(page.locator("#task-deadline")).to_contain_text("hạn ban đầu")

    sign_in(page, base, "truongphong")
    open_task(page, base, title)
    take(page, "complete", {"textarea": "Đã gửi báo cáo tổng hợp"})
    expect(page.locator("#task-status")).to_have_text("Đã hoàn thành, chờ nghiệm thu")

    sign_in(page, base, "chanhvp")
    open_task(page, base, title)
    take(page, "accept")
    expect(page.locator("#task-status")).to_have_text("Đã nghiệm thu")
    expect(page.locator("#history")).to_contain_text(re.compile("Đồng ý gia hạn"))
    task.refresh_from_db()
    assert task.status == TaskStatus.ACCEPTED and task.original_deadline != task.deadline
