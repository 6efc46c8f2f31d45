"""Registers of ND30 Appendix IV as XLSX workbooks (sổ văn bản đến and đi share one layout)."""

from collections.abc import Iterable
from io import BytesIO
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from eoffice.core.text import clean

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def append_row(sheet: Any, row: Iterable[Any]) -> None:
    """Append a row whatever is stored: text is cleaned of the control characters XLSX
    cannot hold (rows saved before input was cleaned), and text starting with "=" stays
    text, never a formula a spreadsheet would run."""
    sheet.append([clean(value) for value in row])
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def register_workbook(
    *, sheet_title: str, heading: str, columns: list[tuple[str, int]], rows: Iterable[list[Any]], subtitle: str | None = None
) -> bytes:
    """One sheet: the heading, a subtitle (by default the number of Appendix IV
    columns; registers outside ND30 give their own), the column names and
    their numbers (1)…(n), then one line per row from line 5."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    append_row(sheet, [heading])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"({len(columns)} cột theo Phụ lục IV Nghị định 30/2020/NĐ-CP)" if subtitle is None else subtitle])
    sheet.append([name for name, _ in columns])
    sheet.append([f"({i})" for i in range(1, len(columns) + 1)])
    for index, (_, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        for heading_row in (3, 4):
            cell = sheet.cell(row=heading_row, column=index)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        append_row(sheet, row)
    sheet.freeze_panes = "A5"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download_response(data: bytes, content_type: str, filename: str) -> HttpResponse:
    """A file as a download, for web pages and the API alike."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    return download_response(data, XLSX_TYPE, filename)
