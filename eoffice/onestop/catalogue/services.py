"""Danh mục thủ tục hành chính: export and import of the procedure catalogue as
JSON (this module) and XLSX (xlsx.py, same rules).

An import creates or updates procedures by code (mã thủ tục); a procedure's
steps (trình tự), papers (thành phần hồ sơ) and fees (phí, lệ phí) are replaced
by what the file says (a paper of the same name keeps its row: dossiers link to
it). Everything is checked first and every problem is
reported with its place ("Thủ tục 3 (mã …): thời gian bước 2 phải là bội số của
0,5 ngày"); then all is written in one transaction, or nothing. The JSON field
names are documented in docs/onestop.md."""

import base64
import json
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from eoffice.attachments.models import StoredFile
from eoffice.attachments.services import stored_file_create
from eoffice.audit.services import audit_record
from eoffice.core.errors import require
from eoffice.core.text import fold
from eoffice.onestop.catalogue.checks import (
    CatalogueInvalid,
    CleanProcedure,
    FormFile,
    check_codes,
    clean_procedure,
    format_amount,
    format_days,
    procedure_code,
)
from eoffice.onestop.catalogue.publication import unowned, unowned_message
from eoffice.onestop.catalogue.values import json_number, step_owner_name, step_unit_name
from eoffice.onestop.catalogue.xlsx import read_workbook, write_workbook
from eoffice.onestop.models import (
    Procedure,
    ProcedureFee,
    ProcedureField,
    ProcedureStep,
    RequiredPaper,
)
from eoffice.organisation.models import Unit

__all__ = ["CatalogueInvalid", "format_amount", "format_days", "procedure_code"]  # used by views and templates

FORMAT = "eoffice.procedures"
VERSION = 1


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    fields_created: list[str] = field(default_factory=list)
    units_as_text: list[str] = field(default_factory=list)  # not units of the agency: published as written
    unpublished: list[str] = field(default_factory=list)  # "code: why" — asked to be published, a step has no owner
    dry_run: bool = False

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated)

    def summary(self) -> str:
        verb = "Kiểm tra xong (chưa lưu)" if self.dry_run else "Đã nhập"
        text = f"{verb} {self.total} thủ tục: {len(self.created)} thêm mới, {len(self.updated)} cập nhật."
        if self.fields_created:
            text += f" Lĩnh vực mới: {', '.join(self.fields_created)}."
        if self.units_as_text:
            text += f" Đơn vị không có trong cơ quan, giữ nguyên tên như công bố: {', '.join(self.units_as_text)}."
        if self.unpublished:
            text += f" {len(self.unpublished)} thủ tục chưa công khai: {' '.join(self.unpublished)}"
        return text


# --------------------------------------------------------------------------- export
def _with_children(procedures):
    if hasattr(procedures, "prefetch_related"):
        procedures = procedures.select_related("field").prefetch_related("steps__unit", "papers__form_file", "fees")
        procedures = procedures.order_by("code")
    return procedures


def _form_file_json(stored: StoredFile | None, include_files: bool):
    if stored is None:
        return None
    data = {"sha256": stored.sha256, "extension": stored.extension}
    if include_files:
        with stored.file.open("rb") as fh:
            data["content_base64"] = base64.b64encode(fh.read()).decode("ascii")
    return data


def _step_json(step: ProcedureStep) -> dict:
    """A step as published; "owner" only for a step of another body (the unit here that tracks it)."""
    data = {"order": step.order, "name": step.name, "unit": step_unit_name(step), "days": json_number(step.days)}
    owner = step_owner_name(step)
    return {**data, "owner": owner} if owner else data


def procedure_json(procedure: Procedure, *, include_files: bool = True) -> dict:
    return {
        "code": procedure.code,
        "name": procedure.name,
        "field": {"code": procedure.field.code, "name": procedure.field.name},
        "level": procedure.level,
        "online": procedure.online,
        "implementing_agency": procedure.implementing_agency,
        "subjects": procedure.subjects,
        "channels": procedure.channels,
        "processing_days": json_number(procedure.processing_days),
        "result": procedure.result,
        "conditions": procedure.conditions,
        "legal_basis": procedure.legal_basis,
        "announcement": procedure.announcement,
        "published": procedure.published,
        "steps": [_step_json(step) for step in procedure.steps.all()],
        "papers": [
            {
                "order": p.order,
                "name": p.name,
                "originals": p.originals,
                "copies": p.copies,
                "required": p.required,
                "form_name": p.form_name,
                "form_file": _form_file_json(p.form_file, include_files),
            }
            for p in procedure.papers.all()
        ],
        "fees": [
            {"kind": f.kind, "description": f.description, "amount": f.amount, "note": f.note} for f in procedure.fees.all()
        ],
    }


def export_json(procedures, *, include_files: bool = True) -> dict:
    """The catalogue as a JSON-ready dict; form files are embedded (base64)
    unless `include_files` is False, then only their SHA-256 is named."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "procedures": [procedure_json(p, include_files=include_files) for p in _with_children(procedures)],
    }


def export_json_bytes(procedures, *, include_files: bool = True) -> bytes:
    data = export_json(procedures, include_files=include_files)
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


# --------------------------------------------------------------------------- reading and writing
def procedures_of(data) -> list:
    """The procedures of a parsed JSON catalogue: {"procedures": [...]} or a bare list."""
    if isinstance(data, dict):
        if data.get("format") not in (None, FORMAT):
            raise CatalogueInvalid([f"Tệp không phải danh mục thủ tục của eOffice (format “{data.get('format')}”)."])
        data = data.get("procedures")
    if not isinstance(data, list):
        raise CatalogueInvalid(["Tệp JSON phải có danh sách “procedures” (các thủ tục)."])
    if not data:
        raise CatalogueInvalid(["Danh mục không có thủ tục nào."])
    return data


def import_json(data, *, actor, agency, dry_run: bool = False) -> ImportReport:
    """Create or update the procedures of `data` (a parsed JSON catalogue) for
    `agency`. `actor` is the agency's administrator (Actor), or None for a
    management command run by the operator."""
    return import_records(procedures_of(data), actor=actor, agency=agency, source="JSON", dry_run=dry_run)


def parse_json_bytes(data: bytes, name: str = "tệp") -> object:
    """JSON text (UTF-8) → Python data, with a clear message when it is not JSON."""
    if data[:4] == b"PK\x03\x04" or data[:5] == b"%PDF-":
        raise CatalogueInvalid([f"Tệp “{name}” không phải tệp JSON (nội dung là tệp nén, Office hoặc PDF)."])
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CatalogueInvalid([f"Tệp “{name}” không phải văn bản UTF-8, không phải tệp JSON."]) from None
    except json.JSONDecodeError as error:
        raise CatalogueInvalid(
            [f"Tệp “{name}” không phải JSON hợp lệ: {error.msg} (dòng {error.lineno}, cột {error.colno})."]
        ) from None


def import_file(name: str, data: bytes, *, actor, agency, dry_run: bool = False) -> ImportReport:
    """A catalogue file as uploaded: .json or .xlsx, judged by its content too."""
    extension = PurePath(name).suffix.lower()
    if extension == ".json":
        return import_json(parse_json_bytes(data, name), actor=actor, agency=agency, dry_run=dry_run)
    if extension == ".xlsx":
        return import_xlsx(data, actor=actor, agency=agency, name=name, dry_run=dry_run)
    raise CatalogueInvalid([f"Tệp “{name}”: chỉ nhận danh mục dạng .json hoặc .xlsx."])


def _check_actor(actor, agency) -> None:
    if actor is None:  # the operator, through a management command
        return
    require(
        actor.agency.pk == agency.pk and actor.is_admin,
        "Chỉ quản trị viên của cơ quan mới được nhập danh mục thủ tục hành chính.",
    )


def import_records(raws: list, *, actor, agency, source: str, errors=None, dry_run=False) -> ImportReport:
    """Check every procedure, then write them all in one transaction (or none).
    `errors` may bring problems already found while reading the file."""
    _check_actor(actor, agency)
    errors = list(errors or [])
    known_fields = {f.code: f for f in ProcedureField.objects.all()}
    cleaned = [(i, c) for i, raw in enumerate(raws, start=1) if (c := clean_procedure(raw, i, errors, known_fields))]
    check_codes(cleaned, agency, errors)
    if errors:
        raise CatalogueInvalid(errors)
    return _write(
        [clean for _, clean in cleaned], actor=actor, agency=agency, known_fields=known_fields, source=source, dry_run=dry_run
    )


@transaction.atomic
def _write(cleaned: list[CleanProcedure], *, actor, agency, known_fields, source: str, dry_run: bool) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    _write_all(cleaned, agency=agency, known_fields=known_fields, report=report)
    audit_record(
        actor=actor.user if actor else None,
        action="onestop.catalogue_import",
        agency=agency,
        summary=f"Nhập danh mục thủ tục hành chính ({source}): {report.summary()}",
        data={"created": report.created, "updated": report.updated},
    )
    if dry_run:  # checked against the database, written, then undone
        transaction.set_rollback(True)
    return report


def _write_all(cleaned: list[CleanProcedure], *, agency, known_fields: dict, report: ImportReport) -> None:
    units = _unit_index(agency)
    existing = {p.code: p for p in Procedure.objects.filter(code__in=[c.code for c in cleaned])}
    as_text = set()
    for clean in cleaned:
        field_ = _field(clean, known_fields, report)
        procedure = existing.get(clean.code) or Procedure(code=clean.code, agency=agency)
        (report.updated if procedure.pk else report.created).append(clean.code)
        for name, value in clean.values.items():
            setattr(procedure, name, value)
        procedure.field = field_
        procedure.save()
        as_text |= _replace_children(procedure, clean, units, report)
    report.units_as_text = sorted(as_text)


def _hold_back(procedure: Procedure, steps: list[ProcedureStep], report: ImportReport) -> None:
    """A procedure asked to be published with a step nobody here owns is
    imported unpublished, with the reason in the report (publication.py)."""
    message = unowned_message(unowned(steps)) if procedure.published else ""
    if message:
        procedure.published = False
        procedure.save(update_fields=["published"])
        report.unpublished.append(f"{procedure.code}: {message}")


def _field(clean: CleanProcedure, known_fields: dict, report: ImportReport) -> ProcedureField:
    field_ = known_fields.get(clean.field_code)
    if field_ is None:
        field_ = ProcedureField.objects.create(code=clean.field_code, name=clean.field_name)
        known_fields[field_.code] = field_
        report.fields_created.append(f"{field_.code} {field_.name}")
    elif clean.field_name and field_.name != clean.field_name:
        field_.name = clean.field_name
        field_.save(update_fields=["name"])
    return field_


def _unit_index(agency) -> dict[str, Unit]:
    """The agency's units by folded name and by folded abbreviation."""
    index: dict[str, Unit] = {}
    for unit in Unit.objects.filter(agency=agency):
        index.setdefault(fold(unit.abbreviation), unit)
        index[fold(unit.name)] = unit
    return index


def _replace_children(procedure: Procedure, clean: CleanProcedure, units: dict, report: ImportReport) -> set[str]:
    """Steps, papers and fees as the file says. Returns the unit names that are
    not units of the agency (kept as text). A step's owner is the unit named
    "owner" (the unit here that tracks a step of another body), else the unit
    named as published."""
    procedure.steps.all().delete()  # dossiers copy their steps: nothing links here
    procedure.fees.all().delete()
    _replace_papers(procedure, clean.papers)
    as_text = set()
    steps = []
    for values in clean.steps:
        step = {**values}
        owner = step.pop("owner")
        published = units.get(fold(step["unit_name"])) if step["unit_name"] else None
        if step["unit_name"] and published is None:
            as_text.add(step["unit_name"])
        unit = units.get(fold(owner)) if owner else published
        steps.append(ProcedureStep(procedure=procedure, unit=unit, **step))
    _hold_back(procedure, steps, report)
    fees = [ProcedureFee(procedure=procedure, **fee) for fee in clean.fees]
    for model, rows in ((ProcedureStep, steps), (ProcedureFee, fees)):
        for row in rows:
            row.normalise_text()  # bulk_create does not call save()
        model.objects.bulk_create(rows)  # type: ignore[arg-type]  # each model with its own rows
    return as_text


def _replace_papers(procedure: Procedure, papers: list[dict]) -> None:
    """The checklist as the file says. A paper whose name (folded) is already
    listed keeps its row, so dossiers received before keep their link to it (a
    deleted paper leaves them only its name)."""
    current = list(procedure.papers.all())
    by_name: dict[str, list] = {}
    for paper in current:
        by_name.setdefault(fold(paper.name), []).append(paper)
    kept: list[RequiredPaper]
    new: list[RequiredPaper]
    kept, new = [], []
    for values in papers:
        values = {**values, "form_file": _stored(values["form_file"])}
        same = by_name.get(fold(values["name"]))
        row = same.pop(0) if same else RequiredPaper(procedure=procedure)
        for name, value in values.items():
            setattr(row, name, value)
        row.normalise_text()  # bulk writes do not call save()
        (new if row.pk is None else kept).append(row)
    kept_ids = {row.pk for row in kept}
    RequiredPaper.objects.filter(pk__in=[paper.pk for paper in current if paper.pk not in kept_ids]).delete()
    # "order" is unique per procedure: park the kept rows on free numbers before renumbering.
    taken = {row.order for row in kept + new} | set(procedure.papers.values_list("order", flat=True))
    spare = (number for number in range(32767, 0, -1) if number not in taken)
    for row in kept:
        RequiredPaper.objects.filter(pk=row.pk).update(order=next(spare))
    fields = ["order", "name", "originals", "copies", "required", "form_name", "form_file"]
    RequiredPaper.objects.bulk_update(kept, fields)
    RequiredPaper.objects.bulk_create(new)


def _stored(form_file: FormFile | None) -> StoredFile | None:
    if form_file is None:
        return None
    if form_file.stored is not None:
        return form_file.stored
    upload = SimpleUploadedFile(f"mau.{form_file.extension}", form_file.content)
    return stored_file_create(upload=upload)


# --------------------------------------------------------------------------- XLSX (xlsx.py)
def export_xlsx(procedures) -> bytes:
    return write_workbook(_with_children(procedures))


def import_xlsx(data: bytes, *, actor, agency, name: str = "danh-muc.xlsx", dry_run: bool = False) -> ImportReport:
    raws, errors = read_workbook(data, name)
    return import_records(raws, actor=actor, agency=agency, source="XLSX", errors=errors, dry_run=dry_run)
