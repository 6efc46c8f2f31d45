"""The administrator sees every received package, those no registry sees too,
and downloads the raw package; nobody changes them there."""

import io

from django.urls import reverse

from eoffice.exchange.models import ReceivedPackage
from eoffice.exchange.receiving import receive_package
from eoffice.organisation.models import User


def test_the_administrator_inspects_a_package_no_registry_sees(cast, client):
    broken = b"<edXML><khong-dong>"
    (package,) = receive_package(stream=io.BytesIO(broken), transport="directory", reference="hong.edxml").packages
    assert package.agency is None
    admin = User.objects.create_superuser(username="quantri", password="matkhau-123")
    client.force_login(admin)
    listing = client.get(reverse("admin:exchange_receivedpackage_changelist")).content.decode()
    assert "hong.edxml" in listing
    page = client.get(reverse("admin:exchange_receivedpackage_change", args=[package.pk])).content.decode()
    assert "không phải XML hợp lệ" in page and reverse("exchange-raw", args=[package.pk]) in page
    assert "Tệp của gói tin" in page and "Trạng thái đã gửi" in page and "Received file" not in page
    raw = client.get(reverse("exchange-raw", args=[package.pk]))
    assert b"".join(raw.streaming_content) == broken
    assert client.post(reverse("admin:exchange_receivedpackage_delete", args=[package.pk]), {"post": "yes"}).status_code == 403
    assert ReceivedPackage.objects.filter(pk=package.pk).exists()


def test_the_raw_package_is_for_staff_only(cast, client):
    (package,) = receive_package(stream=io.BytesIO(b"<x/>"), transport="directory").packages
    client.force_login(cast.clerk)
    response = client.get(reverse("exchange-raw", args=[package.pk]))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_the_administrator_sends_a_dead_letter_again(cast, client, settings, monkeypatch, django_capture_on_commit_callbacks):
    from eoffice.attachments.services import stored_file_from_bytes
    from eoffice.audit.models import AuditEvent
    from eoffice.exchange import sending, transport
    from eoffice.exchange.models import Dispatch, SendState

    settings.EOFFICE_EXCHANGE_SEND_ATTEMPTS = 1
    monkeypatch.setattr(transport, "send", lambda *a, **k: (_ for _ in ()).throw(OSError("trục không phản hồi")))
    envelope = stored_file_from_bytes(data=b"<edXML/>", extension="edxml", content_type="application/xml")
    row = Dispatch.objects.create(kind="status", message_id="m-dead", recipient_organ_id="X", envelope=envelope)
    dead = sending.attempt(row.pk)
    assert dead.state == SendState.DEAD
    client.force_login(User.objects.create_superuser(username="quantri", password="matkhau-123"))
    listing = client.get(reverse("admin:exchange_dispatch_changelist"), {"state__exact": "dead"}).content.decode()
    assert "trục không phản hồi" in listing  # the reason is on the list
    monkeypatch.setattr(transport, "send", lambda *a, **k: "ok")
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            reverse("admin:exchange_dispatch_changelist"), {"action": "send_again", "_selected_action": [dead.pk]}, follow=True
        )
    assert "Đã xếp 1 gói tin để gửi lại" in done.content.decode()
    assert Dispatch.objects.get(pk=dead.pk).state == SendState.SENT
    assert AuditEvent.objects.filter(action="exchange.resend", object_id=str(dead.pk)).exists()


def test_a_peers_token_is_shown_once_and_only_its_digest_kept(cast, client):
    from eoffice.exchange.models import Peer
    from eoffice.exchange.peers import peer_of_token, token_digest

    peer = Peer.objects.create(name="Sở Tài chính", url="https://stc.example/", routes="000.00.13.H31")
    client.force_login(User.objects.create_superuser(username="quantri", password="matkhau-123"))
    shown = client.post(
        reverse("admin:exchange_peer_changelist"), {"action": "issue_token", "_selected_action": [peer.pk]}, follow=True
    ).content.decode()
    token = shown.split("(chỉ hiện một lần): ")[1].split("<")[0].strip()
    peer.refresh_from_db()
    assert peer.receive_token_sha256 == token_digest(token) and token not in str(Peer.objects.values().get())
    assert peer_of_token(token) == peer and peer_of_token(token + "x") is None
    page = client.get(reverse("admin:exchange_peer_change", args=[peer.pk])).content.decode()
    assert token not in page and peer.receive_token_hint in page
