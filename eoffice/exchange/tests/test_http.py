"""The `http` transport: the endpoint a peer posts packages to (never without
its token; a repeat is one document; a refusal says why and keeps the raw
package), the routing of our packages to peers, and the sender talking to a
real server."""

import io

import pytest
from rest_framework.test import APIClient

from eoffice.attachments.services import stored_file_from_bytes
from eoffice.exchange import sending
from eoffice.exchange.http_transport import HttpTransport
from eoffice.exchange.models import Dispatch, PackageState, Peer, ReceivedPackage, ReceivedStatus, SendState
from eoffice.exchange.peers import new_receive_token, route
from eoffice.exchange.tests.documents import FINANCE, a_package
from eoffice.exchange.tests.test_receiving import EXE
from eoffice.exchange.transport import Rejected

URL = "/api/v1/exchange/packages/"


@pytest.fixture
def finance(cast):
    """Sở Tài chính's installation, a peer that sends for its own agency only."""
    peer = Peer.objects.create(name="Sở Tài chính", url="https://stc.example/api/v1/exchange/packages/", routes="000.00.13.H31")
    peer.token = new_receive_token(peer)
    return peer


def post(data: bytes, token: str | None, **headers):
    client = APIClient()
    if token is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client.post(URL, data=data, content_type="application/xml", **headers)


def test_a_peer_posts_a_package_and_it_waits_for_the_registry(finance):
    reply = post(a_package(), finance.token, HTTP_X_MESSAGE_ID="m-1")
    assert reply.status_code == 202, reply.content
    (package,) = ReceivedPackage.objects.all()
    assert (package.transport, package.reference, package.state) == ("http", "Sở Tài chính:m-1", PackageState.RECEIVED)
    assert reply.json()["packages"] == [{"id": package.pk, "state": "received"}]
    assert package.statuses.get().code == "01"


def test_a_repeat_is_answered_as_a_duplicate_without_a_second_document(finance):
    post(a_package(), finance.token)
    again = post(a_package(), finance.token)
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert ReceivedPackage.objects.count() == 1


@pytest.mark.parametrize("token", [None, "", "not-the-token"])
def test_no_package_without_the_peers_token(finance, token):
    reply = post(a_package(), token)
    assert reply.status_code == 401 and reply["WWW-Authenticate"].startswith("Bearer")
    assert not ReceivedPackage.objects.exists()


def test_a_disabled_peer_or_a_user_session_cannot_post(finance, cast, client):
    Peer.objects.filter(pk=finance.pk).update(active=False)
    assert post(a_package(), finance.token).status_code == 401
    client.force_login(cast.clerk)  # a signed-in user is not a peer
    assert client.post(URL, data=a_package(), content_type="application/xml").status_code == 401
    assert not ReceivedPackage.objects.exists()


def test_a_bad_package_is_refused_with_the_reason_and_kept(finance):
    reply = post(a_package(attachment_data=EXE), finance.token)
    assert reply.status_code == 422 and "không phải là tệp .pdf hợp lệ" in reply.json()["error"]["message"]
    (package,) = ReceivedPackage.objects.all()
    assert package.state == PackageState.FAILED and package.raw.size > 0


def test_a_peer_cannot_send_in_another_agencys_name(finance):
    other = Peer.objects.create(name="Sở Xây dựng", routes="000.00.12.H31")
    reply = post(a_package(), new_receive_token(other))  # the package says Sở Tài chính sent it
    assert reply.status_code == 422 and "không được gửi gói tin thay" in reply.json()["error"]["message"]
    assert ReceivedPackage.objects.get().state == PackageState.FAILED
    assert not Dispatch.objects.exists()  # no status 02 to Sở Tài chính, which sent nothing
    post(a_package(attachment_data=EXE), finance.token)
    assert Dispatch.objects.get().recipient_organ_id == "000.00.13.H31"  # a real sender's package: 02 goes back


def test_a_status_for_nothing_we_sent_is_kept_unmatched(finance):
    from eoffice.exchange.status import build_status

    status = build_status(
        response_for_organ_id="000.01.00.H26",
        response_for_code="1/VP",
        response_for_document_id="000.01.00.H26,2026/01/02,1/VP",
        response_for_promulgation_date=None,
        sender=FINANCE,
        status_code="03",
        description="Đã tiếp nhận",
    )
    reply = post(status, finance.token)
    assert reply.status_code == 422 and "Không có văn bản nào đã gửi" in reply.json()["error"]["message"]
    assert ReceivedStatus.objects.get().matched is False


def test_a_package_over_the_cap_is_refused_before_it_is_read(finance, settings):
    settings.EOFFICE_EXCHANGE_MAX_PACKAGE_MB = 1
    reply = post(b"<edXML>" + b" " * (1024 * 1024 + 1), finance.token)
    assert reply.status_code == 413 and "1 MB" in reply.json()["error"]["message"]
    assert not ReceivedPackage.objects.exists()
    assert post(b"", finance.token).status_code == 400


def test_a_package_goes_to_the_most_specific_route(db):
    platform = Peer.objects.create(name="LGSP Hải Phòng", url="https://lgsp.example/", routes="*")
    province = Peer.objects.create(name="Trục tỉnh", url="https://tinh.example/", routes="*.H31")
    finance = Peer.objects.create(name="STC", url="https://stc.example/", routes="000.00.13.H31\n000.00.14.H31")
    Peer.objects.create(name="Tắt", url="https://off.example/", routes="000.00.15.H31", active=False)
    assert route("000.00.13.H31") == route("000.00.14.H31") == finance
    assert route("000.00.15.H31") == route("000.00.99.H31") == province
    assert route("000.00.00.G15") == platform
    Peer.objects.filter(pk=platform.pk).delete()
    assert route("000.00.00.G15") is None


def test_no_route_is_a_failure_to_retry(db):
    with pytest.raises(OSError, match="Chưa có bên liên thông"):
        HttpTransport().send(io.BytesIO(b"<edXML/>"), message_id="m", recipient_organ_id="000.00.13.H31")


@pytest.mark.django_db(transaction=True)
def test_the_sender_posts_to_a_real_server(cast, live_server, settings):
    """Our HttpTransport against our own endpoint served over HTTP: accepted,
    then a repeat answered as a duplicate, then a refusal that is not retried."""
    peer = Peer.objects.create(name="Chính mình", url=f"{live_server.url}{URL}", routes="*")
    peer.send_token = new_receive_token(peer)
    peer.save()
    http = HttpTransport()
    reference = http.send(io.BytesIO(a_package()), message_id="m-1", recipient_organ_id="000.01.00.H26")
    assert reference.startswith("Chính mình:") and ReceivedPackage.objects.count() == 1
    assert "Đã nhận trước đó" in http.send(io.BytesIO(a_package()), message_id="m-1", recipient_organ_id="000.01.00.H26")
    with pytest.raises(Rejected, match="HTTP 422"):
        http.send(io.BytesIO(b"<edXML><unclosed>"), message_id="m-2", recipient_organ_id="000.01.00.H26")
    peer.send_token = "wrong"
    peer.save()
    with pytest.raises(Rejected, match="HTTP 401"):
        http.send(io.BytesIO(a_package()), message_id="m-3", recipient_organ_id="000.01.00.H26")

    settings.EOFFICE_EXCHANGE_TRANSPORT = "http"
    Peer.objects.filter(pk=peer.pk).update(url="http://127.0.0.1:9/nothing-listens-here/")
    envelope = stored_file_from_bytes(data=a_package(), extension="edxml", content_type="application/xml")
    # To an agency not hosted here (one hosted here would be delivered by loopback).
    row = Dispatch.objects.create(kind="document", message_id="m-4", recipient_organ_id="000.00.13.H31", envelope=envelope)
    failed = sending.attempt(row.pk)
    assert failed.state == SendState.RETRYING and "Chính mình" in failed.last_error


def test_the_command_sets_up_a_peer(db):
    from io import StringIO

    from django.core.management import CommandError, call_command

    from eoffice.exchange.peers import peer_of_token

    out = StringIO()
    token = "t" * 40
    call_command(
        "exchange_peer", "Trục tỉnh", url="https://lgsp.example/nhan/", routes="*.H31 000.00.00.G15",
        send_token="s3cret", receive_token=token, stdout=out,
    )  # fmt: skip
    peer = Peer.objects.get(name="Trục tỉnh")
    assert (peer.url, peer.routes, peer.send_token) == ("https://lgsp.example/nhan/", "*.H31\n000.00.00.G15", "s3cret")
    assert peer_of_token(token) == peer and "Đã tạo" in out.getvalue() and route("000.00.13.H31") == peer
    call_command("exchange_peer", "Trục tỉnh", new_receive_token=True, stdout=out)
    assert peer_of_token(token) is None and "chỉ hiện một lần" in out.getvalue()
    with pytest.raises(CommandError, match="ít nhất 32"):
        call_command("exchange_peer", "Trục tỉnh", receive_token="short")
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("exchange_peer", "Trục tỉnh", url="ftp://x")
