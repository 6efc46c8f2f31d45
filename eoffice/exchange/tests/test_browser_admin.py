"""The administrator's exchange pages in a real browser (Playwright, Debian's
Chromium), on a desktop and on a phone: the directory imported from a file, a
sender not in it added from the quarantine list, a dead letter sent again."""

import io

import pytest
from playwright.sync_api import expect

from eoffice.attachments.services import stored_file_from_bytes
from eoffice.audit.models import AuditEvent
from eoffice.exchange import sending, transport
from eoffice.exchange.models import Dispatch, SendState
from eoffice.exchange.receiving import receive_package
from eoffice.exchange.tests.documents import FINANCE, a_package
from eoffice.organisation.models import Agency, User

DIRECTORY_CSV = "Mã định danh,Tên cơ quan,Tên viết tắt\n000.00.20.H31,Sở Tư pháp,STP\n".encode()


def admin_sign_in(page, base):
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", "quantri")
    page.fill("input[name=password]", "matkhau-123")
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()


def fits(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth + 1")


@pytest.fixture
def dead_letter(settings, monkeypatch):
    settings.EOFFICE_EXCHANGE_SEND_ATTEMPTS = 1
    monkeypatch.setattr(transport, "send", lambda *a, **k: (_ for _ in ()).throw(OSError("trục không phản hồi")))
    envelope = stored_file_from_bytes(data=b"<edXML/>", extension="edxml", content_type="application/xml")
    row = Dispatch.objects.create(kind="status", message_id="m-dead", recipient_organ_id="000.00.13.H31", envelope=envelope)
    assert sending.attempt(row.pk).state == SendState.DEAD
    monkeypatch.setattr(transport, "send", lambda *a, **k: "ok")  # the axis is back
    return row


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_the_administrator_keeps_the_exchange_in_a_browser(cast, page, live_server, tmp_path, dead_letter, size):
    User.objects.create_superuser(username="quantri", password="matkhau-123")
    receive_package(stream=io.BytesIO(a_package()), transport="directory")  # from Sở Tài chính, not in the directory
    base = live_server.url
    page.set_viewport_size({"width": size[0], "height": size[1]})
    admin_sign_in(page, base)

    # Import: a file with one agency.
    upload = tmp_path / "danh-ba.csv"
    upload.write_bytes(DIRECTORY_CSV)
    page.goto(f"{base}/admin/exchange/directoryagency/nhap/")
    page.set_input_files("input[name=file]", str(upload))
    page.click("input[value='Nhập danh bạ']")
    expect(page.locator(".messagelist")).to_contain_text("Đã thêm 1 và cập nhật 0 cơ quan")
    assert Agency.objects.filter(organ_id="000.00.20.H31", name="Sở Tư pháp", hosted=False).exists()

    # Quarantine: the unknown sender, added with the name its package gave.
    page.goto(f"{base}/admin/exchange/directoryagency/noi-gui-chua-biet/")
    row = page.locator("#unknown-senders tbody tr")
    expect(row).to_contain_text(FINANCE.organ_id)
    row.locator("input[value='Thêm vào danh bạ']").click()
    expect(page.locator(".messagelist")).to_contain_text(f"Đã thêm Sở Tài chính ({FINANCE.organ_id}) vào danh bạ")
    expect(page.locator("#unknown-senders")).to_have_count(0)
    assert fits(page)

    # Dead letters: the reason on the list, then "Gửi lại".
    page.goto(f"{base}/admin/exchange/dispatch/?state__exact=dead")
    expect(page.locator("#result_list")).to_contain_text("trục không phản hồi")
    page.locator("#result_list input.action-select").first.check()
    page.select_option("select[name=action]", "send_again")
    page.click("button[name=index]")
    expect(page.locator(".messagelist")).to_contain_text("Đã xếp 1 gói tin để gửi lại")
    assert Dispatch.objects.get(pk=dead_letter.pk).state == SendState.SENT
    assert AuditEvent.objects.filter(action="exchange.resend", object_id=str(dead_letter.pk)).exists()
