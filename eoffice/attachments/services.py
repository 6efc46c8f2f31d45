import hashlib
import logging
from typing import cast

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import IntegrityError, transaction

from eoffice.attachments.archives import check_expansion
from eoffice.attachments.models import ExtractionStatus, StoredFile
from eoffice.attachments.validation import HEAD_BYTES, check_upload

logger = logging.getLogger(__name__)


def stored_file_create(*, upload: "File[bytes]") -> StoredFile:
    """Validate and store an uploaded file (a Django UploadedFile or File with
    .name and .size). The same content uploaded twice is stored once."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    # An upload, and a File its callers make for one, always carries a name.
    extension, content_type = check_upload(cast(str, upload.name), head, upload.size)
    upload.seek(0)
    check_expansion(upload, cast(str, upload.name), extension)
    digest = hashlib.sha256()
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    sha256 = digest.hexdigest()
    existing = StoredFile.objects.filter(sha256=sha256).first()
    if existing:
        return existing
    upload.seek(0)
    stored = StoredFile(sha256=sha256, size=upload.size, content_type=content_type, extension=extension)
    try:
        with transaction.atomic():
            stored.file.save(sha256, File(upload), save=False)
            stored.save()
    except IntegrityError:  # the same content stored concurrently
        return StoredFile.objects.get(sha256=sha256)
    transaction.on_commit(lambda: _enqueue_extraction(stored.pk))
    return stored


def stored_file_from_bytes(*, data: bytes, extension: str, content_type: str) -> StoredFile:
    """Store bytes the system made itself (signed PDFs, edXML packages): no
    upload check, the same content-addressed storage."""
    sha256 = hashlib.sha256(data).hexdigest()
    existing = StoredFile.objects.filter(sha256=sha256).first()
    if existing:
        return existing
    stored = StoredFile(sha256=sha256, size=len(data), content_type=content_type, extension=extension)
    with transaction.atomic():
        stored.file.save(sha256, ContentFile(data), save=False)
        stored.save()
    return stored


def _enqueue_extraction(stored_file_id: int) -> None:
    from eoffice.attachments.tasks import extract_text_task

    extract_text_task(stored_file_id)


def stored_file_extract_text(*, stored_file: StoredFile) -> StoredFile:
    """Extract searchable text (văn bản trích xuất) from PDF, DOCX and images, with OCR
    for scans. Idempotent; a damaged file or a machine without Tesseract marks the file
    FAILED and is logged, never raised into the worker."""
    from eoffice.attachments.extract import EXTRACTABLE, extract
    from eoffice.attachments.ocr import OcrUnavailable

    if stored_file.extension not in EXTRACTABLE:
        stored_file.extraction = ExtractionStatus.NONE
    else:
        try:
            with stored_file.file.open("rb") as fh:
                check_expansion(fh, stored_file.sha256, stored_file.extension)  # files stored before the caps
                found = extract(fh, stored_file.extension)
            stored_file.text = _capped(_with_cut_note(found.text, found.pages_skipped, stored_file), stored_file)
            stored_file.extraction = ExtractionStatus.DONE if stored_file.text else ExtractionStatus.NONE
        except OcrUnavailable as exc:
            logger.error("OCR unavailable for stored file %s: %s", stored_file.pk, exc)
            stored_file.extraction = ExtractionStatus.FAILED
        except Exception:  # a damaged file must not kill the worker
            logger.warning("Text extraction failed for stored file %s", stored_file.pk, exc_info=True)
            stored_file.extraction = ExtractionStatus.FAILED
    stored_file.save(update_fields=["text", "extraction"])
    return stored_file


def _with_cut_note(text: str, pages_skipped: int, stored_file: StoredFile) -> str:
    """Say in the text itself that OCR stopped at the page cap, so whoever reads it knows."""
    if not pages_skipped:
        return text
    logger.warning("OCR of stored file %s stopped at the page cap; %d pages not read", stored_file.pk, pages_skipped)
    cap = settings.EOFFICE_OCR_MAX_PAGES
    note = f"[Nhận dạng chữ (OCR) dừng ở giới hạn {cap} trang; {pages_skipped} trang chưa được nhận dạng.]"
    return "\n".join(filter(None, (text, note)))


def _capped(text: str, stored_file: StoredFile) -> str:
    """At most EOFFICE_EXTRACTED_TEXT_MAX_CHARS characters, and a note saying the rest was cut."""
    cap = settings.EOFFICE_EXTRACTED_TEXT_MAX_CHARS
    if len(text) <= cap:
        return text
    logger.warning("Extracted text of stored file %s cut at %d of %d characters", stored_file.pk, cap, len(text))
    note = f"[Văn bản trích xuất dài {len(text):,} ký tự, chỉ lưu {cap:,} ký tự đầu.]".replace(",", ".")
    return f"{text[:cap]}\n{note}"
