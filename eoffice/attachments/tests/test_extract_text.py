"""Stored files: upload checks, one copy per content, and text extraction."""

import struct
import zlib
from io import BytesIO

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from huey.contrib.djhuey import HUEY
from pypdf import PdfWriter

from eoffice.attachments.extract import extract_text
from eoffice.attachments.models import ExtractionStatus, StoredFile
from eoffice.attachments.services import stored_file_create
from eoffice.attachments.tasks import extract_text_task
from eoffice.attachments.validation import check_upload
from eoffice.conftest import incoming_data
from eoffice.core.errors import ValidationFailed
from eoffice.incoming.receiving.services import incoming_register

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def text_pdf(ascii_line: str, vietnamese_line: str) -> bytes:
    """A one-page PDF written by hand: an ASCII line in Helvetica, and a
    Vietnamese line in a font whose ToUnicode map gives each byte its letter."""
    letters = sorted(set(vietnamese_line))
    code = {letter: 0x21 + i for i, letter in enumerate(letters)}
    pairs = "\n".join(f"<{code[letter]:02X}> <{ord(letter):04X}>" for letter in letters)
    to_unicode = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(letters)} beginbfchar\n{pairs}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    ).encode()
    encoded = bytes(code[letter] for letter in vietnamese_line).hex().upper()
    content = f"BT /F1 14 Tf 72 770 Td ({ascii_line}) Tj ET\nBT /F2 14 Tf 72 740 Td <{encoded}> Tj ET\n".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 7 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(to_unicode) + to_unicode + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    """A valid 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b"")
    )


CONG_VAN_PDF = text_pdf("Cong van so 125", "Về việc báo cáo tình hình trật tự xây dựng")
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 500


@pytest.fixture(autouse=True)
def _media_and_immediate_jobs(settings, tmp_path):
    """Files go to a fresh folder; background jobs run at once, in-process."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    was_immediate = HUEY.immediate
    HUEY.immediate = True
    yield
    HUEY.immediate = was_immediate


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


# Extraction itself


def test_it_reads_ascii_and_vietnamese_text_from_a_pdf():
    text = extract_text(BytesIO(CONG_VAN_PDF), "pdf")
    assert "Cong van so 125" in text
    assert "Về việc báo cáo tình hình trật tự xây dựng" in text


def test_it_reads_vietnamese_text_from_a_docx_in_nfc():
    text = extract_text(BytesIO(docx_bytes("CÔNG VĂN", "Về việc báo cáo")), "docx")
    assert text == "CÔNG VĂN\nVề việc báo cáo"


def test_other_kinds_of_file_give_no_text():
    assert extract_text(BytesIO(png_bytes()), "png") == ""


# The extraction job


@pytest.mark.django_db
def test_the_job_fills_the_text_of_an_uploaded_pdf(django_capture_on_commit_callbacks):
    """GIVEN a PDF with text
    WHEN it is stored and the transaction commits
    THEN the extraction job has filled its text and marked it done."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        stored = stored_file_create(upload=upload("cong-van.pdf", CONG_VAN_PDF))
        assert stored.extraction == ExtractionStatus.PENDING
    assert len(callbacks) == 1
    stored.refresh_from_db()
    assert stored.extraction == ExtractionStatus.DONE
    assert "Cong van so 125" in stored.text and "Về việc báo cáo" in stored.text


@pytest.mark.django_db
def test_the_job_fills_the_text_of_a_docx():
    stored = stored_file_create(upload=upload("du-thao.docx", docx_bytes("Về việc báo cáo")))
    extract_text_task(stored.pk)
    stored.refresh_from_db()
    assert (stored.extraction, stored.text) == (ExtractionStatus.DONE, "Về việc báo cáo")
    assert (stored.extension, stored.content_type) == ("docx", DOCX)


@pytest.mark.django_db
def test_an_image_has_no_text():
    stored = stored_file_create(upload=upload("anh-chup.png", png_bytes()))
    extract_text_task(stored.pk)
    stored.refresh_from_db()
    assert (stored.extraction, stored.text) == (ExtractionStatus.NONE, "")


@pytest.mark.django_db
def test_a_pdf_without_text_has_none():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = BytesIO()
    writer.write(buffer)
    stored = stored_file_create(upload=upload("trang-trang.pdf", buffer.getvalue()))
    extract_text_task(stored.pk)
    stored.refresh_from_db()
    assert stored.extraction == ExtractionStatus.NONE


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [CONG_VAN_PDF[: len(CONG_VAN_PDF) // 2], b"%PDF-1.4\n" + b"\x00rac" * 100],
    ids=["truncated", "garbage"],
)
def test_a_damaged_pdf_is_marked_failed_without_raising(content):
    stored = stored_file_create(upload=upload("hong.pdf", content))
    extract_text_task(stored.pk)  # must not raise
    stored.refresh_from_db()
    assert (stored.extraction, stored.text) == (ExtractionStatus.FAILED, "")


@pytest.mark.django_db
def test_the_job_ignores_a_file_that_no_longer_exists():
    extract_text_task(987654)
    assert not StoredFile.objects.exists()


# One stored copy per content


@pytest.mark.django_db
def test_the_same_content_uploaded_twice_is_stored_once():
    first = stored_file_create(upload=upload("cong-van.pdf", CONG_VAN_PDF))
    second = stored_file_create(upload=upload("ban-sao-cong-van.pdf", CONG_VAN_PDF))
    assert second.pk == first.pk
    assert StoredFile.objects.count() == 1
    sha = first.sha256
    assert len(sha) == 64 and first.size == len(CONG_VAN_PDF)
    assert first.file.name == f"files/{sha[:2]}/{sha[2:4]}/{sha}"
    with first.file.open("rb") as fh:
        assert fh.read() == CONG_VAN_PDF


@pytest.mark.django_db
def test_two_documents_with_the_same_attachment_share_one_stored_file(cast):
    clerk = cast.actor(cast.clerk)
    one = incoming_register(actor=clerk, data=incoming_data(), files=[upload("a.pdf", CONG_VAN_PDF)])
    two = incoming_register(actor=clerk, data=incoming_data(code_number="126"), files=[upload("b.pdf", CONG_VAN_PDF)])
    assert one.attachments.get().stored_file_id == two.attachments.get().stored_file_id
    assert [one.attachments.get().filename, two.attachments.get().filename] == ["a.pdf", "b.pdf"]
    assert StoredFile.objects.count() == 1


# Upload checks at the boundary


def refused(name: str, content: bytes) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as error:
        check_upload(name, content[:8192], len(content))
    assert "files" in error.value.fields
    return error.value


def test_a_program_renamed_pdf_is_refused():
    assert "đổi tên" in refused("cong-van.pdf", EXE).message


def test_a_text_file_is_refused():
    assert "chỉ nhận PDF" in refused("ghi-chu.txt", "Về việc báo cáo".encode()).message


def test_an_empty_file_is_refused():
    assert "rỗng" in refused("cong-van.pdf", b"").message


def test_a_png_named_jpg_is_refused():
    assert "không phải là tệp .jpg" in refused("anh.jpg", png_bytes()).message


def test_a_program_renamed_docx_is_refused():
    refused("du-thao.docx", EXE)


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.EOFFICE_MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationFailed, match="vượt quá dung lượng"):
        check_upload("lon.pdf", CONG_VAN_PDF, 1024 * 1024 + 1)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("Cong-Van.PDF", CONG_VAN_PDF, ("pdf", PDF)),
        ("du-thao.docx", docx_bytes("Về việc"), ("docx", DOCX)),
        ("anh.png", png_bytes(), ("png", "image/png")),
    ],
)
def test_real_files_are_accepted_with_their_type(name, content, expected):
    assert check_upload(name, content[:8192], len(content)) == expected


@pytest.mark.django_db
def test_a_refused_upload_stores_nothing():
    with pytest.raises(ValidationFailed):
        stored_file_create(upload=upload("cong-van.pdf", EXE))
    assert not StoredFile.objects.exists()
