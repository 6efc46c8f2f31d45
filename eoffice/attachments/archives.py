"""Caps on what an uploaded file may expand into, checked before anything reads it.

A DOCX or XLSX is a ZIP: a 49 KB file can hold hundreds of megabytes of XML that a
parser would load into memory and an extractor would store as text. The ZIP's own
directory says how large each part unpacks (Python's zipfile never reads past the
size it declares), so the check reads only that directory. Images are capped by
pixel count, read from the header, before a decoder allocates the bitmap."""

import zipfile
from typing import IO

from django.conf import settings
from PIL import Image, UnidentifiedImageError

from eoffice.core.errors import ValidationFailed

ZIP_FORMATS = {"docx", "xlsx"}
IMAGE_FORMATS = {"jpg", "jpeg", "png", "tif", "tiff"}
MB = 1024 * 1024


def _refuse(name: str, reason: str) -> ValidationFailed:
    message = f"Tệp “{name}” bị từ chối: {reason}"
    return ValidationFailed(message, fields={"files": [message]})


def check_zip(fh: IO[bytes], name: str) -> None:
    """Refuse a DOCX/XLSX whose parts unpack beyond the caps (EOFFICE_UNZIPPED_MAX_MB in
    all, EOFFICE_UNZIPPED_XML_MAX_MB of XML, EOFFICE_ZIP_MAX_ENTRIES parts)."""
    try:
        entries = zipfile.ZipFile(fh).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(name, "tệp nén bị hỏng, không đọc được.") from None
    if len(entries) > settings.EOFFICE_ZIP_MAX_ENTRIES:
        raise _refuse(name, f"có {len(entries)} thành phần, vượt giới hạn {settings.EOFFICE_ZIP_MAX_ENTRIES}.")
    total = sum(entry.file_size for entry in entries)
    xml = sum(entry.file_size for entry in entries if entry.filename.lower().endswith((".xml", ".rels")))
    if total > settings.EOFFICE_UNZIPPED_MAX_MB * MB:
        raise _refuse(name, f"giải nén ra {total // MB} MB, vượt giới hạn {settings.EOFFICE_UNZIPPED_MAX_MB} MB.")
    if xml > settings.EOFFICE_UNZIPPED_XML_MAX_MB * MB:
        raise _refuse(name, f"phần nội dung giải nén ra {xml // MB} MB, vượt giới hạn {settings.EOFFICE_UNZIPPED_XML_MAX_MB} MB.")


def check_image(fh: IO[bytes], name: str) -> None:
    """Refuse an image (every frame counted) over EOFFICE_IMAGE_MAX_PIXELS pixels."""
    cap = settings.EOFFICE_IMAGE_MAX_PIXELS
    try:
        with Image.open(fh) as image:
            pixels = image.width * image.height * getattr(image, "n_frames", 1)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise _refuse(name, "ảnh bị hỏng hoặc quá lớn, không đọc được.") from None
    if pixels > cap:
        raise _refuse(name, f"ảnh có {pixels:,} điểm ảnh, vượt giới hạn {cap:,}.".replace(",", "."))


def check_expansion(fh: IO[bytes], name: str, extension: str) -> None:
    """The check that fits the format; the file position is left at the start."""
    try:
        if extension in ZIP_FORMATS:
            check_zip(fh, name)
        elif extension in IMAGE_FORMATS:
            check_image(fh, name)
    finally:
        fh.seek(0)
