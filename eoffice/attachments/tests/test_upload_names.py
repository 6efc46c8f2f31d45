"""A file's name as the browser sent it cannot reach outside the storage or keep a
decomposed spelling: a crafted multipart name with ../ or ..\\ and NFD Vietnamese
is kept as its last part, in NFC, and the bytes are stored under their SHA-256."""

import unicodedata

import pytest
from django.urls import reverse

from eoffice.conftest import PDF_BYTES
from eoffice.incoming.models import IncomingDocument
from eoffice.incoming.tests.test_views import FORM

pytestmark = pytest.mark.django_db

BOUNDARY = "eofficeboundary"


def multipart(fields: dict[str, str], filename: str, data: bytes) -> bytes:
    field = '--{b}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
    parts = [field.format(b=BOUNDARY, name=name, value=value).encode() for name, value in fields.items()]
    head = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="{filename}"\r\n'
    parts.append(head.encode() + b"Content-Type: application/pdf\r\n\r\n" + data + b"\r\n")
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


@pytest.mark.parametrize("crafted", ["../../../etc/Công văn.pdf", "..\\..\\windows\\Công văn.pdf"])
def test_a_crafted_name_is_kept_as_its_last_part_in_nfc(client, cast, settings, tmp_path, crafted):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    client.force_login(cast.clerk)
    body = multipart(FORM, unicodedata.normalize("NFD", crafted), PDF_BYTES)
    response = client.post(reverse("incoming-register"), body, content_type=f"multipart/form-data; boundary={BOUNDARY}")
    assert response.status_code == 302
    attachment = IncomingDocument.objects.get().attachments.get()
    assert attachment.filename == unicodedata.normalize("NFC", "Công văn.pdf")
    stored = attachment.stored_file
    assert stored.file.name.startswith("files/") and stored.sha256 in stored.file.name and ".." not in stored.file.name
    assert (tmp_path / "media" / stored.file.name).is_file()
