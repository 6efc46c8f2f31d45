"""Danh bạ cơ quan liên thông: the agencies we exchange documents with (the
organisation app's Agency rows, hosted here or not), exported and imported as
XLSX or CSV with one row per agency: mã định danh, name, short name, the
parent's mã định danh, address, e-mail, phone.

An import is all or nothing: every row is checked first (a valid and unique mã
định danh, a name, lengths, e-mail, a parent that exists here or in the file),
and the first problem of each bad row is reported with its row number; nothing
is written unless every row is good. A row updates the agency with its mã định
danh, or adds it (not hosted); whether an agency uses this installation is
never changed by a file. Senders we do not know yet are listed by
`unknown_senders()` for the administrator to add."""

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from openpyxl import Workbook, load_workbook

from eoffice.attachments.archives import check_zip
from eoffice.attachments.validation import HEAD_BYTES, check_upload
from eoffice.audit.services import audit_record
from eoffice.core.errors import ValidationFailed
from eoffice.core.text import clean
from eoffice.core.xlsx import XLSX_TYPE, append_row
from eoffice.exchange.models import ReceivedPackage
from eoffice.organisation.models import Agency, validate_organ_id

# (key, heading, max length); a file's headings may be these or the keys.
COLUMNS = [
    ("organ_id", "Mã định danh", 35),
    ("name", "Tên cơ quan", 200),
    ("short_name", "Tên viết tắt", 20),
    ("parent", "Mã định danh cơ quan cấp trên", 35),
    ("address", "Địa chỉ", 300),
    ("email", "Thư điện tử", 254),
    ("phone", "Điện thoại", 30),
]
MAX_ROWS = 20_000
MAX_BYTES = 5 * 1024 * 1024
SHEET = "Danh bạ"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def export_rows(agencies: QuerySet[Agency]) -> list[list[str]]:
    rows = agencies.exclude(organ_id=None).select_related("parent").order_by("organ_id", "name")  # no id: not exchanged with
    return [[a.organ_id or "", a.name, a.short_name, _parent_id(a), a.address, a.email, a.phone] for a in rows]


def _parent_id(agency: Agency) -> str:
    return (agency.parent.organ_id or "") if agency.parent else ""


def export(kind: str, agencies: QuerySet[Agency]) -> tuple[bytes, str, str]:
    """The directory as a download: its bytes, content type and file name ("xlsx" or "csv")."""
    if kind == "xlsx":
        return export_xlsx(agencies), XLSX_TYPE, "danh-ba-lien-thong.xlsx"
    return export_csv(agencies), "text/csv; charset=utf-8", "danh-ba-lien-thong.csv"


def export_xlsx(agencies: QuerySet[Agency]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append([heading for _, heading, _ in COLUMNS])
    for row in export_rows(agencies):
        append_row(sheet, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_csv(agencies: QuerySet[Agency]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel shows the Vietnamese letters."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([heading for _, heading, _ in COLUMNS])
    writer.writerows([[clean(v) for v in row] for row in export_rows(agencies)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def import_file(name: str, data: bytes, *, actor: Any, dry_run: bool = False) -> ImportReport:
    """Read `data` (XLSX or CSV by its content) and write it if every row is good."""
    if len(data) > MAX_BYTES:
        raise ValidationFailed(f"Tệp danh bạ lớn hơn {MAX_BYTES // 1024 // 1024} MB.")
    rows = _xlsx_rows(name, data) if data[:2] == b"PK" else _csv_rows(data)
    report = ImportReport()
    cleaned = _check(rows, report.errors)
    if report.errors:
        raise ValidationFailed(
            f"Tệp danh bạ có {len(report.errors)} dòng lỗi, chưa ghi gì: " + " ".join(report.errors[:5]),
            fields={"file": report.errors[:50]},
        )
    ids = [values["organ_id"] for values in cleaned]
    report.updated = Agency.objects.filter(organ_id__in=ids).count()
    report.created = len(ids) - report.updated
    if not dry_run:
        _write(cleaned, report, actor)
    return report


def _xlsx_rows(name: str, data: bytes) -> list[tuple[Any, ...]]:
    check_upload(name if name.lower().endswith(".xlsx") else f"{name}.xlsx", data[:HEAD_BYTES], len(data))
    check_zip(io.BytesIO(data), name)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
        return list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2))
    except Exception:  # noqa: BLE001 - any damage of a crafted workbook is one message
        raise ValidationFailed(f"Tệp “{name}” không đọc được như một bảng tính XLSX.") from None


def _csv_rows(data: bytes) -> list[tuple[Any, ...]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed("Tệp CSV phải được lưu với bảng mã UTF-8.") from None
    try:
        return [tuple(row) for row in csv.reader(io.StringIO(text))][: MAX_ROWS + 2]
    except csv.Error as error:
        raise ValidationFailed(f"Tệp CSV không đọc được: {error}.") from None


def _check(rows: list[tuple[Any, ...]], errors: list[str]) -> list[dict[str, str]]:
    if not rows:
        raise ValidationFailed("Tệp danh bạ không có dòng nào.")
    positions = _header(rows[0])
    if len(rows) - 1 > MAX_ROWS:
        raise ValidationFailed(f"Tệp danh bạ có hơn {MAX_ROWS:,} dòng.".replace(",", "."))
    cleaned: list[dict[str, str]] = []
    seen: set[str] = set()
    for number, row in enumerate(rows[1:], start=2):
        values = {key: clean(str(row[i] if i < len(row) and row[i] is not None else "")).strip() for key, i in positions.items()}
        if not any(values.values()):
            continue
        problem = _row_problem(values, seen)
        if problem:
            errors.append(f"Dòng {number}: {problem}")
        seen.add(values["organ_id"])
        cleaned.append(values)
    known = seen | set(Agency.objects.exclude(organ_id=None).values_list("organ_id", flat=True))
    errors += [
        f"Cơ quan {v['organ_id']}: không có cơ quan cấp trên mã {v['parent']}."
        for v in cleaned
        if v["parent"] not in known | {""}
    ]
    return cleaned


def _header(first: tuple[Any, ...]) -> dict[str, int]:
    names = [clean(str(value or "")).strip().casefold() for value in first]
    positions = {}
    for key, heading, _ in COLUMNS:
        for candidate in (heading.casefold(), key):
            if candidate in names:
                positions[key] = names.index(candidate)
    if "organ_id" not in positions or "name" not in positions:
        raise ValidationFailed("Dòng đầu của tệp phải có tên cột “Mã định danh” và “Tên cơ quan”.")
    return positions | {key: len(first) + 99 for key, _, _ in COLUMNS if key not in positions}


def _row_problem(values: dict[str, str], seen: set[str]) -> str:
    try:
        validate_organ_id(values["organ_id"])
    except ValidationError as error:
        return error.messages[0]
    if values["organ_id"] in seen:
        return f"mã định danh {values['organ_id']} trùng với một dòng trên."
    if not values["name"]:
        return "thiếu tên cơ quan."
    too_long = [heading for key, heading, limit in COLUMNS if len(values[key]) > limit]
    if too_long:
        return f"“{too_long[0]}” quá dài."
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            return f"thư điện tử “{values['email']}” không hợp lệ."
    return ""


@transaction.atomic
def _write(cleaned: list[dict[str, str]], report: ImportReport, actor: Any) -> None:
    existing = {a.organ_id: a for a in Agency.objects.filter(organ_id__in=[v["organ_id"] for v in cleaned])}
    for values in cleaned:
        agency = existing.get(values["organ_id"]) or Agency(organ_id=values["organ_id"], hosted=False)
        agency.name, agency.short_name = values["name"], values["short_name"] or agency.short_name
        agency.address, agency.email, agency.phone = values["address"], values["email"], values["phone"]
        agency.save()
        existing[values["organ_id"]] = agency
    for values in cleaned:  # parents once every agency of the file exists
        parent = existing.get(values["parent"]) or Agency.objects.filter(organ_id=values["parent"]).first()
        agency = existing[values["organ_id"]]
        if parent is not None and parent != agency and agency.parent_id != parent.pk:
            agency.parent = parent
            agency.save(update_fields=["parent"])
    summary = f"Nhập danh bạ liên thông: thêm {report.created}, cập nhật {report.updated} cơ quan"
    audit_record(actor=actor, action="exchange.directory_imported", summary=summary)


def unknown_senders() -> list[dict[str, Any]]:
    """Senders of received packages who are not in the directory: mã định danh,
    the name the packages gave, how many packages, the latest one's time."""
    known = Agency.objects.exclude(organ_id=None).values("organ_id")
    rows = (
        ReceivedPackage.objects.exclude(sender_organ_id="")
        .exclude(sender_organ_id__in=known)
        .values("sender_organ_id")
        .annotate(packages=Count("id"), latest=Max("received_at"), name=Max("sender_name"))
        .order_by("-latest")
    )
    return [dict(row) for row in rows]


@transaction.atomic
def add_unknown_sender(*, actor: Any, organ_id: str, name: str) -> Agency:
    """Put a sender that was not known into the directory (not hosted)."""
    try:
        validate_organ_id(organ_id)
    except ValidationError as error:
        raise ValidationFailed(error.messages[0]) from None
    agency, created = Agency.objects.get_or_create(organ_id=organ_id, defaults={"name": name[:200] or organ_id})
    if created:
        audit_record(actor=actor, action="exchange.directory_added", obj=agency, summary=f"Thêm {agency.name} vào danh bạ")
    return agency
