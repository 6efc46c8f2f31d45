"""OCR (nhận dạng ký tự quang học) of scanned attachments: Tesseract 5 with the
Vietnamese model (Debian's tesseract-ocr and tesseract-ocr-vie), through pytesseract.

Images give every frame (a multi-page TIFF is one frame per page); a PDF gives its
text layer per page, and only the pages without a usable one are rendered and read.
At most `EOFFICE_OCR_MAX_PAGES` pages are read per file so one 500-page scan does not
hold the job queue for an hour; the rest are counted as skipped."""

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO

import pypdfium2
import pytesseract
from django.conf import settings
from PIL import Image, ImageOps, ImageSequence
from pypdf import PdfReader

LANG = "vie"  # English-only OCR misreads about a fifth of Vietnamese letters
RENDER_DPI = 300  # Tesseract reads best with letters about 30 px high
MIN_LETTERS = 20  # fewer letters in a page's text layer: treat the page as scanned
PAGE_TIMEOUT_S = 180  # a page that takes longer is noise or an attack, not a letter


class OcrUnavailable(Exception):
    """Tesseract or its Vietnamese data is not installed on this machine."""


@dataclass(frozen=True)
class Extracted:
    """Text of one file, and how many pages needing OCR were left unread (over the cap)."""

    text: str
    pages_skipped: int = 0


def ensure_available() -> None:
    """Raise OcrUnavailable with the fix in Vietnamese unless `tesseract -l vie` can run."""
    try:
        languages = pytesseract.get_languages()
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise OcrUnavailable("Không tìm thấy Tesseract: cài gói Debian tesseract-ocr và tesseract-ocr-vie.") from exc
    if LANG not in languages:
        raise OcrUnavailable("Tesseract thiếu dữ liệu tiếng Việt: cài gói Debian tesseract-ocr-vie.")


def read_image(image: Image.Image) -> str:
    """The text of one page image, NFC."""
    page = ImageOps.exif_transpose(image).convert("L")  # phone photos carry their rotation in EXIF
    text = pytesseract.image_to_string(page, lang=LANG, timeout=PAGE_TIMEOUT_S)
    return unicodedata.normalize("NFC", text).strip()


def max_pages() -> int:
    return settings.EOFFICE_OCR_MAX_PAGES


def image_text(fh) -> Extracted:
    """OCR every frame of an image file (JPEG, PNG, single- or multi-page TIFF)."""
    ensure_available()
    with Image.open(fh) as image:
        frames, limit = getattr(image, "n_frames", 1), max_pages()
        texts = [read_image(frame) for _, frame in zip(range(limit), ImageSequence.Iterator(image), strict=False)]
    return Extracted(_join(texts), max(frames - limit, 0))


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def is_scanned(layer_text: str) -> bool:
    return _letters(layer_text) < MIN_LETTERS


def pdf_text(data: bytes) -> Extracted:
    """Each page's text layer; pages without one are OCR'd, up to the cap, in page order."""
    layers = [page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages]
    scanned = [index for index, layer in enumerate(layers) if is_scanned(layer)]
    to_read = scanned[: max_pages()]
    if to_read:
        ensure_available()
        for index, image in zip(to_read, _render(data, to_read), strict=True):
            layers[index] = max(read_image(image), layers[index], key=_letters)  # a stray layer (page stamp) or the scan
    return Extracted(_join(unicodedata.normalize("NFC", layer) for layer in layers), len(scanned) - len(to_read))


def _render(data: bytes, indexes: list[int]) -> Iterator[Image.Image]:
    """Pages rendered one at a time, so a long scan never holds more than one bitmap."""
    document = pypdfium2.PdfDocument(data)
    try:
        for index in indexes:
            page = document[index]
            try:
                yield page.render(scale=RENDER_DPI / 72, grayscale=True).to_pil()
            finally:
                page.close()
    finally:
        document.close()


def _join(texts) -> str:
    return "\n".join(text.strip() for text in texts if text.strip())
