"""Keyboard and confirmation: a skip link first in the tab order, and a destructive
calendar change that says what it will change and asks before doing it."""

from datetime import date

import pytest
from playwright.sync_api import expect

from eoffice.conftest import person, sign_in
from eoffice.organisation.models import Membership, Role
from eoffice.workdays.models import CalendarOverride


@pytest.mark.django_db(transaction=True)
def test_the_first_tab_reaches_a_skip_link_to_the_content(page, live_server, cast):
    page.goto(f"{live_server.url}/thu-tuc/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Bỏ qua thanh điều hướng")
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


@pytest.mark.django_db(transaction=True)
def test_removing_a_calendar_day_asks_first_and_says_what_changes(page, live_server, cast):
    person("quantri", cast.office, Role.ADMIN, position="Quản trị")  # the cast's password
    override = CalendarOverride.objects.create(
        date=date(2026, 12, 28), is_working=False, name="Nghỉ bù", legal_basis="Thông báo số 1/TB-UBND"
    )
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("input[name=username]", "quantri")
    page.fill("input[name=password]", "matkhau-123")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/lich/?year=2026")
    asked: list[str] = []

    def answer(dialog, accept: bool) -> None:
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    page.get_by_role("button", name="Bỏ điều chỉnh ngày 28/12/2026").click()
    assert asked == ["Bỏ điều chỉnh ngày 28/12/2026? Mọi hạn xử lý đang mở sẽ được tính lại theo lịch mới."]
    assert CalendarOverride.objects.filter(pk=override.pk).exists()
    page.once("dialog", lambda dialog: answer(dialog, True))
    page.get_by_role("button", name="Bỏ điều chỉnh ngày 28/12/2026").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("button", name="Bỏ điều chỉnh ngày 28/12/2026")).to_have_count(0)
    assert not CalendarOverride.objects.filter(pk=override.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_menu_folds_and_every_control_is_big_enough_to_tap(page, live_server, cast):
    Membership.objects.create(user=cast.clerk, agency=cast.other, role=Role.CLERK)  # an agency switcher too
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server.url, "vanthu")
    menu, account = page.locator("#main-nav"), page.get_by_role("button", name="Đăng xuất")
    expect(menu).to_be_hidden()
    expect(account).to_be_hidden()
    header = page.locator("header.topbar").bounding_box()
    assert header is not None and header["height"] < 844 / 5  # the page starts near the top
    toggle = page.get_by_role("button", name="Điều hướng")
    toggle.click()
    expect(menu).to_be_visible()
    expect(account).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    heights = menu.locator("a").evaluate_all("links => links.map(a => a.getBoundingClientRect().height)")
    assert heights and min(heights) >= 44
    page.goto(f"{live_server.url}/van-ban-den/vao-so/")
    small = page.locator("main button:visible, main input:visible, main select:visible").evaluate_all(
        "els => els.filter(e => !['checkbox', 'radio', 'hidden'].includes(e.type))"
        ".filter(e => e.getBoundingClientRect().height < 44).map(e => e.name || e.textContent)"
    )
    assert small == []


@pytest.mark.django_db(transaction=True)
def test_on_a_desktop_the_menu_stays_open(page, live_server, cast):
    sign_in(page, live_server.url, "vanthu")
    expect(page.locator("#main-nav")).to_be_visible()
    expect(page.get_by_role("button", name="Điều hướng")).to_be_hidden()
