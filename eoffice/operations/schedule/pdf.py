"""The week as the usual printed table: A4 landscape, the agency and Quốc hiệu
at the head, then Thứ/ngày | Thời gian | Nội dung | Chủ trì | Thành phần |
Địa điểm | Chuẩn bị, one band per day. Pure: model objects in, PDF bytes out."""

import io
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from eoffice.core.fonts import FontNames, register_fonts
from eoffice.core.letterhead import MOTTO, NATIONAL_TITLE
from eoffice.operations.models import ScheduleEntry, WeekSchedule
from eoffice.operations.schedule.selectors import by_day

TITLE = "LỊCH CÔNG TÁC TUẦN CỦA CHỦ TỊCH VÀ CÁC PHÓ CHỦ TỊCH UBND THÀNH PHỐ"
HEADINGS = ["Thứ/ngày", "Thời gian", "Nội dung", "Chủ trì", "Thành phần", "Địa điểm", "Chuẩn bị"]
WIDTHS = [24, 22, 76, 38, 50, 34, 28]  # mm, 272 in all: A4 landscape less 12.5 mm margins
MARGIN = 12.5 * mm


def _styles(fonts: FontNames) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("cell", fontName=fonts.regular, fontSize=10, leading=12.5)
    return {
        "cell": base,
        "head": ParagraphStyle("head", parent=base, fontName=fonts.bold, alignment=TA_CENTER),
        "center": ParagraphStyle("center", parent=base, fontSize=12, leading=15, alignment=TA_CENTER),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.bold, fontSize=14, leading=18, alignment=TA_CENTER),
    }


def when(entry: ScheduleEntry) -> str:
    if entry.start_time is None:
        return entry.get_slot_display()
    return f"{entry.start_time:%H:%M}" + (f"–{entry.end_time:%H:%M}" if entry.end_time else "")


def _row(entry: ScheduleEntry, styles: dict[str, ParagraphStyle]) -> list[Paragraph]:
    room = entry.room.name if entry.room else ""
    cells = [
        when(entry),
        entry.content,
        ", ".join(str(user) for user in entry.leaders.all()),
        entry.participants,
        ", ".join(part for part in (room, entry.place) if part),
        entry.preparing_unit,
    ]
    marks = [escape(text) for text in cells]
    if entry.cancelled:
        marks = [f"<strike>{text}</strike>" for text in marks]
        marks[1] += " <i>(Hủy)</i>"
    elif entry.changed:
        marks[1] += " <i>(Điều chỉnh)</i>"
    return [Paragraph(text, styles["cell"]) for text in marks]


def _header(week: WeekSchedule, styles: dict[str, ParagraphStyle]) -> Table:
    agency = week.agency
    upper = escape(agency.parent.name.upper()) + "<br/>" if agency.parent is not None else ""
    left = Paragraph(f"{upper}<b>{escape(agency.name.upper())}</b>", styles["center"])
    right = Paragraph(f"<b>{NATIONAL_TITLE}</b><br/><b>{MOTTO}</b>", styles["center"])
    table = Table([[left, right]], colWidths=[110 * mm, 162 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def week_pdf(week: WeekSchedule, entries: list[ScheduleEntry]) -> bytes:
    fonts = register_fonts()
    styles = _styles(fonts)
    rows: list[list[object]] = [[Paragraph(text, styles["head"]) for text in HEADINGS]]
    spans = []
    for day in by_day(week.start, entries):
        first = len(rows)
        label = Paragraph(f"<b>{escape(day.label)}</b>", styles["cell"])
        day_rows = [_row(entry, styles) for entry in day.entries] or [[Paragraph("", styles["cell"])] * 6]
        for index, cells in enumerate(day_rows):
            rows.append([label if index == 0 else "", *cells])
        if len(day_rows) > 1:
            spans.append(("SPAN", (0, first), (0, len(rows) - 1)))
    table = Table(rows, colWidths=[w * mm for w in WIDTHS], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP"), *spans]))
    period = f"(Từ ngày {week.start:%d/%m/%Y} đến ngày {week.end:%d/%m/%Y})"
    story = [
        _header(week, styles),
        Spacer(1, 6 * mm),
        Paragraph(TITLE, styles["title"]),
        Paragraph(f"<i>{period}</i>", styles["center"]),
        Spacer(1, 4 * mm),
        table,
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=f"{TITLE} {period}", author=week.agency.name,
    )  # fmt: skip
    document.build(story)
    return buffer.getvalue()
