"""A file storage that cannot take a file (disk full, S3 down) is a clear message
and a whole rollback: no document, no arrival number taken, no file row."""

import errno

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from eoffice.attachments.models import StoredFile
from eoffice.conftest import make_pdf
from eoffice.incoming.models import IncomingDocument
from eoffice.incoming.tests.api_helpers import API, document_json, login
from eoffice.incoming.tests.test_views import FORM

pytestmark = pytest.mark.django_db

FULL = "kho lưu trữ tệp của máy chủ đang đầy hoặc không ghi được"


@pytest.fixture
def disk_full(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")

    def refuse(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", refuse)
    return monkeypatch


def test_the_page_says_so_keeps_the_input_and_takes_no_number(client, cast, disk_full):
    client.force_login(cast.clerk)
    response = client.post(reverse("incoming-register"), {**FORM, "files": [make_pdf("cv77.pdf")]})
    page = response.content.decode()
    assert FULL in page and "Về việc phân bổ dự toán ngân sách năm 2026" in page
    assert not IncomingDocument.objects.exists() and not StoredFile.objects.exists()
    disk_full.undo()
    client.post(reverse("incoming-register"), {**FORM, "files": [make_pdf("cv77.pdf")]})
    assert IncomingDocument.objects.get().arrival_number == 1  # the failed try took no number


def test_the_api_answers_503_in_its_error_shape(cast, disk_full):
    response = login("vanthu").post(f"{API}/incoming/", {**document_json(), "files": [make_pdf()]}, format="multipart")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "storage_unavailable" and FULL in response.json()["error"]["message"]
    assert not IncomingDocument.objects.exists()
