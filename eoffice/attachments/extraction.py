"""Searchable text of a stored file (văn bản trích xuất), capped and noted where cut.
Run by the background job (attachments.tasks) and the extract_text command.

A job may be delivered twice (the sweep in requeue.py queues again a file whose
worker may only be slow) or run twice at once: the job skips a file no longer
PENDING, and the result is written only if the state is still what it was when
the run began, so a second run can neither overwrite nor repeat the first."""

import logging

from django.conf import settings
from django.db.models.signals import post_save

from eoffice.attachments.archives import check_expansion
from eoffice.attachments.extract import EXTRACTABLE, extract
from eoffice.attachments.models import ExtractionStatus, StoredFile
from eoffice.attachments.ocr import OcrUnavailable

logger = logging.getLogger(__name__)
WRITTEN = ("text", "extraction")


def extract_pending(stored_file_id: int) -> StoredFile | None:
    """The job's work: extract a file still waiting for it; None when it is gone
    or another run already did it."""
    stored = StoredFile.objects.filter(pk=stored_file_id, extraction=ExtractionStatus.PENDING).first()
    if stored is None:
        return None
    return stored_file_extract_text(stored_file=stored)


def stored_file_extract_text(*, stored_file: StoredFile) -> StoredFile:
    """Extract searchable text (văn bản trích xuất) from PDF, DOCX and images, with OCR
    for scans. Idempotent; a damaged file or a machine without Tesseract marks the file
    FAILED and is logged, never raised into the worker. Returns the file as stored:
    another run's result if that one finished first."""
    began_as = stored_file.extraction
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
    # One conditional UPDATE: of two runs of the same file, only the first to finish writes.
    written = StoredFile.objects.filter(pk=stored_file.pk, extraction=began_as).update(
        text=stored_file.text, extraction=stored_file.extraction
    )
    if not written:
        logger.info("Stored file %s: extracted by another run meanwhile; result dropped", stored_file.pk)
        stored = StoredFile.objects.filter(pk=stored_file.pk).values(*WRITTEN).first()  # None: deleted meanwhile
        if stored is not None:
            stored_file.text, stored_file.extraction = stored["text"], stored["extraction"]
        return stored_file
    logger.info("Stored file %s: text extraction %s", stored_file.pk, stored_file.extraction)
    # What save() would send: the search index re-reads the records holding the file (search/signals.py).
    post_save.send(
        sender=StoredFile,
        instance=stored_file,
        created=False,
        update_fields=frozenset(WRITTEN),
        raw=False,
        using=stored_file._state.db,
    )
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
