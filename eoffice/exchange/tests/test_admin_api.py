"""The exchange's administration through the API: the directory (read by anyone
signed in, exported and imported by administrators), the unknown senders and
the dead letters (administrators only)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from eoffice.attachments.services import stored_file_from_bytes
from eoffice.audit.models import AuditEvent
from eoffice.exchange import sending, transport
from eoffice.exchange.models import Dispatch, SendState
from eoffice.exchange.receiving import receive_package
from eoffice.exchange.tests.documents import a_package
from eoffice.organisation.models import Agency, User

pytestmark = pytest.mark.django_db
API = "/api/v1/exchange"


@pytest.fixture
def admin_client(cast):
    client = APIClient()
    client.force_authenticate(User.objects.create_superuser(username="quantri", password="matkhau-123"))
    return client


@pytest.fixture
def clerk_client(cast):
    client = APIClient()
    client.force_authenticate(cast.clerk)
    return client


def test_anyone_signed_in_reads_the_directory_only_administrators_change_it(cast, admin_client, clerk_client):
    listed = clerk_client.get(f"{API}/agencies/", {"q": "xây"}).json()
    assert [a["organ_id"] for a in listed["results"]] == [cast.other.organ_id]
    assert APIClient().get(f"{API}/agencies/").status_code == 401
    assert clerk_client.get(f"{API}/agencies/export-csv/").status_code == 403
    csv_file = "Mã định danh,Tên cơ quan\n000.00.13.H31,Sở Tài chính\n".encode()
    upload = {"file": SimpleUploadedFile("d.csv", csv_file)}
    assert clerk_client.post(f"{API}/agencies/import/", upload, format="multipart").status_code == 403

    checked = admin_client.post(
        f"{API}/agencies/import/", {"file": SimpleUploadedFile("d.csv", csv_file), "dry_run": True}, format="multipart"
    )
    assert checked.json() == {"created": 1, "updated": 0, "dry_run": True} and not Agency.objects.filter(organ_id="000.00.13.H31")
    done = admin_client.post(f"{API}/agencies/import/", {"file": SimpleUploadedFile("d.csv", csv_file)}, format="multipart")
    assert done.status_code == 200 and Agency.objects.get(organ_id="000.00.13.H31").name == "Sở Tài chính"
    bad = admin_client.post(f"{API}/agencies/import/", {"file": SimpleUploadedFile("d.csv", b"\xff\xfe")}, format="multipart")
    assert bad.status_code == 400 and "UTF-8" in bad.json()["error"]["message"]
    exported = admin_client.get(f"{API}/agencies/export-xlsx/")
    assert exported.status_code == 200 and exported.content[:2] == b"PK"


def test_administrators_list_and_add_unknown_senders(cast, admin_client, clerk_client):
    receive_package(stream=io.BytesIO(a_package()), transport="directory")
    assert clerk_client.get(f"{API}/unknown-senders/").status_code == 403
    (sender,) = admin_client.get(f"{API}/unknown-senders/").json()
    assert (sender["organ_id"], sender["name"], sender["packages"]) == ("000.00.13.H31", "Sở Tài chính", 1)
    bad = admin_client.post(f"{API}/unknown-senders/", {"organ_id": "sai mã", "name": "X"}, format="json")
    assert bad.status_code == 400
    added = admin_client.post(f"{API}/unknown-senders/", {"organ_id": "000.00.13.H31", "name": "Sở Tài chính"}, format="json")
    assert added.status_code == 201 and added.json()["hosted"] is False
    assert admin_client.get(f"{API}/unknown-senders/").json() == []


def test_administrators_send_a_dead_letter_again(cast, admin_client, clerk_client, settings, monkeypatch):
    settings.EOFFICE_EXCHANGE_SEND_ATTEMPTS = 1
    monkeypatch.setattr(transport, "send", lambda *a, **k: (_ for _ in ()).throw(OSError("down")))
    envelope = stored_file_from_bytes(data=b"<edXML/>", extension="edxml", content_type="application/xml")
    row = Dispatch.objects.create(kind="status", message_id="m-api", recipient_organ_id="000.00.13.H31", envelope=envelope)
    sending.attempt(row.pk)
    assert clerk_client.get(f"{API}/dispatches/").status_code == 403
    (dead,) = admin_client.get(f"{API}/dispatches/", {"state": "dead"}).json()["results"]
    assert (dead["message_id"], dead["last_error"], dead["attempts"]) == ("m-api", "down", 1)
    assert admin_client.get(f"{API}/dispatches/", {"state": "không-có"}).status_code == 400
    monkeypatch.setattr(transport, "send", lambda *a, **k: "ok")
    again = admin_client.post(f"{API}/dispatches/{row.pk}/retry/")
    assert again.status_code == 200 and again.json()["state"] in (SendState.QUEUED, SendState.SENT)
    assert AuditEvent.objects.filter(action="exchange.resend", object_id=str(row.pk)).exists()
    sending.attempt(row.pk)
    assert admin_client.post(f"{API}/dispatches/{row.pk}/retry/").status_code == 409
