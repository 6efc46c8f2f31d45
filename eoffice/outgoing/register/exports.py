"""Sổ đăng ký văn bản đi (ND30 Appendix IV) as rows and as an XLSX workbook."""

from django.http import HttpResponse
from django.utils import timezone

from eoffice.core.register_pdf import printed_register
from eoffice.core.xlsx import download_response, register_workbook, xlsx_response
from eoffice.outgoing.models import Status
from eoffice.outgoing.register.selectors import register_rows

REGISTER_COLUMNS = [
    ("Số, ký hiệu văn bản", 18),
    ("Ngày tháng văn bản", 12),
    ("Tên loại và trích yếu nội dung văn bản", 50),
    ("Người ký", 22),
    ("Nơi nhận văn bản", 35),
    ("Đơn vị, người nhận bản lưu", 16),
    ("Số lượng bản", 8),
    ("Ngày chuyển", 12),
    ("Ký nhận", 12),
    ("Ghi chú", 20),
]


def places_text(document) -> str:
    """Nơi nhận: the lines of the “Nơi nhận” block, then the recipient agencies not already named."""
    places = [line.lstrip("-–• ").rstrip(";,. ") for line in document.lines("places_text")]
    places = [place for place in places if place]
    named = {place.casefold() for place in places}
    places += [r.agency.name for r in document.recipients.all() if r.agency.name.casefold() not in named]
    return "; ".join(places)


def remarks(document) -> str:
    """Ghi chú: a recalled document stays in the register, marked as such."""
    if document.status != Status.RECALLED:
        return ""
    recalled = f" ngày {timezone.localdate(document.recalled_at):%d/%m/%Y}" if document.recalled_at else ""
    return f"Đã thu hồi{recalled}"


def register_row(document) -> list:
    """The ten Appendix IV cells of one document."""
    issued = document.issued_date.strftime("%d/%m/%Y")
    return [
        document.symbol_display,
        issued,
        f"{document.type_name}: {document.subject}",
        str(document.signer),
        places_text(document),
        f"Văn thư, {document.drafting_unit.name}",  # bản lưu: the registry and the drafting unit, by name
        document.issued_amount,
        issued,  # ngày chuyển: issued and delivered the same day by the System
        "",
        remarks(document),
    ]


def _names(confidential: bool) -> tuple[str, str, str]:
    """(sheet title, heading word, file name part) of the ordinary or the confidential register."""
    return ("Sổ VB đi mật", "ĐI MẬT", "so-van-ban-di-mat") if confidential else ("Sổ VB đi", "ĐI", "so-van-ban-di")


def register_xlsx(actor, *, year: int, confidential: bool = False) -> bytes:
    rows = register_rows(actor, year=year, confidential=confidential)
    sheet_title, word, _ = _names(confidential)
    return register_workbook(
        sheet_title=f"{sheet_title} {year}",
        heading=f"SỔ ĐĂNG KÝ VĂN BẢN {word} NĂM {year} — {actor.agency.name.upper()}",
        columns=REGISTER_COLUMNS,
        rows=(register_row(document) for document in rows.iterator(chunk_size=500)),
    )


def register_pdf_response(actor, *, year: int, confidential: bool = False) -> HttpResponse:
    """The year's register to print and bind: cover, first page, the rows."""
    rows = register_rows(actor, year=year, confidential=confidential)
    entries = [(d.issued_date, d.symbol_display, register_row(d)) for d in rows]
    title = f"SỔ ĐĂNG KÝ VĂN BẢN {_names(confidential)[1]}"
    data = printed_register(actor.agency, title=title, year=year, entries=entries, columns=REGISTER_COLUMNS)
    return download_response(data, "application/pdf", f"{_names(confidential)[2]}-{year}.pdf")


def register_xlsx_response(actor, *, year: int, confidential: bool = False) -> HttpResponse:
    """The year's register as a download, for the web page and the API alike."""
    data = register_xlsx(actor, year=year, confidential=confidential)
    return xlsx_response(data, f"{_names(confidential)[2]}-{year}.xlsx")
