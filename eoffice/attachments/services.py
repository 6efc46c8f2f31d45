import hashlib

from django.core.files.base import ContentFile, File
from django.db import IntegrityError, transaction

from eoffice.attachments.models import ExtractionStatus, StoredFile
from eoffice.attachments.validation import HEAD_BYTES, check_upload


def stored_file_create(*, upload) -> StoredFile:
    """Validate and store an uploaded file (a Django UploadedFile or File with
    .name and .size). The same content uploaded twice is stored once."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    extension, content_type = check_upload(upload.name, head, upload.size)
    upload.seek(0)
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
    """Extract searchable text from PDF and DOCX files. Idempotent."""
    from eoffice.attachments.extract import extract_text

    if stored_file.extension not in {"pdf", "docx"}:
        stored_file.extraction = ExtractionStatus.NONE
    else:
        try:
            with stored_file.file.open("rb") as fh:
                stored_file.text = extract_text(fh, stored_file.extension)
            stored_file.extraction = ExtractionStatus.DONE if stored_file.text else ExtractionStatus.NONE
        except Exception:  # a damaged file must not kill the worker
            stored_file.extraction = ExtractionStatus.FAILED
    stored_file.save(update_fields=["text", "extraction"])
    return stored_file
