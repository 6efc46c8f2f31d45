"""A PDF with active content (JavaScript, launch, embedded files…) is found when it is
stored and then only served as a download; a clean one opens in the browser."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from eoffice.attachments.models import StoredFile
from eoffice.attachments.pdfsafety import UNCHECKED, active_content
from eoffice.attachments.services import stored_file_create
from eoffice.attachments.tests.test_extract_text import png_bytes
from eoffice.conftest import PDF_BYTES, incoming_data
from eoffice.incoming.receiving.services import incoming_register


def rewritten(change) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF_BYTES)))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def on_open(writer: PdfWriter, kind: str, key: str, value: str) -> None:
    action = DictionaryObject({NameObject("/S"): NameObject(kind), NameObject(key): TextStringObject(value)})
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)


def with_javascript(writer: PdfWriter) -> None:
    on_open(writer, "/JavaScript", "/JS", "app.alert('xin chao');")


def with_launch(writer: PdfWriter) -> None:
    on_open(writer, "/Launch", "/F", "calc.exe")


def with_attachment(writer: PdfWriter) -> None:
    writer.add_attachment("du-lieu.exe", b"MZ")


def found(data: bytes) -> list[str]:
    return active_content(io.BytesIO(data))


def test_a_plain_pdf_is_clean():
    assert found(PDF_BYTES) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [(with_javascript, ["JavaScript"]), (with_launch, ["lệnh mở chương trình"]), (with_attachment, ["tệp nhúng"])],
)
def test_active_content_is_named(change, expected):
    assert found(rewritten(change)) == expected


def test_an_escaped_name_is_read_as_the_name_it_stands_for():
    # "/J#61vaScript" is "/JavaScript" to every PDF reader; a search of the raw bytes would miss it.
    data = rewritten(with_javascript).replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS", b"/J#53")
    assert b"/JavaScript" not in data and b"/JS" not in data
    assert found(data) == ["JavaScript"]


def test_what_cannot_be_read_is_not_called_clean():
    assert found(b"%PDF-1.7\n" + b"\x00rac" * 50) == [UNCHECKED]


def upload(name: str, data: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.django_db
def test_the_check_is_kept_with_the_stored_file():
    clean = stored_file_create(upload=upload("sach.pdf", PDF_BYTES, "application/pdf"))
    active = stored_file_create(upload=upload("js.pdf", rewritten(with_javascript), "application/pdf"))
    image = stored_file_create(upload=upload("anh.png", png_bytes(), "image/png"))
    assert (clean.active_content, active.active_content, image.active_content) == ([], ["JavaScript"], None)
    assert (clean.download_only, active.download_only, image.download_only) == (False, True, False)


@pytest.fixture
def served(client, cast, settings, tmp_path):
    """The clerk's GET of each of a registered document's files, by file name."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    files = [
        upload("sach.pdf", PDF_BYTES, "application/pdf"),
        upload("js.pdf", rewritten(with_javascript), "application/pdf"),
        upload("anh.png", png_bytes(), "image/png"),
    ]
    document = incoming_register(actor=cast.actor(cast.clerk), data=incoming_data(), files=files)
    client.force_login(cast.clerk)
    by_name = {att.filename: att.pk for att in document.attachments.all()}
    return lambda name: client.get(reverse("incoming-file", args=[document.pk, by_name[name]])), document


@pytest.mark.django_db
def test_a_clean_pdf_opens_in_the_browser_and_an_active_one_is_a_download(served, client):
    get, document = served
    assert get("sach.pdf")["Content-Disposition"].startswith("inline")
    assert get("js.pdf")["Content-Disposition"].startswith("attachment")
    image = get("anh.png")
    assert image["Content-Disposition"].startswith("inline") and image["Content-Security-Policy"] == "sandbox"
    page = client.get(reverse("incoming-detail", args=[document.pk])).content.decode()
    assert "chỉ tải về: JavaScript" in page


@pytest.mark.django_db
def test_a_file_stored_before_the_check_is_checked_when_first_served(served):
    get, _ = served
    StoredFile.objects.update(active_content=None)
    assert get("js.pdf")["Content-Disposition"].startswith("attachment")
    assert StoredFile.objects.get(active_content=["JavaScript"])
