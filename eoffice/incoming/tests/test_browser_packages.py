"""The registry's electronic arrivals in a real browser (Playwright, Debian's Chromium):
the queue, the form filled from the package, the verified signature, one click."""

import io

import pytest
from playwright.sync_api import expect

from eoffice.conftest import PDF_BYTES, sign_in
from eoffice.exchange.receiving import receive_package
from eoffice.exchange.tests.documents import FINANCE, a_package
from eoffice.incoming.models import IncomingDocument, Source
from eoffice.signatures.models import Backend, SigningKey
from eoffice.signatures.services import sign_pdf
from eoffice.signatures.testca import make_test_ca


def signed_by_finance(var_dir) -> bytes:
    pki = make_test_ca(var_dir / "pki", agencies=[(FINANCE.organ_name, FINANCE.organ_id)], people=[])
    credential = pki.agencies[FINANCE.organ_id]
    key = SigningKey(
        backend=Backend.FILE,
        key_path=str(credential.key_path),
        cert_path=str(credential.cert_path),
        chain_paths="\n".join(str(p) for p in credential.chain_paths),
    )
    return sign_pdf(data=PDF_BYTES, key=key, field_name="ChuKy", box=None, reason="Phát hành", location="Hải Phòng")


@pytest.fixture
def signed_pdf(settings, tmp_path):
    """Signed before the browser starts: pyHanko runs its own event loop, which
    Playwright's loop in the same thread would forbid."""
    settings.VAR_DIR, settings.EOFFICE_TRUST_DIR, settings.EOFFICE_TSA_URL = tmp_path, "", ""
    return signed_by_finance(tmp_path)


@pytest.mark.django_db(transaction=True)
def test_the_clerk_registers_an_electronic_arrival_in_one_click(signed_pdf, page, live_server, cast):
    data = a_package(attachment_data=signed_pdf)
    (package,) = receive_package(stream=io.BytesIO(data), transport="directory").packages
    other = a_package(code_number="126", subject="Về việc thẩm định dự án cầu Rào 3")
    receive_package(stream=io.BytesIO(other), transport="directory")
    base = live_server.url

    sign_in(page, base, "vanthu", to_inbox=False)
    expect(page.locator("#menu-packages .count")).to_have_text("2")
    page.click("#menu-packages")
    page.click("text=Về việc kiểm tra công trình xây dựng")
    expect(page.locator("#register-form input[name=code_notation]")).to_have_value("STC-NS")
    expect(page.locator("#register-form input[name=organ_name]")).to_have_value("Sở Tài chính")
    signature = page.locator(f"#signatures-{package.files.get().pk} .signature")
    expect(signature).to_have_attribute("data-trusted", "yes")
    expect(signature).to_have_attribute("data-intact", "yes")
    expect(signature).to_contain_text("Sở Tài chính")
    page.click("#register-form button:has-text('Vào sổ')")
    expect(page.locator(".flash.success")).to_contain_text("số đến 1")
    expect(page.locator(".pages img.page").first).to_be_visible()
    document = IncomingDocument.objects.get()
    assert (document.source, document.package_id) == (Source.ELECTRONIC, package.pk)
    expect(page.locator("#menu-packages .count")).to_have_text("1")

    # A phone: the other package's page fits the screen, its button within reach.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/van-ban-den/dien-tu/")
    page.click("text=Về việc thẩm định dự án cầu Rào 3")
    expect(page.locator("#register-form button:has-text('Vào sổ')")).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth + 1")
    page.click("summary:has-text('Từ chối tiếp nhận')")
    page.fill("textarea[name=refuse-reason]", "Văn bản gửi nhầm cơ quan")
    page.click("button:has-text('Từ chối')")
    expect(page.locator("#package-state")).to_have_text("Đã từ chối")
    expect(page.locator("#package-problem")).to_contain_text("Văn bản gửi nhầm cơ quan")


@pytest.fixture
def issued_to_ministry(settings, tmp_path, transactional_db, cast):
    """An issued Công văn to Bộ Xây dựng (another installation), signed before
    the browser starts, for the reason given in signed_pdf."""
    from eoffice.outgoing.tests.conftest import issue_through, signing_office

    settings.VAR_DIR, settings.EOFFICE_TRUST_DIR, settings.EOFFICE_TSA_URL = tmp_path, "", ""
    office = signing_office(cast)
    return office, issue_through(office, recipients=[office.external])


def test_the_sender_follows_the_recipients_handling_on_its_page(issued_to_ministry, page, live_server):
    from datetime import datetime

    from eoffice.exchange.edxml import VIETNAM
    from eoffice.outgoing.tests.test_recipient_statuses import status_from

    office, document = issued_to_ministry
    for hour, code in [(8, "01"), (9, "03"), (10, "05"), (15, "06")]:
        status_from(office.external, document, code, at=datetime(2026, 12, 7, hour, tzinfo=VIETNAM))
    recipient = document.recipients.get()
    sign_in(page, live_server.url, "vanthu", to_inbox=False)
    for width, height in [(1280, 900), (390, 844)]:  # a desktop, then a phone
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/van-ban-di/{document.pk}/")
        timeline = page.locator(f"#timeline-{recipient.pk} li")
        expect(timeline).to_have_count(4)
        assert [timeline.nth(i).get_attribute("data-code") for i in range(4)] == ["01", "03", "05", "06"]
        expect(timeline.last).to_contain_text("Đã xử lý xong")
        expect(timeline.last).to_be_visible()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_the_clerk_registers_a_replacement_and_both_versions_say_so(page, live_server, cast, size):
    from eoffice.incoming.receiving.electronic import package_register
    from eoffice.incoming.tests.test_package_recall import ORIGINAL, received

    first = package_register(actor=cast.actor(cast.clerk), package=received())
    reason = "Thay thế do sai sót số liệu"
    received(code_number="131", business_doc_type=3, business_doc_reason=reason, business_document_id=ORIGINAL)
    base = live_server.url
    page.set_viewport_size({"width": size[0], "height": size[1]})
    sign_in(page, base, "vanthu", to_inbox=False)
    page.goto(f"{base}/van-ban-den/dien-tu/")
    row = page.locator("#packages tbody tr")
    expect(row).to_contain_text("131/STC-NS")
    expect(row).to_contain_text("Thay thế")  # hidden on a phone: the page of the package says it anyway
    row.locator("a").click()
    expect(page.locator("#new-version")).to_contain_text("Gói tin thay thế văn bản đã gửi trước")
    expect(page.locator("#new-version")).to_contain_text(reason)
    page.click("#register-form button:has-text('Vào sổ')")
    expect(page.locator(".flash.success")).to_contain_text("số đến 2")
    notice = page.locator("#supersedes")
    expect(notice).to_contain_text(f"số đến {first.arrival_number}")
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth + 1")
    notice.locator("a").click()
    expect(page.locator("#superseded")).to_contain_text("số đến 2")
    second = IncomingDocument.objects.get(arrival_number=2)
    assert second.supersedes == first
