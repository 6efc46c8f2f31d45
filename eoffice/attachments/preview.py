"""Page images of a PDF for the document pages (an outgoing document, the PDF
attachments of an incoming one): an image shows in every browser, including
phones that do not display a PDF inside a page."""

from io import BytesIO

import pypdfium2

PdfiumError = pypdfium2.PdfiumError

DPI = 110


def _open(data: bytes) -> pypdfium2.PdfDocument:
    document = pypdfium2.PdfDocument(data)
    document.init_forms()  # filled number and date fields are drawn too
    return document


def page_count(data: bytes) -> int:
    document = _open(data)
    try:
        return len(document)
    finally:
        document.close()


def page_png(data: bytes, number: int) -> bytes | None:
    """PNG of page `number` (1-based), or None when there is no such page."""
    document = _open(data)
    try:
        if not 1 <= number <= len(document):
            return None
        image = document[number - 1].render(scale=DPI / 72, may_draw_forms=True).to_pil()
        out = BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()
