"""Searchable text of an attachment: the PDF text layer, DOCX paragraphs, and OCR
(eoffice.attachments.ocr) for scanned PDF pages and images."""

import unicodedata

import docx

from eoffice.attachments import ocr

IMAGES = {"jpg", "jpeg", "png", "tif", "tiff"}
EXTRACTABLE = {"pdf", "docx", *IMAGES}


def extract(fh, extension: str) -> ocr.Extracted:
    """Text (NFC) of an open file; raises ocr.OcrUnavailable when a scan needs OCR that
    this machine cannot do, and whatever a damaged file makes its reader raise."""
    if extension == "pdf":
        found = ocr.pdf_text(fh.read())
    elif extension == "docx":
        found = ocr.Extracted("\n".join(p.text for p in docx.Document(fh).paragraphs))
    elif extension in IMAGES:
        found = ocr.image_text(fh)
    else:
        return ocr.Extracted("")
    return ocr.Extracted(unicodedata.normalize("NFC", found.text).strip(), found.pages_skipped)


def extract_text(fh, extension: str) -> str:
    return extract(fh, extension).text
