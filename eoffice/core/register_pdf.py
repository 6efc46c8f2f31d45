"""A register kept in the System, printed on paper to be signed and bound (ND30
Art.16 §2b, Art.22 §3b; Appendix IV): a cover and a first page (the agency,
the register's name, the year, the dates and numbers it spans, the volume),
then the Appendix IV columns on A4 landscape, the column headings and their
numbers repeated on every page, a wide left margin for the binding and the
page number at the foot."""

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Paragraph, Spacer, Table, TableStyle

from eoffice.core.fonts import register_fonts

PAGE_W, PAGE_H = landscape(A4)
BINDING, MARGIN = 30 * mm, 12 * mm  # the left edge is sewn or glued
FRAME_W = PAGE_W - BINDING - MARGIN
CELL_SIZE = 9.5


@dataclass(frozen=True)
class RegisterCover:
    parent: str  # cơ quan chủ quản ("" when none)
    agency: str
    title: str  # "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"
    year: int
    first_date: str = ""  # dd/mm/yyyy of the first and last rows
    last_date: str = ""
    first_number: str = ""
    last_number: str = ""
    volume: int = 1  # quyển số


def cover_for(agency: Any, *, title: str, year: int, dates: Sequence[date], numbers: Sequence[object]) -> RegisterCover:
    """The cover of `agency`'s register (an organisation.Agency: core imports no
    app) spanning the rows printed: their dates and their first and last numbers."""
    parent = agency.parent.name if agency.parent_id else ""
    if not dates:
        return RegisterCover(parent=parent, agency=agency.name, title=title, year=year)
    return RegisterCover(
        parent=parent,
        agency=agency.name,
        title=title,
        year=year,
        first_date=f"{min(dates):%d/%m/%Y}",
        last_date=f"{max(dates):%d/%m/%Y}",
        first_number=str(numbers[0]),
        last_number=str(numbers[-1]),
    )


def _styles() -> dict[str, ParagraphStyle]:
    fonts = register_fonts()
    return {
        "parent": ParagraphStyle("parent", fontName=fonts.regular, fontSize=13, leading=17, alignment=TA_CENTER),
        "agency": ParagraphStyle("agency", fontName=fonts.bold, fontSize=13, leading=17, alignment=TA_CENTER),
        "title": ParagraphStyle("title", fontName=fonts.bold, fontSize=24, leading=32, alignment=TA_CENTER),
        "line": ParagraphStyle("line", fontName=fonts.regular, fontSize=14, leading=22, alignment=TA_CENTER),
        "head": ParagraphStyle("head", fontName=fonts.bold, fontSize=CELL_SIZE, leading=11.5, alignment=TA_CENTER),
        "cell": ParagraphStyle("cell", fontName=fonts.regular, fontSize=CELL_SIZE, leading=11.5),
    }


def _cover(cover: RegisterCover, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    dates = f"Từ ngày {cover.first_date or '……'} đến ngày {cover.last_date or '……'}"
    numbers = f"Từ số {cover.first_number or '……'} đến số {cover.last_number or '……'}"
    story: list[Flowable] = [Spacer(1, 10 * mm)]
    if cover.parent:
        story.append(Paragraph(escape(cover.parent.upper()), styles["parent"]))
    story += [Paragraph(escape(cover.agency.upper()), styles["agency"]), Spacer(1, 40 * mm)]
    story += [Paragraph(escape(cover.title), styles["title"]), Spacer(1, 12 * mm)]
    for line in (f"Năm: {cover.year}", dates, numbers, f"Quyển số: {cover.volume:02d}"):
        story.append(Paragraph(escape(line), styles["line"]))
    return story


def _widths(columns: Sequence[tuple[str, float]], texts: list[list[str]]) -> list[float]:
    """Each column at least as wide as its longest word (a date or a symbol is
    never broken), the rest of the page shared by the columns' weights."""
    font = register_fonts().regular
    least = [
        min(max([stringWidth(word, font, CELL_SIZE) + 7 for row in texts for word in row[i].split()] or [20.0]), FRAME_W / 5)
        for i in range(len(columns))
    ]  # capped: one very long word wraps rather than push the table off the page
    total = sum(weight for _, weight in columns)
    widths = [max(low, FRAME_W * weight / total) for low, (_, weight) in zip(least, columns, strict=True)]
    excess, room = sum(widths) - FRAME_W, sum(widths) - sum(least)
    if excess > 0 and room > 0:  # taken back from the columns wider than their longest word
        widths = [width - excess * (width - low) / room for width, low in zip(widths, least, strict=True)]
    return widths


def _table(columns: Sequence[tuple[str, float]], rows: Iterable[Sequence[object]], styles: dict[str, ParagraphStyle]) -> Table:
    texts = [["" if cell is None else str(cell) for cell in row] for row in rows]
    widths = _widths(columns, texts)
    head = [Paragraph(escape(name), styles["head"]) for name, _ in columns]
    numbers = [Paragraph(f"({i})", styles["head"]) for i in range(1, len(columns) + 1)]
    body = [[Paragraph(escape(cell), styles["cell"]) for cell in row] for row in texts]
    table = Table([head, numbers, *body], colWidths=widths, repeatRows=2)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _page_number(canvas: Any, doc: Any) -> None:
    if doc.page > 2:  # the cover and the first page carry none
        canvas.setFont(register_fonts().regular, 10)
        canvas.drawCentredString(BINDING + FRAME_W / 2, 7 * mm, str(doc.page - 2))


def printed_register(
    agency: Any,
    *,
    title: str,
    year: int,
    entries: Sequence[tuple[date, object, Sequence[object]]],
    columns: Sequence[tuple[str, float]],
) -> bytes:
    """`agency`'s register to bind from its entries: (date, number, row cells)
    in register order; the cover spans their dates and numbers."""
    cover = cover_for(agency, title=title, year=year, dates=[e[0] for e in entries], numbers=[e[1] for e in entries])
    return register_pdf(cover, columns, [e[2] for e in entries])


def register_pdf(cover: RegisterCover, columns: Sequence[tuple[str, float]], rows: Iterable[Sequence[object]]) -> bytes:
    """The register as a PDF to print and bind: cover, first page, then the rows."""
    styles = _styles()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_W, PAGE_H),
        title=f"{cover.title} năm {cover.year}",
        author=cover.agency,
        creator="eOffice",
        lang="vi-VN",
        initialFontName=register_fonts().regular,
    )
    frame = Frame(BINDING, MARGIN, FRAME_W, PAGE_H - 2 * MARGIN, 0, 0, 0, 0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_page_number)])
    story = [*_cover(cover, styles), PageBreak(), *_cover(cover, styles), PageBreak(), _table(columns, rows, styles)]
    doc.build(story)
    return buffer.getvalue()
