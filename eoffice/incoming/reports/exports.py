"""Registers of ND30 Appendix IV as XLSX workbooks."""

from datetime import date

from django.http import HttpResponse
from django.utils import timezone

from eoffice.core.register_pdf import printed_register
from eoffice.core.xlsx import download_response, register_workbook, xlsx_response
from eoffice.incoming.models import AssignmentKind
from eoffice.incoming.reports.selectors import register_rows

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
            parts.append(f"{a.unit.name if a.unit else a.user} ({a.get_kind_display().lower()})")
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


def register_xlsx(actor, *, year: int, confidential: bool = False) -> bytes:
    rows = register_rows(actor, year=year, confidential=confidential)
    kind = "VĂN BẢN ĐẾN MẬT" if confidential else "VĂN BẢN ĐẾN"
    return register_workbook(
        sheet_title=f"Sổ VB đến {'mật ' if confidential else ''}{year}",
        heading=f"SỔ ĐĂNG KÝ {kind} NĂM {year} — {actor.agency.name.upper()}",
        columns=REGISTER_COLUMNS,
        rows=(register_row(document) for document in rows.iterator(chunk_size=500)),
    )


def register_pdf_response(actor, *, year: int, confidential: bool = False) -> HttpResponse:
    """The year's register to print and bind: cover, first page, the rows."""
    rows = register_rows(actor, year=year, confidential=confidential)
    entries = [(d.arrival_date, d.arrival_number, register_row(d)) for d in rows]
    title = f"SỔ ĐĂNG KÝ VĂN BẢN ĐẾN{' MẬT' if confidential else ''}"
    data = printed_register(actor.agency, title=title, year=year, entries=entries, columns=REGISTER_COLUMNS)
    return download_response(data, "application/pdf", f"so-van-ban-den-{'mat-' if confidential else ''}{year}.pdf")


def register_xlsx_response(actor, *, year: int, confidential: bool = False) -> HttpResponse:
    """The year's register as a download, for the web page and the API alike."""
    name = f"so-van-ban-den-{'mat-' if confidential else ''}{year}.xlsx"
    return xlsx_response(register_xlsx(actor, year=year, confidential=confidential), name)


# Sổ theo dõi giải quyết văn bản đến (Appendix IV): seven columns.
FOLLOW_COLUMNS = [
    ("Số đến", 8),
    ("Tên loại, số, ký hiệu, ngày tháng và tên cơ quan, tổ chức ban hành văn bản", 45),
    ("Đơn vị hoặc người nhận", 25),
    ("Thời hạn giải quyết", 12),
    ("Tiến độ giải quyết", 20),
    ("Số, ký hiệu văn bản trả lời", 18),
    ("Ghi chú", 20),
]


def follow_row(document) -> list:
    """The seven cells of one document in the follow-up book."""
    done = f" ({timezone.localdate(document.completed_at):%d/%m/%Y})" if document.completed_at else ""
    return [
        document.arrival_number,
        f"{document.type_name} số {document.symbol_display} ngày {document.issued_date:%d/%m/%Y} của {document.organ_name}",
        recipients_text(document),
        f"{document.due_date:%d/%m/%Y}" if document.due_date else "",
        f"{document.get_status_display()}{done}",
        document.answer_reference,
        document.description,
    ]


def _follow_title(confidential: bool) -> str:
    return f"SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN{' MẬT' if confidential else ''}"


def _follow_name(confidential: bool, year: int, extension: str) -> str:
    return f"so-theo-doi-van-ban-den-{'mat-' if confidential else ''}{year}.{extension}"


def follow_xlsx_response(actor, *, year: int, confidential: bool = False) -> HttpResponse:
    rows = register_rows(actor, year=year, confidential=confidential)
    data = register_workbook(
        sheet_title=f"Sổ theo dõi {year}",
        heading=f"{_follow_title(confidential)} NĂM {year} — {actor.agency.name.upper()}",
        columns=FOLLOW_COLUMNS,
        rows=(follow_row(document) for document in rows.iterator(chunk_size=500)),
    )
    return xlsx_response(data, _follow_name(confidential, year, "xlsx"))


def follow_pdf_response(actor, *, year: int, confidential: bool = False) -> HttpResponse:
    rows = register_rows(actor, year=year, confidential=confidential)
    entries = [(d.arrival_date, d.arrival_number, follow_row(d)) for d in rows]
    title = _follow_title(confidential)
    data = printed_register(actor.agency, title=title, year=year, entries=entries, columns=FOLLOW_COLUMNS)
    return download_response(data, "application/pdf", _follow_name(confidential, year, "pdf"))
