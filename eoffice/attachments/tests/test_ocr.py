"""OCR of scanned attachments with Tesseract `vie`: images and scanned PDF pages are
read, a PDF's text layer is used as is, the page cap holds, and a machine without
Tesseract marks the file failed instead of breaking the worker."""

import logging
from io import BytesIO

import pytesseract
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from huey.contrib.djhuey import HUEY
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter

from eoffice.attachments import ocr
from eoffice.attachments.extract import extract, extract_text
from eoffice.attachments.models import ExtractionStatus
from eoffice.attachments.services import stored_file_create
from eoffice.attachments.tasks import extract_text_task
from eoffice.attachments.tests.test_extract_text import CONG_VAN_PDF
from eoffice.conftest import PDF_BYTES, incoming_data
from eoffice.incoming.receiving.services import incoming_register
from eoffice.search.service import search
from eoffice.search.vntext import fold

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
SUBJECT = "Quyết định về việc thu hồi đất phường Thủy Xuân"
SECOND = "Công văn về việc sửa chữa trường học"


def render(*lines: str, size: int = 30) -> Image.Image:
    """Lines of black Liberation Serif on white, as a scanner would see a printed page."""
    font = ImageFont.truetype(FONT, size)
    width = max(int(font.getlength(line)) for line in lines) + 2 * size
    line_height = size * 3 // 2
    image = Image.new("L", (width, line_height * len(lines) + 2 * size), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((size, size + number * line_height), line, font=font, fill=0)
    return image


def image_bytes(image: Image.Image, fmt: str, *more: Image.Image) -> bytes:
    buffer = BytesIO()
    image.save(buffer, fmt, save_all=bool(more), append_images=list(more), resolution=300)
    return buffer.getvalue()


def scanned_pdf(*pages: Image.Image) -> bytes:
    """Pages that are only pictures: no text layer at all."""
    return image_bytes(pages[0], "PDF", *pages[1:])


def joined_pdf(*parts: bytes) -> bytes:
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(BytesIO(part)))
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def ocr_calls(monkeypatch):
    """Count the pages handed to Tesseract (the real one still reads them)."""
    calls = []
    real = pytesseract.image_to_string

    def counting(image, *args, **kwargs):
        calls.append(kwargs.get("lang"))
        return real(image, *args, **kwargs)

    monkeypatch.setattr(pytesseract, "image_to_string", counting)
    return calls


@pytest.fixture
def no_tesseract(monkeypatch):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")


def assert_reads_the_subject(text: str) -> None:
    folded = fold(text)
    for words in ("quyet dinh", "thu hoi dat", "thuy xuan"):
        assert words in folded, f"{words!r} not in OCR text {text!r}"


# Reading


@pytest.mark.parametrize(("extension", "fmt"), [("png", "PNG"), ("jpg", "JPEG"), ("tif", "TIFF")])
def test_an_image_is_read_in_vietnamese(extension, fmt, ocr_calls):
    text = extract_text(BytesIO(image_bytes(render(SUBJECT), fmt)), extension)
    assert_reads_the_subject(text)
    assert ocr_calls == ["vie"]


def test_every_page_of_a_multi_page_tiff_is_read():
    tiff = image_bytes(render(SUBJECT), "TIFF", render(SECOND))
    text = extract_text(BytesIO(tiff), "tiff")
    assert_reads_the_subject(text)
    assert "sua chua truong hoc" in fold(text)
    assert fold(text).index("thuy xuan") < fold(text).index("truong hoc")


def test_a_scanned_pdf_is_read(ocr_calls):
    pdf = scanned_pdf(render(SUBJECT))
    assert PdfReader(BytesIO(pdf)).pages[0].extract_text() == ""  # really no text layer
    assert_reads_the_subject(extract_text(BytesIO(pdf), "pdf"))
    assert ocr_calls == ["vie"]


def test_a_pdf_with_a_text_layer_is_not_ocrd(monkeypatch):
    def must_not_run(*args, **kwargs):
        raise AssertionError("OCR ran on a PDF that has a text layer")

    monkeypatch.setattr(pytesseract, "image_to_string", must_not_run)
    monkeypatch.setattr(pytesseract, "get_languages", must_not_run)
    text = extract_text(BytesIO(CONG_VAN_PDF), "pdf")
    assert "Về việc báo cáo tình hình trật tự xây dựng" in text


def test_only_the_scanned_page_of_a_mixed_pdf_is_ocrd_and_pages_keep_their_order(ocr_calls):
    pdf = joined_pdf(CONG_VAN_PDF, scanned_pdf(render(SUBJECT)), CONG_VAN_PDF)
    text = extract_text(BytesIO(pdf), "pdf")
    assert ocr_calls == ["vie"]
    assert_reads_the_subject(text)
    folded = fold(text)
    first, scan, last = folded.index("bao cao"), folded.index("thuy xuan"), folded.rindex("bao cao")
    assert first < scan < last


def test_a_page_with_a_few_stray_letters_counts_as_scanned():
    assert ocr.is_scanned("  12 \n-3-")
    assert ocr.is_scanned("Trang 2")
    assert not ocr.is_scanned("Về việc báo cáo tình hình trật tự xây dựng")


# The page cap


def test_ocr_stops_at_the_page_cap_and_counts_the_rest(settings, ocr_calls):
    settings.EOFFICE_OCR_MAX_PAGES = 2
    pdf = joined_pdf(CONG_VAN_PDF, scanned_pdf(render(SUBJECT), render(SECOND), render("Trang bốn")))
    found = extract(BytesIO(pdf), "pdf")
    assert len(ocr_calls) == 2 and found.pages_skipped == 1
    assert "bao cao" in fold(found.text) and "truong hoc" in fold(found.text)
    assert "trang bon" not in fold(found.text)


def test_a_long_tiff_stops_at_the_page_cap(settings, ocr_calls):
    settings.EOFFICE_OCR_MAX_PAGES = 1
    found = extract(BytesIO(image_bytes(render(SUBJECT), "TIFF", render(SECOND), render(SECOND))), "tiff")
    assert (len(ocr_calls), found.pages_skipped) == (1, 2)
    assert_reads_the_subject(found.text)


# The extraction job


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    was_immediate = HUEY.immediate
    HUEY.immediate = True
    yield
    HUEY.immediate = was_immediate


def stored_and_extracted(name: str, content: bytes):
    stored = stored_file_create(upload=SimpleUploadedFile(name, content))
    extract_text_task(stored.pk)
    stored.refresh_from_db()
    return stored


@pytest.mark.django_db
def test_the_job_ocrs_an_uploaded_scan(media):
    stored = stored_and_extracted("quyet-dinh.png", image_bytes(render(SUBJECT), "PNG"))
    assert stored.extraction == ExtractionStatus.DONE
    assert_reads_the_subject(stored.text)


@pytest.mark.django_db
def test_the_job_records_in_the_text_that_ocr_was_cut(media, settings, caplog):
    settings.EOFFICE_OCR_MAX_PAGES = 1
    with caplog.at_level(logging.WARNING, logger="eoffice.attachments.services"):
        stored = stored_and_extracted("ho-so.pdf", scanned_pdf(render(SUBJECT), render(SECOND), render(SECOND)))
    assert stored.extraction == ExtractionStatus.DONE
    assert_reads_the_subject(stored.text)
    assert stored.text.endswith("[Nhận dạng chữ (OCR) dừng ở giới hạn 1 trang; 2 trang chưa được nhận dạng.]")
    assert "2 pages not read" in caplog.text


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content"), [("scan.pdf", "pdf"), ("anh.jpg", "jpg")])
def test_without_tesseract_a_scan_is_marked_failed_without_raising(media, no_tesseract, caplog, name, content):
    data = scanned_pdf(render(SUBJECT)) if content == "pdf" else image_bytes(render(SUBJECT), "JPEG")
    with caplog.at_level(logging.ERROR, logger="eoffice.attachments.services"):
        stored = stored_and_extracted(name, data)  # must not raise
    assert (stored.extraction, stored.text) == (ExtractionStatus.FAILED, "")
    assert "tesseract-ocr" in caplog.text


@pytest.mark.django_db
def test_without_the_vietnamese_data_a_scan_is_marked_failed(media, monkeypatch, caplog):
    monkeypatch.setattr(pytesseract, "get_languages", lambda *a, **k: ["eng", "osd"])
    with caplog.at_level(logging.ERROR, logger="eoffice.attachments.services"):
        stored = stored_and_extracted("scan.png", image_bytes(render(SUBJECT), "PNG"))
    assert stored.extraction == ExtractionStatus.FAILED
    assert "tesseract-ocr-vie" in caplog.text


@pytest.mark.django_db
def test_without_tesseract_a_pdf_with_a_text_layer_is_still_read(media, no_tesseract):
    stored = stored_and_extracted("cong-van.pdf", CONG_VAN_PDF)
    assert stored.extraction == ExtractionStatus.DONE and "Về việc báo cáo" in stored.text


def test_ensure_available_names_the_missing_package(no_tesseract):
    with pytest.raises(ocr.OcrUnavailable, match="tesseract-ocr-vie"):
        ocr.ensure_available()


# End to end: a scanned letter is found by the words only its picture holds


@pytest.mark.django_db(transaction=True)
def test_a_registered_scanned_letter_is_found_by_its_scanned_words(cast, media):
    clerk = cast.actor(cast.clerk)
    letter = incoming_register(
        actor=clerk,
        data=incoming_data(subject="Về việc chuyển văn bản đến"),  # the subject says nothing of the scan
        files=[SimpleUploadedFile("ban-scan.pdf", scanned_pdf(render(SUBJECT)))],
    )
    assert letter.attachments.get().stored_file.extraction == ExtractionStatus.DONE
    assert [hit["key"] for hit in search(clerk, "thu hoi dat thuy xuan").hits] == [f"incoming:{letter.pk}"]
    assert search(cast.actor(cast.outsider), "thu hoi dat thuy xuan").hits == []


def test_a_page_with_a_short_text_layer_keeps_one_copy_of_its_text():
    """A short real page (under the letter threshold) is OCR'd, but its words are not doubled."""
    text = extract_text(BytesIO(PDF_BYTES), "pdf")
    assert text == "Cong van so 125/SXD-QLXD"
