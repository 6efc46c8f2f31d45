"""The procedure catalogue as one XLSX workbook: sheet "Thủ tục" one row per
procedure, sheets "Trình tự", "Thành phần hồ sơ", "Phí, lệ phí" one row per
item keyed by the procedure code. Columns are found by their heading, so their
order does not matter. Reading turns the rows into the JSON shape, so both
formats pass the same checks (services.import_records); each row carries its
place ("trang “Trình tự”, dòng 7") for the error messages.

Form files are not embedded: the "Tệp mẫu (SHA-256)" column names a file
already stored in this installation (use JSON to move form files elsewhere)."""

import zipfile
from dataclasses import dataclass
from io import BytesIO
from typing import Any
from xml.etree.ElementTree import ParseError

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from eoffice.attachments.archives import check_zip
from eoffice.attachments.validation import HEAD_BYTES, check_upload
from eoffice.core.errors import ValidationFailed
from eoffice.core.text import fold
from eoffice.core.xlsx import append_row
from eoffice.onestop.catalogue.checks import CatalogueInvalid
from eoffice.onestop.catalogue.values import json_number, step_owner_name, step_unit_name


@dataclass(frozen=True)
class Column:
    key: str  # the JSON name
    heading: str
    width: int
    required: bool = False


PROCEDURES = "Thủ tục"
STEPS = "Trình tự"
PAPERS = "Thành phần hồ sơ"
FEES = "Phí, lệ phí"
CODE = Column("code", "Mã thủ tục", 26, True)

SHEETS = {
    PROCEDURES: [
        CODE,
        Column("name", "Tên thủ tục", 50, True),
        Column("field_code", "Mã lĩnh vực", 14, True),
        Column("field_name", "Tên lĩnh vực", 24),
        Column("level", "Cấp thực hiện", 14, True),
        Column("online", "Dịch vụ công trực tuyến", 16),
        Column("implementing_agency", "Cơ quan thực hiện", 30, True),
        Column("subjects", "Đối tượng thực hiện", 24),
        Column("channels", "Cách thức thực hiện", 30),
        Column("processing_days", "Thời hạn giải quyết (ngày làm việc)", 14, True),
        Column("result", "Kết quả thực hiện", 30, True),
        Column("conditions", "Yêu cầu, điều kiện", 30),
        Column("legal_basis", "Căn cứ pháp lý", 40),
        Column("announcement", "Quyết định công bố", 24),
        Column("published", "Công khai", 10),
    ],
    STEPS: [
        CODE,
        Column("order", "Thứ tự", 8, True),
        Column("name", "Nội dung công việc", 50, True),
        Column("unit", "Đơn vị thực hiện", 30, True),
        Column("days", "Thời gian (ngày làm việc)", 12, True),
        Column("owner", "Đơn vị theo dõi", 30),  # the unit here tracking a step of another body
    ],
    PAPERS: [
        CODE,
        Column("order", "Thứ tự", 8, True),
        Column("name", "Tên giấy tờ", 50, True),
        Column("originals", "Bản chính", 10, True),
        Column("copies", "Bản sao", 10, True),
        Column("required", "Bắt buộc", 10),
        Column("form_name", "Mẫu đơn, tờ khai", 30),
        Column("form_file", "Tệp mẫu (SHA-256)", 20),
    ],
    FEES: [
        CODE,
        Column("kind", "Loại", 10, True),
        Column("description", "Nội dung", 40, True),
        Column("amount", "Mức thu (đồng)", 14, True),
        Column("note", "Ghi chú", 30),
    ],
}


# --------------------------------------------------------------------------- writing
def _yes_no(value: bool) -> str:
    return "Có" if value else "Không"


def _procedure_row(p) -> list:
    return [
        p.code, p.name, p.field.code, p.field.name, p.get_level_display(), p.get_online_display(), p.implementing_agency,
        p.subjects, p.channels, json_number(p.processing_days), p.result, p.conditions, p.legal_basis, p.announcement,
        _yes_no(p.published),
    ]  # fmt: skip


def _rows(procedures):
    """Each sheet's rows, in the column order of SHEETS."""
    rows: dict[str, list[list[Any]]] = {name: [] for name in SHEETS}
    for p in procedures:
        rows[PROCEDURES].append(_procedure_row(p))
        for s in p.steps.all():
            rows[STEPS].append([p.code, s.order, s.name, step_unit_name(s), json_number(s.days), step_owner_name(s)])
        for r in p.papers.all():
            sha256 = r.form_file.sha256 if r.form_file_id else ""
            rows[PAPERS].append([p.code, r.order, r.name, r.originals, r.copies, _yes_no(r.required), r.form_name, sha256])
        for f in p.fees.all():
            rows[FEES].append([p.code, f.get_kind_display(), f.description, f.amount, f.note])
    return rows


def write_workbook(procedures) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    rows = _rows(procedures)
    for name, columns in SHEETS.items():
        sheet = workbook.create_sheet(name)
        sheet.append([column.heading for column in columns])
        for index, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
            cell = sheet.cell(row=1, column=index)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        for row in rows[name]:
            append_row(sheet, row)
        sheet.freeze_panes = "B2"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- reading
# What a damaged or crafted workbook makes openpyxl raise; defusedxml's refusal of a
# DOCTYPE or an entity is a ValueError.
UNREADABLE = (zipfile.BadZipFile, KeyError, ValueError, OSError, ParseError)


def _open(data: bytes, name: str):
    """The workbook, after checking that the bytes really are XLSX (a renamed
    PDF or DOCX is refused by content, not by name)."""
    try:
        check_upload(name if name.lower().endswith(".xlsx") else f"{name}.xlsx", data[:HEAD_BYTES], len(data))
    except ValidationFailed as error:
        raise CatalogueInvalid([error.message]) from None
    try:
        check_zip(BytesIO(data), name)
    except ValidationFailed as error:
        raise CatalogueInvalid([error.message]) from None
    try:
        return load_workbook(BytesIO(data), read_only=True, data_only=True)
    except UNREADABLE:
        raise CatalogueInvalid([_unreadable(name)]) from None


def _unreadable(name: str) -> str:
    return f"Tệp “{name}” không đọc được như một bảng tính XLSX."


def _cell(value):
    return value.strip() if isinstance(value, str) else value


def _sheet_rows(workbook, name: str, errors: list[str]) -> list[dict]:
    """One dict per non-empty row, keyed by the JSON names, with its place."""
    if name not in workbook.sheetnames:
        errors.append(f"Tệp không có trang “{name}”.")
        return []
    rows = workbook[name].iter_rows(values_only=True)
    header = next(rows, ())
    wanted = {fold(column.heading): column for column in SHEETS[name]}
    found = {index: wanted[fold(str(h))] for index, h in enumerate(header) if h is not None and fold(str(h)) in wanted}
    missing = [c.heading for c in SHEETS[name] if c.required and c not in found.values()]
    if missing:
        errors.append(f"Trang “{name}” thiếu cột: {', '.join(missing)}.")
        return []
    result = []
    for number, row in enumerate(rows, start=2):
        if not any(_cell(v) not in (None, "") for v in row):
            continue
        item = {column.key: _cell(row[i]) if i < len(row) else None for i, column in found.items()}
        item["_where"] = f"trang “{name}”, dòng {number}"
        result.append(item)
    return result


def _procedure_raw(row: dict) -> dict:
    raw = {k: v for k, v in row.items() if k not in ("field_code", "field_name")}
    raw["field"] = {"code": row.get("field_code"), "name": row.get("field_name")}
    raw["steps"], raw["papers"], raw["fees"] = [], [], []
    return raw


def _code(value) -> str:
    return str(value or "").strip().upper()


def read_workbook(data: bytes, name: str = "danh-muc.xlsx") -> tuple[list[dict], list[str]]:
    """The procedures of a workbook in the JSON shape, and the problems found
    while reading (rows of unknown procedures). Missing sheets or columns stop
    the reading at once: nothing below them could be read."""
    workbook = _open(data, name)
    errors: list[str] = []
    try:  # a read-only workbook parses each sheet's XML only now
        sheets = {sheet: _sheet_rows(workbook, sheet, errors) for sheet in SHEETS}
    except UNREADABLE:
        raise CatalogueInvalid([_unreadable(name)]) from None
    finally:
        workbook.close()
    if errors:
        raise CatalogueInvalid(errors)
    by_code: dict[str, Any]
    raws, by_code = [], {}
    for row in sheets[PROCEDURES]:
        raw = _procedure_raw(row)
        raws.append(raw)
        by_code.setdefault(_code(row.get("code")), raw)  # a code given twice is reported by the checks
    for sheet, key in ((STEPS, "steps"), (PAPERS, "papers"), (FEES, "fees")):
        for row in sheets[sheet]:
            code = _code(row.pop("code", None))
            owner = by_code.get(code)
            if owner is None:
                where = row["_where"]
                errors.append(f"{where[0].upper()}{where[1:]}: mã thủ tục “{code}” không có trong trang “{PROCEDURES}”.")
            else:
                owner[key].append(row)
    return raws, errors
