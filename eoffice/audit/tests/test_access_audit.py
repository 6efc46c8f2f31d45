"""Reads, downloads, exports and searches of signed-in people reach the audit log,
once per person, view, record or search words and window (audit/access.py)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from rest_framework.test import APIClient

from eoffice.audit.chain import Verified, verify_chains
from eoffice.audit.models import AuditEvent
from eoffice.conftest import incoming_data, make_pdf
from eoffice.demo.pdf import pdf_bytes
from eoffice.incoming.receiving.services import incoming_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(cast):
    return incoming_register(actor=cast.actor(cast.clerk), data=incoming_data(), files=[make_pdf()])


def two_pages() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(["Trang 1"]))))
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def access(kind: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=f"access.{kind}").order_by("seq"))


def test_reading_a_document_is_logged_once_per_window(client, cast, document):
    client.force_login(cast.clerk)
    url = reverse("incoming-detail", args=[document.pk])
    assert client.get(url, REMOTE_ADDR="10.4.5.6").status_code == 200
    client.get(url)
    [read] = access("read")
    assert (read.actor, read.agency, read.ip_address) == (cast.clerk, cast.office, "10.4.5.6")
    assert read.data == {"path": url, "view": "incoming-detail"} and read.summary == f"Xem: {url}"


def test_with_no_window_every_read_is_logged(client, cast, document, settings):
    settings.EOFFICE_AUDIT_ACCESS_WINDOW = 0
    client.force_login(cast.clerk)
    for _ in range(3):
        client.get(reverse("incoming-detail", args=[document.pk]))
    assert len(access("read")) == 3


def test_another_person_or_record_is_a_row_of_its_own(client, cast, document):
    second = incoming_register(actor=cast.actor(cast.clerk), data=incoming_data(code_number="126"))
    for user in (cast.clerk, cast.leader):
        client.force_login(user)
        for pk in (document.pk, second.pk):
            client.get(reverse("incoming-detail", args=[pk]))
    assert len(access("read")) == 4


def test_a_search_is_logged_with_its_words_and_a_plain_list_is_not(client, cast, document):
    client.force_login(cast.clerk)
    client.get(reverse("incoming-list"))
    assert not AuditEvent.objects.filter(action__startswith="access.").exists()
    client.get(reverse("incoming-list"), {"q": "trật tự xây dựng"})
    client.get(reverse("incoming-list"), {"q": "trật tự xây dựng"})
    client.get(reverse("incoming-list"), {"q": "quý I"})
    assert [row.data["q"] for row in access("search")] == ["trật tự xây dựng", "quý I"]


def test_a_file_served_is_a_download_and_a_spreadsheet_an_export(client, cast, document):
    client.force_login(cast.clerk)
    attachment = document.attachments.get()
    assert client.get(reverse("incoming-file", args=[document.pk, attachment.pk])).status_code == 200
    assert client.get(reverse("incoming-register-xlsx"), {"year": 2026}).status_code == 200
    [download], [export] = access("download"), access("export")
    assert download.data["view"] == "incoming-file" and export.data["view"] == "incoming-register-xlsx"
    assert export.agency == cast.office


def test_an_export_of_another_period_is_another_row(client, cast, document):
    client.force_login(cast.clerk)
    for year in (2026, 2026, 2025):
        client.get(reverse("incoming-register-xlsx"), {"year": year})
    assert [row.data["path"] for row in access("export")] == [
        "/van-ban-den/so-dang-ky.xlsx?year=2026",
        "/van-ban-den/so-dang-ky.xlsx?year=2025",
    ]


def test_pages_of_one_preview_are_one_read(client, cast):
    scan = SimpleUploadedFile("hai-trang.pdf", two_pages(), content_type="application/pdf")
    document = incoming_register(actor=cast.actor(cast.clerk), data=incoming_data(), files=[scan])
    client.force_login(cast.clerk)
    attachment = document.attachments.get()
    for number in (1, 2):
        response = client.get(reverse("incoming-file-page", args=[document.pk, attachment.pk, number]))
        assert response["Content-Type"] == "image/png"
    assert len(access("read")) == 1


def test_a_refused_or_anonymous_request_is_not_an_access(client, cast, document):
    client.get(reverse("incoming-detail", args=[document.pk]))  # sent to the sign-in page
    client.force_login(cast.outsider)
    assert client.get(reverse("incoming-detail", args=[document.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action__startswith="access.").exists()


def test_an_api_read_with_a_key_is_logged_in_the_agency_it_acts_for(cast, document):
    api = APIClient()
    issued = api.post("/api/v1/auth/token/", {"username": "vanthu", "password": "matkhau-123"}, format="json")
    api.credentials(HTTP_AUTHORIZATION=f"Token {issued.json()['token']}")
    assert api.get(f"/api/v1/incoming/{document.pk}/").status_code == 200
    [read] = access("read")
    assert (read.actor, read.agency, read.data["view"]) == (cast.clerk, cast.office, "api-incoming-detail")


def test_access_rows_keep_the_chains_whole(client, cast, document, settings):
    settings.EOFFICE_AUDIT_ACCESS_WINDOW = 0
    client.force_login(cast.clerk)
    client.get(reverse("incoming-detail", args=[document.pk]))
    client.get(reverse("incoming-list"), {"q": "xây dựng"})
    assert all(isinstance(result, Verified) for result in verify_chains())


def test_a_refusal_is_logged_whatever_the_method(client, cast, document):
    client.force_login(cast.clerk)
    assert client.get(reverse("audit-log")).status_code == 403
    client.post(reverse("audit-log"))
    denied = access("denied")
    assert [(row.data["view"], row.data["method"]) for row in denied] == [("audit-log", "GET"), ("audit-log", "POST")]
    assert denied[0].actor == cast.clerk and denied[0].summary == "Bị từ chối: /nhat-ky/"
