"""The pickers of people and units in a real browser: grouped by unit, searchable by
typing with or without diacritics (Tom Select, served from this site), usable with
the keyboard, clean for axe, on a desktop and on a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from eoffice.conftest import incoming_data, sign_in
from eoffice.incoming.handling.services import incoming_submit
from eoffice.incoming.models import Assignment, AssignmentKind
from eoffice.incoming.receiving.services import incoming_register
from eoffice.organisation.models import Membership, Role, User

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def serious(page) -> list[str]:
    found = Axe().run(page).response["violations"]
    return [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in found if v["impact"] in {"serious", "critical"}]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", SIZES)
def test_the_leader_finds_people_and_units_by_typing_without_diacritics(page, live_server, cast, size):
    duc = User.objects.create_user(username="ducdv", password="matkhau-123", full_name="Đặng Văn Đức")
    Membership.objects.create(user=duc, agency=cast.office, role=Role.SPECIALIST, unit=cast.kinhte, position="Chuyên viên")
    Membership.objects.create(
        user=User.objects.create_superuser("root", password="matkhau-123"), agency=cast.office, role=Role.ADMIN
    )
    document = incoming_register(actor=cast.actor(cast.clerk), data=incoming_data())
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    page.set_viewport_size(SIZES[size])
    sign_in(page, live_server.url, "chanhvp")
    page.goto(f"{live_server.url}/van-ban-den/{document.pk}/")
    page.fill("textarea[name=opinion]", "Giao Phòng Kinh tế chủ trì.")

    people = page.get_by_role("combobox", name="Cá nhân nhận để biết")
    people.click()
    groups = page.locator(".ts-dropdown:visible [role=group]")
    expect(groups.first).to_have_attribute("aria-label", "Lãnh đạo cơ quan")
    assert groups.evaluate_all("gs => gs.map(g => g.getAttribute('aria-label'))") == [
        "Lãnh đạo cơ quan", "Phòng Kinh tế", "Phòng Tổng hợp", "Văn thư"
    ]  # fmt: skip
    expect(page.locator(".ts-dropdown:visible")).not_to_contain_text("root")  # no administrator
    people.press_sequentially("dang van duc")  # no diacritics, đ typed as d
    options = page.locator(".ts-dropdown:visible [role=option]")
    expect(options).to_have_text(["Đặng Văn Đức — Chuyên viên, Phòng Kinh tế"])
    assert serious(page) == []  # the open list too
    people.press("Enter")
    people.press_sequentially("Nguyễn Văn truongkt")  # with diacritics
    expect(options).to_have_text(["Nguyễn Văn truongkt — Trưởng phòng, Phòng Kinh tế"])
    people.press("Enter")
    people.press("Escape")

    unit = page.get_by_role("combobox", name="Đơn vị chủ trì")
    page.get_by_role("button", name="Chỉ đạo").click()  # no lead unit yet: the browser stops it
    expect(unit).to_be_focused()  # at the searchable control, not the hidden list
    assert page.locator("select[name=lead_unit]").evaluate("s => s.validationMessage") == "Vui lòng chọn một mục."
    assert Assignment.objects.filter(document=document, kind=AssignmentKind.LEAD).count() == 0
    unit.press_sequentially("kinh te")
    expect(options).to_have_text(["Phòng Kinh tế"])
    unit.press("Enter")
    assert serious(page) == []
    if size == "phone":
        assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
        box = page.locator(".ts-wrapper .ts-control").first.bounding_box()
        assert box is not None and box["height"] >= 44
    page.get_by_role("button", name="Chỉ đạo").click()
    expect(page.locator(".status")).to_have_text("Đã có ý kiến chỉ đạo")
    lead = Assignment.objects.get(document=document, kind=AssignmentKind.LEAD)
    informed = Assignment.objects.filter(document=document, kind=AssignmentKind.INFORM, user__isnull=False)
    assert lead.unit == cast.kinhte
    assert {a.user.username for a in informed} == {"ducdv", "truongkt"}


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_pickers_are_plain_grouped_lists(live_server, cast):
    from playwright.sync_api import sync_playwright

    from eoffice.conftest import CHROMIUM, CHROMIUM_ARGS

    document = incoming_register(actor=cast.actor(cast.clerk), data=incoming_data())
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(java_script_enabled=False, locale="vi-VN").new_page()
        page.goto(f"{live_server.url}/dang-nhap/")
        page.fill("input[name=username]", "vanthu")
        page.fill("input[name=password]", "matkhau-123")
        page.click("button[type=submit]")
        page.goto(f"{live_server.url}/van-ban-den/{document.pk}/")
        leader = page.get_by_role("combobox", name="Trình lãnh đạo")
        expect(leader.locator("optgroup")).to_have_attribute("label", "Lãnh đạo cơ quan")
        leader.select_option(label="Nguyễn Văn chanhvp — Chánh Văn phòng")
        page.get_by_role("button", name="Trình", exact=True).click()
        expect(page.locator(".status")).to_have_text("Đã trình")
        browser.close()
