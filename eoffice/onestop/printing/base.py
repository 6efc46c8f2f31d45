"""What every one-stop slip (phiếu một cửa) shares: the ND30 header (agency top
left, Quốc hiệu and Tiêu ngữ top right, the place and date in italics), the
paragraph styles, Vietnamese date and duration wording, the signature row,
the look-up QR code and the A4 document itself. Pure: model objects in, PDF
bytes out; nothing is written to the database."""

import io
from datetime import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer, Table, TableStyle

from eoffice.core.fonts import FontNames, register_fonts, text_width, wrap_balanced
from eoffice.core.letterhead import MOTTO, NATIONAL_TITLE
from eoffice.core.templatetags.vn import ngay, ngay_day_du
from eoffice.core.text import nfc
from eoffice.onestop.models import Timeliness

PAGE_W, PAGE_H = A4
MARGIN_TOP = MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT, MARGIN_RIGHT = 30 * mm, 20 * mm
CONTENT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
HEADER_LEFT_W = 72 * mm  # agency column; the rest holds Quốc hiệu, Tiêu ngữ and the date
SIZE_HEADER, SIZE_MOTTO, SIZE_DATE, SIZE_TITLE, SIZE_BODY, SIZE_CELL = 12, 13, 13, 14, 13, 11
QR_SIZE = 27 * mm
BLANK = "…………"  # a value not known yet: the clerk writes it in by hand

ONE_STOP_UNIT = "Bộ phận Một cửa"  # Bộ phận tiếp nhận và trả kết quả
LOOKUP_PATH = "/tra-cuu-ho-so/"


# --------------------------------------------------------------------------- words
def person_name(user) -> str:
    return (user.full_name or user.username) if user else ""


def clock_long(value: datetime | None) -> str:
    """ "09 giờ 15 phút, ngày 05 tháng 01 năm 2026" in local time."""
    if value is None:
        return BLANK
    local = timezone.localtime(value)
    return f"{local:%H} giờ {local:%M} phút, {ngay_day_du(local.date())}"


def clock_short(value: datetime | None) -> str:
    """ "09 giờ 15 phút, ngày 05/01/2026" (the control sheet's cells)."""
    if value is None:
        return BLANK
    local = timezone.localtime(value)
    return f"{local:%H} giờ {local:%M} phút, ngày {ngay(local.date())}"


def place_date(place: str, value: datetime | None) -> str:
    """ "Hải Phòng, ngày 05 tháng 01 năm 2026" (ND30 box 4)."""
    if value is None:
        return f"{place}, ngày {BLANK} tháng {BLANK} năm {BLANK}"
    return f"{place}, {ngay_day_du(value)}"


def working_days(days: Decimal | int | float | None) -> str:
    """ "05 ngày làm việc", "2,5 ngày làm việc"; 0 is a same-day procedure."""
    if days is None:
        return BLANK
    value = Decimal(str(days)).normalize()
    if value == 0:
        return "Trong ngày làm việc"
    if value == value.to_integral_value():
        return f"{int(value):02d} ngày làm việc"
    return f"{format(value, 'f').replace('.', ',')} ngày làm việc"


def timeliness(finished: datetime | None, due: datetime | None) -> str:
    """Trước hạn / đúng hạn / quá hạn of work finished at `finished` against
    `due` ("" while unfinished): early means on an earlier day than the due day."""
    if finished is None or due is None:
        return ""
    if finished > due:
        return Timeliness.LATE
    if timezone.localdate(finished) < timezone.localdate(due):
        return Timeliness.EARLY
    return Timeliness.ON_TIME


def timeliness_label(value: str) -> str:
    return Timeliness(value).label if value else ""


def place_name(agency) -> str:
    """Địa danh: the agency's one-stop settings, else the installation's."""
    row = getattr(agency, "onestop_settings", None)  # None when the agency has no settings row
    return row.place_name if row else settings.EOFFICE_PLACE_NAME


# --------------------------------------------------------------------------- QR code
def lookup_url(code: str) -> str:
    """The public look-up page of a dossier ("tra cứu hồ sơ"), as printed and in the QR code."""
    return f"{settings.EOFFICE_PUBLIC_URL.rstrip('/')}{LOOKUP_PATH}?{urlencode({'ma': code})}"


def qr_code(url: str, size: float = QR_SIZE) -> Drawing:
    """A QR code of `url`, `size` points square (error correction M survives a worn slip)."""
    widget = QrCodeWidget(url, barLevel="M")
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0])
    drawing.add(widget)
    return drawing


# --------------------------------------------------------------------------- flowables
def styles(fonts: FontNames) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=fonts.regular, fontSize=SIZE_BODY, leading=16, alignment=TA_LEFT)
    cell = ParagraphStyle("cell", parent=base, fontSize=SIZE_CELL, leading=13)
    centred = dict(alignment=TA_CENTER)
    return {
        "body": ParagraphStyle("body", parent=base, alignment=TA_JUSTIFY, spaceAfter=3),
        "plain": ParagraphStyle("plain", parent=base, spaceAfter=3),
        "item": ParagraphStyle("item", parent=base, alignment=TA_JUSTIFY, leftIndent=8 * mm, firstLineIndent=-5 * mm),
        "reason": ParagraphStyle("reason", parent=base, alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=3),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.bold, fontSize=SIZE_TITLE, leading=18, **centred),
        "centred": ParagraphStyle("centred", parent=base, spaceAfter=3, **centred),
        "hint": ParagraphStyle("hint", parent=base, fontName=fonts.italic, fontSize=12, leading=14, **centred),
        "small_hint": ParagraphStyle("small_hint", parent=base, fontName=fonts.italic, fontSize=10, leading=12, **centred),
        "code": ParagraphStyle("code", parent=base, leading=22),  # the code itself in 17 pt bold
        "cell": cell,
        "cell_centred": ParagraphStyle("cell_centred", parent=cell, **centred),
        "cell_head": ParagraphStyle("cell_head", parent=cell, fontName=fonts.bold, fontSize=10.5, leading=12.5, **centred),
        "header": ParagraphStyle("header", parent=base, fontSize=SIZE_HEADER, leading=14, **centred),
        "header_bold": ParagraphStyle(
            "header_bold", parent=base, fontName=fonts.bold, fontSize=SIZE_HEADER, leading=14, **centred
        ),
        "motto": ParagraphStyle("motto", parent=base, fontName=fonts.bold, fontSize=SIZE_MOTTO, leading=15, **centred),
        "date": ParagraphStyle("date", parent=base, fontName=fonts.italic, fontSize=SIZE_DATE, **centred),
    }


def sentence(text) -> str:
    """User text that ends a sentence: a full stop added when it has no final punctuation."""
    text = nfc(str(text)).strip()
    return text if not text or text[-1] in ".!?…;:" else f"{text}."


def html(text) -> str:
    """User text for a Paragraph: NFC, markup characters escaped, line breaks kept."""
    return escape(nfc(str(text))).replace("\n", "<br/>")


def para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(html(text), style)


def labelled(label: str, value, style: ParagraphStyle, *, bold: bool = False) -> Paragraph:
    """ "Label: value", the value in bold when it is what the reader looks for."""
    shown = html(value) if str(value).strip() else BLANK
    return Paragraph(f"{html(label)}: {'<b>' + shown + '</b>' if bold else shown}", style)


class Rule(Flowable):
    """A short solid line, centred: under the agency name and under Tiêu ngữ."""

    def __init__(self, length: float, gap: float = 3):
        super().__init__()
        self.length, self.gap = length, gap

    def wrap(self, available_width, available_height):
        self.available = available_width
        return available_width, self.gap + 2

    def draw(self):
        self.canv.setLineWidth(0.6)
        start = (self.available - self.length) / 2
        self.canv.line(start, 1, start + self.length, 1)


def header(agency, fonts: FontNames, css: dict, *, dated: datetime | None, with_date: bool = True) -> Table:
    """ND30 two-column header: parent agency and agency (bold, short rule) on
    the left; Quốc hiệu, Tiêu ngữ (rule as long as the motto) on the right;
    then "Hải Phòng, ngày … tháng … năm …" in italics under the right column."""
    width = HEADER_LEFT_W - 4 * mm
    left: list[Flowable] = []
    if agency.parent_id:
        lines = wrap_balanced(nfc(agency.parent.name).upper(), fonts.regular, SIZE_HEADER, width)
        left.append(Paragraph("<br/>".join(html(line) for line in lines), css["header"]))
    names = wrap_balanced(nfc(agency.name).upper(), fonts.bold, SIZE_HEADER, width)
    left.append(Paragraph("<br/>".join(html(line) for line in names), css["header_bold"]))
    widest = max((text_width(line, fonts.bold, SIZE_HEADER) for line in names), default=120)
    left.append(Rule(max(widest * 0.4, 40)))
    right = [
        Paragraph(NATIONAL_TITLE, css["header_bold"]),
        Paragraph(MOTTO, css["motto"]),
        Rule(text_width(MOTTO, fonts.bold, SIZE_MOTTO)),
    ]
    rows: list[list[Any]] = [[left, right]]
    if with_date:
        rows.append(["", Paragraph(html(place_date(place_name(agency), dated)), css["date"])])
    table = Table(rows, colWidths=[HEADER_LEFT_W, CONTENT_W - HEADER_LEFT_W])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 6),
            ]
        )
    )
    return table


def title(text: str, css: dict) -> list[Flowable]:
    return [Spacer(1, 6 * mm), para(text, css["title"]), Spacer(1, 3 * mm)]


def signatures(css: dict, *blocks: tuple[str, str, str]) -> Flowable:
    """The signature row: (title, hint, printed name) per signer, side by side;
    a single signer stands on the right, where the reader expects it."""
    columns: list[Any] = []
    for heading, hint, name in blocks:
        columns.append(
            [para(heading, css["header_bold"]), para(hint, css["hint"]), Spacer(1, 18 * mm), para(name, css["header_bold"])]
        )
    if len(columns) == 1:
        columns.insert(0, "")
    table = Table([columns], colWidths=[CONTENT_W / len(columns)] * len(columns))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 2)]))
    return KeepTogether([Spacer(1, 4 * mm), table])


def grid(rows: list[list], widths: list[float], *, header_rows: int = 1) -> Table:
    """A ruled table whose heading row repeats on every page."""
    table = Table(rows, colWidths=widths, repeatRows=header_rows)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("VALIGN", (0, header_rows), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


# --------------------------------------------------------------------------- document
def _page_number(canvas, doc) -> None:
    """From page 2 on, centred in the top margin (ND30-PL1 I.7)."""
    if doc.page > 1:
        canvas.setFont(register_fonts().regular, 13)
        canvas.drawCentredString(MARGIN_LEFT + CONTENT_W / 2, PAGE_H - 12 * mm, str(doc.page))


def build_pdf(story: list[Flowable], *, title_text: str, author: str) -> bytes:
    """The slip as an A4 PDF with Liberation Serif embedded."""
    fonts = register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=nfc(title_text),
        author=nfc(author),
        creator="eOffice",
        lang="vi-VN",
        initialFontName=fonts.regular,
        initialFontSize=SIZE_BODY,
    )
    frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, 0, 0, 0, 0, id="content")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_page_number)])
    doc.build(story)
    return buffer.getvalue()
