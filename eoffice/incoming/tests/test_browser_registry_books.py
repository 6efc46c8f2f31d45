"""The registry's Decree 30 pages in a browser: correcting a registered
document, a leader granting a confidential one (confirmed first), and the
confidential register with its PDF to bind, on a desktop and on a phone."""

import pytest
from playwright.sync_api import expect

from eoffice.conftest import incoming_data, make_pdf, sign_in
from eoffice.incoming.handling.services import incoming_submit
from eoffice.incoming.models import AccessGrant, IncomingDocument
from eoffice.incoming.receiving.services import incoming_register

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_correct_grant_and_print_the_confidential_register(page, live_server, cast, size):
    clerk = cast.actor(cast.clerk)
    ordinary = incoming_register(actor=clerk, data=incoming_data(subject="Về viec kiem tra"), files=[make_pdf()])
    secret = incoming_register(actor=clerk, data=incoming_data(code_number="9", confidentiality=1, subject="Về bảo vệ mục tiêu"))
    incoming_submit(actor=clerk, document=secret, leader=cast.leader)
    base = live_server.url
    page.set_viewport_size(SIZES[size])

    sign_in(page, base, "vanthu")
    page.goto(f"{base}/van-ban-den/{ordinary.pk}/")
    page.click("summary:has-text('Cập nhật, bổ sung thông tin văn bản')")
    page.fill("textarea[name=correct-subject]", "Về việc kiểm tra trật tự xây dựng")
    page.click("button:has-text('Lưu thông tin')")
    # No reason given: the browser holds the form back, what was typed stays.
    assert page.evaluate("document.querySelector('textarea[name=correct-reason]').validity.valueMissing")
    expect(page.locator("textarea[name=correct-subject]")).to_have_value("Về việc kiểm tra trật tự xây dựng")
    page.fill("textarea[name=correct-reason]", "Sai chính tả khi vào sổ")
    page.click("button:has-text('Lưu thông tin')")
    expect(page.locator("main")).to_contain_text("Về việc kiểm tra trật tự xây dựng")
    assert IncomingDocument.objects.get(pk=ordinary.pk).subject == "Về việc kiểm tra trật tự xây dựng"

    sign_in(page, base, "chanhvp")
    page.goto(f"{base}/van-ban-den/{secret.pk}/")
    page.click("summary:has-text('Cấp quyền xem văn bản mật')")
    grant = page.locator("details:has(summary:has-text('Cấp quyền xem văn bản mật'))")
    grant.locator("select[name=user]").select_option(str(cast.specialist.pk))
    grant.locator("button:has-text('Cấp quyền')").click()
    assert grant.locator("input[name=confirm]").evaluate("e => e.validity.valueMissing")  # confirm first
    assert not AccessGrant.objects.filter(document=secret, user=cast.specialist).exists()
    grant.locator("input[name=confirm]").check()
    grant.locator("button:has-text('Cấp quyền')").click()
    expect(page.locator(".flash").first).to_be_visible()
    assert AccessGrant.objects.filter(document=secret, user=cast.specialist).exists()

    sign_in(page, base, "vanthu")  # the registering clerk holds a grant: the confidential register is offered
    page.goto(f"{base}/van-ban-den/so-dang-ky/")
    page.select_option("select[name=so]", "mat")
    page.click("form.filters button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Sổ đăng ký văn bản đến mật")
    expect(page.locator("table")).to_contain_text("Về bảo vệ mục tiêu")
    with page.expect_download() as download:
        page.click("a:has-text('Bản in để đóng sổ (PDF)')")
    assert download.value.suggested_filename.startswith("so-van-ban-den-mat-")
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
