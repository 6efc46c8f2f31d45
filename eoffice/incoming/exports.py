"""Registers of ND30 Appendix IV as XLSX workbooks."""

from datetime import date
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from eoffice.incoming.models import AssignmentKind
from eoffice.incoming.selectors import register_rows

REGISTER_COLUMNS = [
    ("Ngày đến", 12),
    ("Số đến", 8),
    ("Tác giả", 30),
    ("Số, ký hiệu văn bản", 18),
    ("Ngày tháng văn bản", 12),
    ("Tên loại và trích yếu nội dung văn bản", 50),
    ("Đơn vị hoặc người nhận", 25),
    ("Ngày chuyển", 12),
    ("Ký nhận", 12),
    ("Ghi chú", 20),
]


def recipients_text(document) -> str:
    """Đơn vị hoặc người nhận: the lead and coordinating units, else the leader it went to."""
    parts = []
    for a in document.assignments.all():
        if a.parent_id is None and a.kind in (AssignmentKind.LEAD, AssignmentKind.COORDINATE):
            parts.append(f"{a.unit.abbreviation if a.unit else a.user} ({a.get_kind_display().lower()})")
    if not parts:
        parts = [str(a.user) for a in document.assignments.all() if a.kind == AssignmentKind.REVIEW]
    return "; ".join(parts) or document.to_places


def transfer_date(document) -> date | None:
    dates = [a.created_at for a in document.assignments.all()]
    return timezone.localdate(min(dates)) if dates else None


def register_row(document) -> list:
    moved = transfer_date(document)
    return [
        document.arrival_date.strftime("%d/%m/%Y"),
        document.arrival_number,
        document.organ_name,
        document.symbol_display,
        document.issued_date.strftime("%d/%m/%Y"),
        f"{document.type_name}: {document.subject}",
        recipients_text(document),
        moved.strftime("%d/%m/%Y") if moved else "",
        "",
        document.description,
    ]


def register_xlsx(actor, *, year: int) -> bytes:
    rows = register_rows(actor, date_from=date(year, 1, 1), date_to=date(year, 12, 31))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Sổ VB đến {year}"
    sheet.append([f"SỔ ĐĂNG KÝ VĂN BẢN ĐẾN NĂM {year} — {actor.agency.name.upper()}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"({len(REGISTER_COLUMNS)} cột theo Phụ lục IV Nghị định 30/2020/NĐ-CP)"])
    sheet.append([name for name, _ in REGISTER_COLUMNS])
    sheet.append([f"({i})" for i in range(1, len(REGISTER_COLUMNS) + 1)])
    for index, (_, width) in enumerate(REGISTER_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        for row in (3, 4):
            cell = sheet.cell(row=row, column=index)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for document in rows.iterator(chunk_size=500):
        sheet.append(register_row(document))
    sheet.freeze_panes = "A5"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def register_xlsx_response(actor, *, year: int) -> HttpResponse:
    """The year's register as a download, for the web page and the API alike."""
    response = HttpResponse(register_xlsx(actor, year=year), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="so-van-ban-den-{year}.xlsx"'
    return response
