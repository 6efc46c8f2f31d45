import hashlib
import io
import logging
from typing import IO, cast

from django.core.files.base import File
from django.db import IntegrityError, transaction

from eoffice.attachments.antivirus import scan_upload
from eoffice.attachments.archives import check_expansion
from eoffice.attachments.models import StoredFile
from eoffice.attachments.pdfsafety import active_content
from eoffice.attachments.tasks import extract_text_task
from eoffice.attachments.validation import HEAD_BYTES, check_upload
from eoffice.core.errors import StorageUnavailable

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
    scan_upload(upload, cast(str, upload.name))
    digest = hashlib.sha256()
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    sha256 = digest.hexdigest()
    existing = StoredFile.objects.filter(sha256=sha256).first()
    if existing:
        return existing
    upload.seek(0)
    stored = StoredFile(sha256=sha256, size=upload.size, content_type=content_type, extension=extension)
    stored.active_content = _active_content(upload, extension)
    try:
        with transaction.atomic():
            _write(stored, sha256, upload, cast(str, upload.name))
            stored.save()
    except IntegrityError:  # the same content stored concurrently
        return StoredFile.objects.get(sha256=sha256)
    transaction.on_commit(lambda: _enqueue_extraction(stored.pk))
    return stored


def stored_file_from_bytes(*, data: bytes, extension: str, content_type: str) -> StoredFile:
    """Store bytes the system made itself (signed PDFs, edXML packages): no
    upload check, the same content-addressed storage."""
    return stored_file_from_stream(stream=io.BytesIO(data), extension=extension, content_type=content_type)


def stored_file_from_stream(*, stream: IO[bytes], extension: str, content_type: str) -> StoredFile:
    """Store a seekable stream the system received whole (an edXML package as it
    arrived), read in chunks: no upload check, the same content-addressed storage."""
    stream.seek(0)
    digest, size = hashlib.sha256(), 0
    for chunk in iter(lambda: stream.read(65536), b""):
        digest.update(chunk)
        size += len(chunk)
    sha256 = digest.hexdigest()
    existing = StoredFile.objects.filter(sha256=sha256).first()
    if existing:
        return existing
    stream.seek(0)
    stored = StoredFile(sha256=sha256, size=size, content_type=content_type, extension=extension)
    stored.active_content = _active_content(stream, extension)
    with transaction.atomic():
        _write(stored, sha256, stream, f"{sha256[:12]}.{extension}")
        stored.save()
    return stored


def _write(stored: StoredFile, sha256: str, content: IO[bytes], name: str) -> None:
    """The bytes into the file storage. A storage that cannot take them (disk full,
    S3 unreachable: any backend's error) is a 503 with a message, and the caller's
    transaction rolls back whole: no row, no number taken."""
    try:
        stored.file.save(sha256, File(content), save=False)
    except Exception as error:
        logger.exception("File storage refused %s", name)
        raise StorageUnavailable(
            f"Không lưu được tệp “{name}”: kho lưu trữ tệp của máy chủ đang đầy hoặc không ghi được. "
            "Chưa có gì được lưu; đề nghị thử lại sau hoặc báo quản trị hệ thống."
        ) from error


def _active_content(stream: IO[bytes], extension: str) -> list[str] | None:
    """Checked once, when stored (pdfsafety.py); None for what is not a PDF."""
    if extension != "pdf":
        return None
    stream.seek(0)
    found = active_content(stream)
    stream.seek(0)
    return found


def _enqueue_extraction(stored_file_id: int) -> None:
    extract_text_task(stored_file_id)
