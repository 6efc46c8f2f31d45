"""The copy's file: the pages copied and the copy form (Appendix I Part II).

A copy made to paper (Mẫu 3.1) carries the copy form block under a full-width
rule right after the last content of the copied document, on the same sheet
when there is room, else on a sheet of its own. A copy made to electronic form
(Mẫu 3.2) carries the copying agency's digital signature instead (see services)."""

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pypdfium2 as pdfium
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from eoffice.core.errors import ValidationFailed
from eoffice.core.fonts import FontNames, register_fonts, text_width, wrap_balanced

MARGIN_LEFT, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_TOP = 30 * mm, 15 * mm, 20 * mm, 20 * mm
LEFT_W = 75 * mm  # the agency and Nơi nhận column
SIGNATURE_SPACE = 30 * mm  # the signer's hand and the agency's seal
GAP = 6 * mm  # between the copied document's last line and the rule
MAX_PAGES = 500


@dataclass(frozen=True)
class CopyBlock:
    """What Mẫu 3.1 prints: form words, the copying agency, the number line,
    place and date, Nơi nhận, the signer's authority lines and name."""

    form_words: str  # "SAO Y"
    agency: str  # upper case
    number_line: str  # "Số: 01/SY-VP"
    date_line: str  # "Hải Phòng, ngày 07 tháng 12 năm 2026"
    places: tuple[str, ...] = ()
    signer_lines: tuple[str, ...] = ()
    signer_name: str = ""


def page_indexes(spec: str, count: int) -> list[int]:
    """0-based page indexes of "1-3,5" (pages as printed, from 1), in order,
    each once; refuses what does not name pages of the document."""
    spec = spec.replace(" ", "")
    if not re.fullmatch(r"\d+(-\d+)?(,\d+(-\d+)?)*", spec):
        raise ValidationFailed("Ghi các trang trích sao như 1-3,5.", fields={"pages": ["Ghi các trang như 1-3,5."]})
    chosen: list[int] = []
    for part in spec.split(","):
        first, _, last = part.partition("-")
        start, end = int(first), int(last or first)
        if start < 1 or end > count or start > end:
            message = f"Văn bản có {count} trang: trang {part} không có."
            raise ValidationFailed(message, fields={"pages": [message]})
        chosen += [i - 1 for i in range(start, end + 1) if i - 1 not in chosen]
    return chosen


@contextmanager
def _readable() -> Iterator[None]:
    """A damaged or truncated file fails with a message, not a server error."""
    try:
        yield
    except (PyPdfError, pdfium.PdfiumError, ValueError, OSError, KeyError, IndexError):
        raise ValidationFailed("Tệp của văn bản không đọc được như PDF.") from None


def page_count(data: bytes) -> int:
    with _readable():
        return len(_reader(data).pages)


def _reader(data: bytes) -> PdfReader:
    reader = PdfReader(io.BytesIO(data))
    if len(reader.pages) > MAX_PAGES:
        raise ValidationFailed(f"Văn bản quá {MAX_PAGES} trang, không sao trên Hệ thống được.")
    return reader


def extract(data: bytes, indexes: list[int]) -> bytes:
    """A new PDF of the chosen pages only (a trích sao)."""
    with _readable():
        reader, writer = _reader(data), PdfWriter()
        for index in indexes:
            writer.add_page(reader.pages[index])
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()


def _lowest_content(data: bytes) -> tuple[float, float, float]:
    """(width, height, y of the lowest drawn object) of the last page, in points."""
    document = pdfium.PdfDocument(data)
    try:
        page = document[len(document) - 1]
        width, height = page.get_size()
        bottoms = [obj.get_bounds()[1] for obj in page.get_objects()]
        return width, height, min(bottoms, default=height - MARGIN_TOP)
    finally:
        document.close()


def block_height(block: CopyBlock, fonts: FontNames) -> float:
    """How far below its rule the block reaches."""
    return -_layout(block, fonts, top=0.0, width=A4[0])[1]


def _layout(block: CopyBlock, fonts: FontNames, *, top: float, width: float) -> tuple[list[tuple], float]:
    """Draw operations [(font, size, x_centre or x_left, y, text, centred)] and the lowest y."""
    ops: list[tuple] = []
    left_x, right_w = MARGIN_LEFT, width - MARGIN_LEFT - MARGIN_RIGHT - LEFT_W
    left_c, right_c = MARGIN_LEFT + LEFT_W / 2, MARGIN_LEFT + LEFT_W + right_w / 2
    y = top - 6 * mm
    agency_lines = wrap_balanced(block.agency, fonts.bold, 12, LEFT_W - 4 * mm)
    left_y = y
    for line in agency_lines:
        ops.append((fonts.bold, 12, left_c, left_y, line, True))
        left_y -= 14
    rule_w = 0.4 * max(text_width(line, fonts.bold, 12) for line in agency_lines)
    ops.append(("rule", 0, left_c - rule_w / 2, left_y + 6, left_c + rule_w / 2, False))  # under the name's last line
    ops.append((fonts.regular, 13, left_c, left_y - 12, block.number_line, True))
    ops.append((fonts.bold, 14, right_c, y, block.form_words, True))
    ops.append((fonts.italic, 13, right_c, y - 18, block.date_line, True))
    y = min(left_y - 12, y - 18) - 24
    places_y = y
    ops.append((fonts.bold_italic, 12, left_x, places_y, "Nơi nhận:", False))
    for place in [*block.places, "Lưu: VT."]:
        places_y -= 13
        ops.append((fonts.regular, 11, left_x, places_y, f"- {place}" + ("" if place.endswith(".") else ";"), False))
    signer_y = y
    for line in block.signer_lines:
        ops.append((fonts.bold, 14, right_c, signer_y, line, True))
        signer_y -= 17
    signer_y -= SIGNATURE_SPACE
    ops.append((fonts.bold, 14, right_c, signer_y, block.signer_name, True))
    return ops, min(places_y, signer_y) - 4


def _draw(block: CopyBlock, fonts: FontNames, *, top: float, size: tuple[float, float]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size)
    width = size[0]
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN_LEFT, top, width - MARGIN_RIGHT, top)  # the full-width rule (II.2.a)
    ops, _ = _layout(block, fonts, top=top, width=width)
    for font, font_size, x, y, text, centred in ops:
        if font == "rule":
            canvas.line(x, y, text, y)
            continue
        canvas.setFont(font, font_size)
        (canvas.drawCentredString if centred else canvas.drawString)(x, y, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def paper_copy(data: bytes, block: CopyBlock) -> bytes:
    """The copied pages with the copy form after their last content (Mẫu 3.1)."""
    fonts = register_fonts()
    with _readable():
        writer = PdfWriter(clone_from=_reader(data))
        width, height, lowest = _lowest_content(data)
    needed = block_height(block, fonts) + GAP
    if lowest - needed >= MARGIN_BOTTOM:
        overlay = PdfReader(io.BytesIO(_draw(block, fonts, top=lowest - GAP, size=(width, height))))
        writer.pages[-1].merge_page(overlay.pages[0])
    else:
        page = PdfReader(io.BytesIO(_draw(block, fonts, top=A4[1] - MARGIN_TOP, size=A4))).pages[0]
        writer.add_page(page)
    writer.add_metadata({"/Subject": f"{block.form_words} {block.number_line}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
