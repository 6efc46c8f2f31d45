"""The weekly schedule's story in a real browser: the general unit's specialist
drafts next week (a room taken twice is refused until confirmed) and submits it;
the Chánh Văn phòng approves and publishes; a member of staff sees the week, on a
phone too; a change after publication shows the "Điều chỉnh" mark."""

import re

import pytest
from playwright.sync_api import expect

from eoffice.conftest import person, sign_in
from eoffice.operations.models import Room
from eoffice.operations.tests.schedule_fixtures import next_monday
from eoffice.organisation.models import Role


def close_pickers(page) -> None:
    """Close any open picker list, as a click elsewhere on the page does."""
    page.keyboard.press("Escape")
    page.evaluate("document.body.dispatchEvent(new MouseEvent('mousedown', {bubbles: true}))")


def pick(page, label: str, typed: str, option: str) -> None:
    """Choose in a searchable picker (Tom Select) as a keyboard user does: type, Enter, Escape."""
    box = page.get_by_role("combobox", name=label, exact=True)
    box.focus()
    box.press_sequentially(typed)
    expect(page.locator(".ts-dropdown:visible .option.active")).to_contain_text(option)
    box.press("Enter")
    settle(page)


def settle(page) -> None:
    """Close the picker list as the user's Escape does, until it stays closed.

    Tom Select reopens its list from a focus handler it schedules with setTimeout; on
    a loaded machine that handler can run after the Escape. The key goes to whatever
    has the focus (not `locator.press`, which focuses the box first and so reopens it)."""
    open_lists = page.locator(".ts-dropdown:visible")
    for _ in range(20):
        page.keyboard.press("Escape")
        page.wait_for_timeout(150)
        if not open_lists.count():
            page.wait_for_timeout(150)  # a late handler would have reopened it by now
            if not open_lists.count():
                return
    expect(open_lists).to_have_count(0)


def add_entry(page, day: str, start: str, end: str, content: str) -> None:
    page.fill("input[name=date]", day)
    page.fill("input[name=start_time]", start)
    page.fill("input[name=end_time]", end)
    page.fill("textarea[name=content]", content)
    page.get_by_role("button", name="Thêm vào lịch").click()


@pytest.mark.django_db(transaction=True)
def test_draft_approve_publish_and_change_the_week(page, live_server, cast):
    person("chutich", cast.office, Role.LEADER, position="Chủ tịch UBND thành phố")
    Room.objects.create(agency=cast.office, name="Phòng họp số 1", capacity=30)
    monday = next_monday()
    year, number, _ = monday.isocalendar()
    code, base = f"{year}-W{number:02d}", live_server.url

    sign_in(page, base, "chuyenvien")
    page.get_by_role("link", name="Lịch tuần").click()
    page.goto(f"{base}/dieu-hanh/lich-tuan/?tuan={code}")
    page.get_by_role("button", name="Lập lịch tuần này").click()
    expect(page.locator(".week-status")).to_have_text("Dự thảo")
    pick(page, "Lãnh đạo chủ trì", "chutich", "Nguyễn Văn chutich")
    pick(page, "Phòng họp", "so 1", "Phòng họp số 1")
    add_entry(page, monday.isoformat(), "08:00", "10:00", "Họp giao ban Thường trực UBND thành phố")
    expect(page.locator(".sched")).to_contain_text("Họp giao ban Thường trực UBND thành phố")

    pick(page, "Phòng họp", "so 1", "Phòng họp số 1")
    add_entry(page, monday.isoformat(), "09:00", "11:00", "Tiếp đoàn công tác của Bộ Nội vụ")
    expect(page.get_by_role("alert")).to_contain_text("Phòng họp số 1 đã được đặt")  # refused, the input kept
    page.get_by_label("Vẫn xếp lịch dù trùng").check()
    page.get_by_role("button", name="Thêm vào lịch").click()
    expect(page.locator(".sched")).to_contain_text("Tiếp đoàn công tác của Bộ Nội vụ")
    expect(page.locator(".sched .error-text").first).to_contain_text("Trùng phòng")
    page.get_by_role("button", name="Trình duyệt").click()
    expect(page.locator(".week-status")).to_have_text("Chờ duyệt")
    drafting = page.url

    sign_in(page, base, "chanhvp")
    page.goto(drafting)
    page.get_by_role("button", name="Duyệt lịch").click()
    page.get_by_role("button", name="Phát hành").click()
    expect(page.locator(".week-status")).to_have_text("Đã phát hành")

    sign_in(page, base, "chuyenvienkt")
    page.goto(f"{base}/dieu-hanh/lich-tuan/?tuan={code}")
    expect(page.get_by_role("heading", name=f"Thứ Hai {monday:%d/%m}")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Họp giao ban Thường trực UBND thành phố")
    expect(page.locator("main")).not_to_contain_text("Điều chỉnh")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    page.set_viewport_size({"width": 1280, "height": 900})

    sign_in(page, base, "chuyenvien")
    page.goto(drafting)
    page.get_by_role("link", name=re.compile("Sửa Tiếp đoàn công tác")).click()
    page.fill("input[name=start_time]", "14:00")
    page.fill("input[name=end_time]", "16:00")
    page.get_by_role("button", name="Lưu thay đổi").click()
    expect(page.locator(".field.has-error")).to_contain_text("Nhập thông báo điều chỉnh")  # under the notice field
    page.fill("textarea[name=notice]", "Chuyển sang buổi chiều.")
    page.get_by_role("button", name="Lưu thay đổi").click()
    page.goto(f"{base}/dieu-hanh/lich-tuan/?tuan={code}")
    changed = page.locator("tr", has_text="Tiếp đoàn công tác của Bộ Nội vụ")
    expect(changed.locator(".badge.changed")).to_have_text("Điều chỉnh")
    expect(changed).to_contain_text("14:00–16:00")
