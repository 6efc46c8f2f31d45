"""The outgoing story in a real browser (Playwright with Debian's Chromium):
a specialist answers a letter, the unit head returns the draft, the format
checker approves, the Phó Chủ tịch signs "KT. CHỦ TỊCH", the registry issues
it and the recipient's registry finds it."""

import pytest
from playwright.sync_api import expect

from eoffice.conftest import person, sign_in
from eoffice.incoming.models import IncomingDocument
from eoffice.incoming.models import Source as InSource
from eoffice.incoming.models import Status as InStatus
from eoffice.organisation.models import Role
from eoffice.organisation.selectors import picker_label
from eoffice.outgoing.models import Delivery, OutgoingDocument, Status
from eoffice.outgoing.tests.conftest import give_key
from eoffice.outgoing.tests.test_views_outgoing import assigned_letter

SUBJECT = "Trả lời về việc kiểm tra trật tự xây dựng quý I năm 2026"


def open_from_waiting_list(page, base):
    page.goto(f"{base}/van-ban-di/")
    expect(page.locator(".tab.active")).to_contain_text("Chờ tôi xử lý")
    page.click(f"text={SUBJECT}")
    expect(page.locator(".subject-lg")).to_have_text(SUBJECT)


def draft_the_answer(page, base, letter, vice):
    sign_in(page, base, "chuyenvien")
    page.goto(f"{base}/van-ban-den/{letter.pk}/")
    page.click("text=Soạn văn bản trả lời")
    expect(page.locator("h1")).to_have_text("Soạn thảo văn bản")
    page.fill("textarea[name=subject]", SUBJECT)
    page.fill("textarea[name=recipients_text]", "Sở Xây dựng")
    page.fill(
        "textarea[name=body]",
        "Văn phòng UBND thành phố nhận được Công văn số 125/SXD-QLXD của Sở Xây dựng.\n"
        "Về việc này, Phó Chủ tịch Thường trực UBND thành phố có ý kiến: đề nghị Sở Xây dựng tiếp tục kiểm tra./.",
    )
    page.fill("textarea[name=places_text]", "Như trên;\nCT, các PCT UBND TP")
    page.select_option("select[name=signer]", label=picker_label(letter.agency, vice))
    page.select_option("select[name=authority]", "KT.")
    page.fill("textarea[name=on_behalf_of]", "Chủ tịch")
    page.fill("input[name=signer_position]", "Phó Chủ tịch")
    page.select_option("select[name=recipients]", label=["Sở Xây dựng", "Bộ Xây dựng"])
    page.click("button:has-text('Lưu dự thảo')")
    expect(page.locator(".flash.success")).to_contain_text("Đã lưu dự thảo")
    page.click("button:has-text('Trình')")
    expect(page.locator("#doc-status")).to_have_text("Đang trình duyệt")


@pytest.mark.django_db(transaction=True)
def test_the_outgoing_story_in_the_browser(page, live_server, office):
    c, base = office, live_server.url
    vice = person("pcttub", c.office, Role.LEADER, position="Phó Chủ tịch")
    give_key(c.office, vice)
    letter = assigned_letter(c)
    draft_the_answer(page, base, letter, vice)

    sign_in(page, base, "truongphong")
    open_from_waiting_list(page, base)
    page.click("summary:has-text('Trả lại người soạn thảo')")
    page.fill("textarea[name=return-comment]", "Ghi rõ thời hạn báo cáo kết quả kiểm tra.")
    page.click("button:has-text('Trả lại')")
    expect(page.locator("#doc-status")).to_have_text("Bị trả lại")

    sign_in(page, base, "chuyenvien")
    open_from_waiting_list(page, base)
    expect(page.locator(".comment")).to_contain_text("Ghi rõ thời hạn")
    page.click("text=Sửa dự thảo")
    body = page.locator("textarea[name=body]")
    body.fill(body.input_value().replace("tiếp tục kiểm tra./.", "tiếp tục kiểm tra, báo cáo trước ngày 15/12/2026./."))
    page.fill("input[name=note]", "Bổ sung thời hạn theo ý kiến Trưởng phòng")
    page.click("button:has-text('Lưu phiên bản mới')")
    page.click("button:has-text('Trình')")

    for username in ("truongphong", "kiemtra"):
        sign_in(page, base, username)
        open_from_waiting_list(page, base)
        page.click("button:has-text('Đồng ý')")
        expect(page.locator(".flash.success")).to_contain_text("Đã duyệt")

    sign_in(page, base, "pcttub")
    open_from_waiting_list(page, base)
    page.click("button:has-text('Ký số')")
    expect(page.locator("#doc-status")).to_have_text("Đã ký, chờ ban hành")
    expect(page.locator(".signature")).to_have_count(1)

    sign_in(page, base, "vanthu")
    open_from_waiting_list(page, base)
    page.click("button:has-text('Cấp số và ban hành')")
    expect(page.locator(".flash.success")).to_contain_text("Đã cấp số 01/VP-TH")
    expect(page.locator(".signature.sig-ok")).to_have_count(2)
    expect(page.locator("tr[data-delivery=delivered]")).to_contain_text("Sở Xây dựng")
    expect(page.locator("tr[data-delivery=sent]")).to_contain_text("Bộ Xây dựng")

    doc = OutgoingDocument.objects.get()
    assert (doc.status, doc.authority, doc.version) == (Status.ISSUED, "KT.", 2)
    # Sở Xây dựng's registry finds it waiting, registers it, and the issuer sees 01, 03, 04.
    sign_in(page, base, "vanthu2")
    page.goto(f"{base}/van-ban-den/dien-tu/")
    expect(page.locator("#packages tbody tr")).to_contain_text("01/VP-TH")
    page.click("#packages tbody a")
    page.click("#register-form button:has-text('Vào sổ')")
    expect(page.locator("h1")).to_contain_text("01/VP-TH")
    copy = IncomingDocument.objects.get(agency=c.other)
    assert (copy.source, copy.arrival_number) == (InSource.INTERNAL, 1)
    page.click("main a:has-text('Kiểm tra chữ ký số')")
    expect(page.locator(".signature.sig-ok")).to_have_count(2)
    sign_in(page, base, "vanthu")
    page.goto(f"{base}/van-ban-di/{doc.pk}/")
    timeline = page.locator("tr[data-delivery=delivered] .timeline li")
    expect(timeline).to_have_count(3)
    assert [timeline.nth(n).get_attribute("data-code") for n in range(3)] == ["01", "03", "04"]
    letter.refresh_from_db()
    assert letter.status == InStatus.DONE and doc.recipients.get(agency=c.external).status == Delivery.SENT
