"""What an upload may expand into: a DOCX/XLSX that unpacks past the caps, an image
with too many pixels, and text past the stored-text cap are refused or cut with a
message, from every door (the clerk's form and API, the public online submission)."""

import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from eoffice.attachments.extraction import stored_file_extract_text
from eoffice.attachments.models import ExtractionStatus, StoredFile
from eoffice.attachments.services import stored_file_create
from eoffice.core.errors import ValidationFailed
from eoffice.incoming.tests.api_helpers import API, document_json, login

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_with(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bomb(xml_mb: int) -> bytes:
    """A real DOCX whose document.xml unpacks to `xml_mb` MB of one repeated letter."""
    return docx_with("a" * (xml_mb * 1024 * 1024))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_a_docx_whose_xml_unpacks_past_the_cap_is_refused_before_storing(db, settings, media):
    settings.EOFFICE_UNZIPPED_XML_MAX_MB = 2
    data = bomb(3)
    assert len(data) < 100_000  # small on the wire
    with pytest.raises(ValidationFailed) as refused:
        stored_file_create(upload=SimpleUploadedFile("to-trinh.docx", data, content_type=DOCX))
    assert "to-trinh.docx" in refused.value.message and "vượt giới hạn 2 MB" in refused.value.message
    assert not StoredFile.objects.exists()


def test_a_zip_with_too_many_parts_is_refused(db, settings, media):
    settings.EOFFICE_ZIP_MAX_ENTRIES = 10
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "a") as archive, zipfile.ZipFile(io.BytesIO(docx_with("x"))) as source:
        for entry in source.infolist():
            archive.writestr(entry, source.read(entry))
        for number in range(20):
            archive.writestr(f"extra/part{number}.xml", "<a/>")
    with pytest.raises(ValidationFailed, match="thành phần"):
        stored_file_create(upload=SimpleUploadedFile("bang.docx", buffer.getvalue()))


def test_an_image_with_too_many_pixels_is_refused(db, settings, media):
    settings.EOFFICE_IMAGE_MAX_PIXELS = 1_000_000
    buffer = io.BytesIO()
    Image.new("1", (2000, 1000)).save(buffer, "PNG")  # 2 M pixels in a few kB
    with pytest.raises(ValidationFailed, match="điểm ảnh"):
        stored_file_create(upload=SimpleUploadedFile("scan.png", buffer.getvalue()))


def test_extracted_text_is_cut_at_the_cap_and_says_so(db, settings, media):
    settings.EOFFICE_EXTRACTED_TEXT_MAX_CHARS = 1000
    stored = stored_file_create(upload=SimpleUploadedFile("dai.docx", docx_with("Điều khoản " * 500)))
    stored = stored_file_extract_text(stored_file=StoredFile.objects.get(pk=stored.pk))
    assert stored.extraction == ExtractionStatus.DONE
    assert stored.text.startswith("Điều khoản Điều khoản")
    assert len(stored.text) < 1100 and "chỉ lưu 1.000 ký tự đầu" in stored.text


def test_a_file_stored_before_the_caps_is_marked_failed_not_read(db, settings, media):
    stored = stored_file_create(upload=SimpleUploadedFile("cu.docx", bomb(3)))
    settings.EOFFICE_UNZIPPED_XML_MAX_MB = 2
    stored = stored_file_extract_text(stored_file=StoredFile.objects.get(pk=stored.pk))
    assert stored.extraction == ExtractionStatus.FAILED and stored.text == ""


def test_the_clerks_api_refuses_a_bomb_with_a_vietnamese_400(cast, settings, media):
    settings.EOFFICE_UNZIPPED_XML_MAX_MB = 2
    clerk = login("vanthu")
    upload = SimpleUploadedFile("bom.docx", bomb(3), content_type=DOCX)
    response = clerk.post(f"{API}/incoming/", {**document_json(), "files": [upload]}, format="multipart")
    assert response.status_code == 400
    assert "vượt giới hạn 2 MB" in response.json()["error"]["message"]
    assert not StoredFile.objects.exists()


def test_the_clerks_form_refuses_a_bomb_and_keeps_what_was_typed(client, cast, settings, media):
    settings.EOFFICE_UNZIPPED_XML_MAX_MB = 2
    client.force_login(cast.clerk)
    form = {**document_json(), "issued_date": "02/03/2026", "arrival_date": "03/03/2026", "priority": 0}
    form.update({"confidentiality": 0, "source": "paper", "language": "Tiếng Việt"})
    response = client.post(reverse("incoming-register"), {**form, "files": [SimpleUploadedFile("bom.docx", bomb(3))]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "vượt giới hạn 2 MB" in page and "tình hình trật tự xây dựng" in page
    assert not StoredFile.objects.exists()


def test_an_upload_over_the_size_cap_is_stopped_while_it_streams(cast, settings, media):
    settings.EOFFICE_MAX_UPLOAD_MB = 1
    clerk = login("vanthu")
    upload = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024))
    response = clerk.post(f"{API}/incoming/", {**document_json(), "files": [upload]}, format="multipart")
    assert response.status_code == 413
    assert response.json()["error"]["message"] == "Tệp “lon.pdf” vượt quá dung lượng cho phép (1 MB)."


def test_a_page_upload_over_the_size_cap_gets_a_vietnamese_page(client, cast, settings, media):
    settings.EOFFICE_MAX_UPLOAD_MB = 1
    client.force_login(cast.clerk)
    upload = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024))
    response = client.post(reverse("incoming-register"), {**document_json(), "files": [upload]})
    assert response.status_code == 400
    assert "vượt quá dung lượng cho phép (1 MB)" in response.content.decode()
    assert "Mã tham chiếu" in response.content.decode()
