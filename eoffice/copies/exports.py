"""Sổ đăng ký bản sao văn bản: rows, XLSX and the PDF to bind."""

from django.http import HttpResponse

from eoffice.copies.models import DocumentCopy
from eoffice.copies.selectors import register_rows
from eoffice.copies.sources import source_of
from eoffice.core.register_pdf import printed_register
from eoffice.core.xlsx import download_response, register_workbook, xlsx_response

REGISTER_COLUMNS = [
    ("Số, ký hiệu bản sao", 16),
    ("Ngày sao", 12),
    ("Hình thức sao", 14),
    ("Văn bản được sao", 50),
    ("Sao sang", 14),
    ("Người ký", 22),
    ("Nơi nhận", 30),
    ("Số lượng bản", 8),
    ("Ghi chú", 20),
]


def register_row(copy: DocumentCopy) -> list:
    pages = f" (trang {copy.pages})" if copy.pages else ""
    return [
        copy.code,
        copy.copied_on.strftime("%d/%m/%Y"),
        copy.get_form_display(),
        source_of(copy) + pages,
        copy.get_medium_display(),
        str(copy.signer) if copy.signer else "Chữ ký số của cơ quan",
        "; ".join(line for line in copy.places_text.splitlines() if line.strip()),
        copy.amount,
        copy.note,
    ]


def register_xlsx_response(actor, *, year: int) -> HttpResponse:
    data = register_workbook(
        sheet_title=f"Sổ bản sao {year}",
        heading=f"SỔ ĐĂNG KÝ BẢN SAO VĂN BẢN NĂM {year} — {actor.agency.name.upper()}",
        columns=REGISTER_COLUMNS,
        rows=(register_row(copy) for copy in register_rows(actor, year=year).iterator(chunk_size=500)),
    )
    return xlsx_response(data, f"so-ban-sao-{year}.xlsx")


def register_pdf_response(actor, *, year: int) -> HttpResponse:
    entries = [(copy.copied_on, copy.code, register_row(copy)) for copy in register_rows(actor, year=year)]
    data = printed_register(
        actor.agency, title="SỔ ĐĂNG KÝ BẢN SAO VĂN BẢN", year=year, entries=entries, columns=REGISTER_COLUMNS
    )
    return download_response(data, "application/pdf", f"so-ban-sao-{year}.pdf")
