"""State changes of incoming documents (văn bản đến). Each function is one
step of the workflow, runs in one transaction, and writes the processing trace
and the audit log. Views, the API, the demo loader and tests all call these."""

import math
from collections.abc import Collection, Iterable
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from eoffice.attachments.services import stored_file_create
from eoffice.audit.services import audit_event, audit_record
from eoffice.core.choices import Confidentiality
from eoffice.core.errors import Duplicate, ValidationFailed, require
from eoffice.core.models import insert_rows
from eoffice.core.text import fold, nfc
from eoffice.core.workflow import refuse_unless
from eoffice.incoming import workflow
from eoffice.incoming.models import (
    AccessGrant,
    Assignment,
    AssignmentKind,
    AssignmentStatus,
    IncomingAttachment,
    IncomingDocument,
    Status,
    TraceEntry,
)
from eoffice.incoming.validation import INPUT_FIELDS, check_incoming_data
from eoffice.organisation.models import Agency, Role, Unit, User
from eoffice.organisation.selectors import Actor, today, unit_heads
from eoffice.registers.models import RegisterKind
from eoffice.registers.services import register_take_number
from eoffice.workdays.services import add_working_days, overrides_between, window


def write_trace(
    document: IncomingDocument,
    actor: Actor,
    action: str,
    summary: str,
    *,
    opinion: str = "",
    assignment: Assignment | None = None,
    for_user: User | None = None,
) -> None:
    """One step in the processing trace and the audit log. `for_user` is whose
    task it was: when someone else acted (ủy quyền), the trace says so."""
    if for_user is not None and for_user.pk != actor.user.pk:
        summary = f"{summary} (thay {for_user})"
    insert_rows(
        TraceEntry(document=document, actor=actor.user, action=action, summary=summary, opinion=opinion, assignment=assignment),
        audit_event(actor=actor.user, action=f"incoming.{action}", obj=document, agency=document.agency, summary=summary),
    )


def grant_access(document: IncomingDocument, users: Iterable[User], actor: Actor) -> None:
    if document.confidentiality == Confidentiality.NORMAL:
        return
    for user in users:
        AccessGrant.objects.get_or_create(document=document, user=user, defaults={"granted_by": actor.user})


def find_duplicates(*, agency: Agency, data: dict[str, Any]) -> list[dict[str, Any]]:
    """Documents already registered with the same number, symbol, issuer and
    year (issuer compared without case or diacritics). Plain values, not
    models: this runs on every registration."""
    number, notation = (data.get("code_number") or "").strip(), (data.get("code_notation") or "").strip()
    if not number and not notation:
        return []
    # Only the indexed columns go to the database: building a longer filter
    # costs more than checking the few rows that share a number in Python.
    rows = IncomingDocument.objects.filter(agency=agency, code_number=number, code_notation=notation).values_list(
        "organ_name", "arrival_number", "arrival_date", "issued_date", "status"
    )
    year, issuer = data["issued_date"].year, fold(data.get("organ_name") or "")
    return [
        {"organ_name": organ, "arrival_number": arrival_number, "arrival_date": arrival_date}
        for organ, arrival_number, arrival_date, issued, status in rows.order_by()
        if issued.year == year and status != Status.RECALLED and fold(organ) == issuer
    ]


@transaction.atomic
def incoming_register(
    *, actor: Actor, data: dict[str, Any], files: Iterable["File[bytes]"] = (), confirm_duplicate: bool = False
) -> IncomingDocument:
    """Vào sổ văn bản đến: validate, take the next arrival number, store files.
    Any failure rolls back everything, including the arrival number."""
    require(actor.is_clerk, "Chỉ văn thư mới được vào sổ văn bản đến.")
    data = {key: nfc(data[key]) for key in INPUT_FIELDS if key in data and data[key] is not None}
    data.setdefault("arrival_date", today())
    check_incoming_data(data, today=today())
    duplicates = find_duplicates(agency=actor.agency, data=data)
    if duplicates and not confirm_duplicate:
        first = duplicates[0]
        symbol = "/".join(part for part in (data.get("code_number"), data.get("code_notation")) if part)
        raise Duplicate(
            f"Văn bản số {symbol} của {first['organ_name']} đã được vào sổ "
            f"(số đến {first['arrival_number']}, ngày {first['arrival_date']:%d/%m/%Y}). "
            "Nếu đây đúng là văn bản khác, hãy xác nhận để vào sổ.",
            fields={"code_number": ["Trùng số, ký hiệu và cơ quan ban hành."]},
        )
    secret = data.get("confidentiality", 0) > Confidentiality.NORMAL
    kind = RegisterKind.INCOMING_SECRET if secret else RegisterKind.INCOMING
    register_id, number = register_take_number(agency=actor.agency, kind=kind, year=data["arrival_date"].year)
    document = IncomingDocument.objects.create(
        agency=actor.agency, register_id=register_id, arrival_number=number, registered_by=actor.user, **data
    )
    for upload in files:
        attachment_add(actor=actor, document=document, upload=upload, trace=False)
    grant_access(document, [actor.user], actor)
    write_trace(document, actor, "register", f"Vào sổ văn bản đến, số đến {number}")
    return document


def attachment_add(*, actor: Actor, document: IncomingDocument, upload: "File[bytes]", trace: bool = True) -> IncomingAttachment:
    stored = stored_file_create(upload=upload)
    name = cast(str, upload.name)  # stored_file_create accepted it: an upload always carries a name
    attachment = IncomingAttachment.objects.create(
        document=document, stored_file=stored, filename=nfc(name)[:255], uploaded_by=actor.user
    )
    if trace:
        write_trace(document, actor, "attach", f"Đính kèm tệp {attachment.filename}")
    return attachment


@transaction.atomic
def incoming_submit(*, actor: Actor, document: IncomingDocument, leader: User, note: str = "") -> Assignment:
    """Trình: the registry submits the document to a leader for direction."""
    refuse_unless(workflow.can_submit(actor, document))
    if not leader.memberships.filter(agency=document.agency, role=Role.LEADER).exists():
        raise ValidationFailed("Người nhận phải là lãnh đạo của cơ quan.", fields={"leader": ["Không phải lãnh đạo cơ quan."]})
    # The leader is expected to direct within EOFFICE_REVIEW_DAYS working days;
    # urgent documents the same day (ND30 Art.23, Art.24).
    days = Decimal(0) if document.is_urgent else Decimal(settings.EOFFICE_REVIEW_DAYS)
    start = today()
    review = Assignment.objects.create(
        document=document,
        kind=AssignmentKind.REVIEW,
        user=leader,
        assigned_by=actor.user,
        note=nfc(note),
        priority=document.priority,
        deadline=add_working_days(start, days),
        deadline_days=days,
        deadline_start=start,
    )
    document.status = Status.SUBMITTED
    document.save(update_fields=["status", "updated_at"])
    grant_access(document, [leader], actor)
    write_trace(document, actor, "submit", f"Trình {leader} cho ý kiến chỉ đạo", opinion=note, assignment=review)
    return review


def close_assignment(assignment: Assignment, status: str, actor: Actor | None = None) -> None:
    assignment.status = status
    assignment.is_open = False
    assignment.completed_at = timezone.now()
    assignment.completed_by = actor.user if actor else None
    assignment.save(update_fields=["status", "is_open", "completed_at", "completed_by", "proposal"])


@transaction.atomic
def incoming_return(*, actor: Actor, document: IncomingDocument, reason: str) -> IncomingDocument:
    """Trả lại: the leader sends the document back to the registry with a reason."""
    refuse_unless(workflow.can_return(actor, document))
    if len((reason or "").strip()) < 5:
        raise ValidationFailed("Cần nêu lý do trả lại.", fields={"reason": ["Lý do trả lại là bắt buộc."]})
    reviews = list(document.assignments.filter(kind=AssignmentKind.REVIEW, is_open=True).select_related("user"))
    for review in reviews:
        close_assignment(review, AssignmentStatus.CANCELLED, actor)
    document.status = Status.RETURNED
    document.save(update_fields=["status", "updated_at"])
    write_trace(document, actor, "return", "Trả lại văn thư", opinion=nfc(reason), for_user=reviews[0].user)
    return document


@transaction.atomic
def incoming_recall(*, actor: Actor, document: IncomingDocument, reason: str) -> IncomingDocument:
    """Thu hồi: the issuer recalled the document; every open task is cancelled."""
    refuse_unless(workflow.can_recall(actor, document))
    if len((reason or "").strip()) < 5:
        raise ValidationFailed("Cần nêu lý do thu hồi.", fields={"reason": ["Lý do thu hồi là bắt buộc."]})
    for assignment in document.assignments.filter(is_open=True):
        close_assignment(assignment, AssignmentStatus.CANCELLED, actor)
    document.status = Status.RECALLED
    document.save(update_fields=["status", "updated_at"])
    write_trace(document, actor, "recall", "Thu hồi văn bản", opinion=nfc(reason))
    return document


def _deadline(deadline: date | None, days: Decimal | None, start: date) -> tuple[date | None, Decimal | None]:
    if days is not None:
        return add_working_days(start, days), Decimal(str(days))
    if deadline is not None and deadline < start:
        raise ValidationFailed("Hạn xử lý không được trước ngày giao.", fields={"deadline": ["Hạn xử lý đã qua."]})
    return deadline, None


def _units_of(agency: Agency, units: Iterable[Unit]) -> list[Unit]:
    units = [u for u in units if u]
    if any(unit.agency_id != agency.pk for unit in units):
        raise ValidationFailed("Đơn vị được giao phải thuộc cơ quan.", fields={"lead_unit": ["Đơn vị không thuộc cơ quan."]})
    return units


@transaction.atomic
def incoming_direct(
    *,
    actor: Actor,
    document: IncomingDocument,
    opinion: str,
    lead_unit: Unit,
    coordinating_units: Iterable[Unit] = (),
    inform_units: Collection[Unit] = (),
    inform_users: Collection[User] = (),
    deadline: date | None = None,
    deadline_days: Decimal | None = None,
) -> list[Assignment]:
    """Bút phê: the leader's direction naming the lead unit (chủ trì),
    coordinating units (phối hợp), those informed (nhận để biết) and a deadline."""
    refuse_unless(workflow.can_direct(actor, document))
    if not (opinion or "").strip():
        raise ValidationFailed("Cần nhập ý kiến chỉ đạo.", fields={"opinion": ["Ý kiến chỉ đạo là bắt buộc."]})
    if lead_unit is None:
        raise ValidationFailed("Cần chọn đơn vị chủ trì.", fields={"lead_unit": ["Đơn vị chủ trì là bắt buộc."]})
    coordinating = [u for u in _units_of(document.agency, coordinating_units) if u.pk != lead_unit.pk]
    _units_of(document.agency, [lead_unit, *inform_units])
    if any(not u.memberships.filter(agency=document.agency).exists() for u in inform_users):
        raise ValidationFailed("Người nhận để biết phải thuộc cơ quan.", fields={"inform_users": ["Không thuộc cơ quan."]})
    start = today()
    # Without a deadline of their own, the leader keeps the one the sender asked
    # for (DueDate), unless it has already passed.
    asked = document.due_date if document.due_date and document.due_date >= start else None
    due, days = _deadline(deadline or (None if deadline_days is not None else asked), deadline_days, start)
    reviews = list(document.assignments.filter(kind=AssignmentKind.REVIEW, is_open=True).select_related("user"))
    for review in reviews:
        close_assignment(review, AssignmentStatus.DONE, actor)
    common = {"document": document, "assigned_by": actor.user, "priority": document.priority, "note": nfc(opinion)}
    deadline_fields = {"deadline": due, "deadline_days": days, "deadline_start": start}
    created = [Assignment.objects.create(kind=AssignmentKind.LEAD, unit=lead_unit, **common, **deadline_fields)]
    created += [
        Assignment.objects.create(kind=AssignmentKind.COORDINATE, unit=u, **common, **deadline_fields) for u in coordinating
    ]
    created += [Assignment.objects.create(kind=AssignmentKind.INFORM, unit=u, **common) for u in inform_units]
    created += [Assignment.objects.create(kind=AssignmentKind.INFORM, user=u, **common) for u in inform_users]
    document.status = Status.DIRECTED
    document.direction, document.directed_by, document.directed_at = nfc(opinion), actor.user, timezone.now()
    document.due_date = due
    document.save(update_fields=["status", "direction", "directed_by", "directed_at", "due_date", "updated_at"])
    heads = [h for u in [lead_unit, *coordinating, *inform_units] for h in unit_heads(u.pk)]
    grant_access(document, [*heads, *inform_users], actor)
    names = ", ".join(u.abbreviation for u in coordinating) or "không"
    due_text = f", hạn {due:%d/%m/%Y}" if due else ""
    summary = f"Chỉ đạo: {lead_unit.abbreviation} chủ trì; phối hợp: {names}{due_text}"
    write_trace(document, actor, "direct", summary, opinion=nfc(opinion), for_user=reviews[0].user)
    return created


def _mark_in_progress(document: IncomingDocument) -> None:
    if document.status == Status.DIRECTED:
        document.status = Status.IN_PROGRESS
        document.save(update_fields=["status", "updated_at"])


@transaction.atomic
def assignment_reassign(
    *,
    actor: Actor,
    assignment: Assignment,
    user: User,
    deadline: date | None = None,
    deadline_days: Decimal | None = None,
    note: str = "",
) -> Assignment:
    """The unit head passes the unit's task to one of its specialists."""
    document = assignment.document
    refuse_unless(workflow.can_reassign(actor, assignment))
    if not user.memberships.filter(unit_id=cast(int, assignment.unit_id)).exists():  # can_reassign: a unit's task
        raise ValidationFailed("Người được phân công phải thuộc đơn vị.", fields={"user": ["Không thuộc đơn vị."]})
    start = today()
    due, days = _deadline(deadline, deadline_days, start)
    due = due or assignment.deadline
    if due and assignment.deadline and due > assignment.deadline:
        raise ValidationFailed(
            f"Hạn cá nhân không được sau hạn của đơn vị ({assignment.deadline:%d/%m/%Y}).",
            fields={"deadline": ["Sau hạn của đơn vị."]},
        )
    child = Assignment.objects.create(
        document=document,
        parent=assignment,
        kind=assignment.kind,
        unit=assignment.unit,
        user=user,
        assigned_by=actor.user,
        deadline=due,
        deadline_days=days,
        deadline_start=start,
        priority=assignment.priority,
        note=nfc(note),
    )
    assignment.status = AssignmentStatus.IN_PROGRESS
    assignment.save(update_fields=["status"])
    _mark_in_progress(document)
    grant_access(document, [user], actor)
    due_text = f", hạn {due:%d/%m/%Y}" if due else ""
    write_trace(document, actor, "reassign", f"Giao {user} xử lý{due_text}", opinion=nfc(note), assignment=child)
    return child


@transaction.atomic
def assignment_progress(*, actor: Actor, assignment: Assignment, note: str) -> TraceEntry:
    """Cập nhật tiến độ."""
    refuse_unless(workflow.can_progress(actor, assignment))
    if not (note or "").strip():
        raise ValidationFailed("Cần nhập nội dung tiến độ.", fields={"note": ["Nội dung là bắt buộc."]})
    if assignment.status == AssignmentStatus.PENDING:
        assignment.status = AssignmentStatus.IN_PROGRESS
        assignment.save(update_fields=["status"])
    _mark_in_progress(assignment.document)
    write_trace(
        assignment.document,
        actor,
        "progress",
        "Cập nhật tiến độ",
        opinion=nfc(note),
        assignment=assignment,
        for_user=assignment.user,
    )
    return cast(TraceEntry, assignment.document.trace.last())  # the entry just written


@transaction.atomic
def assignment_complete(*, actor: Actor, assignment: Assignment, proposal: str, answer_reference: str = "") -> Assignment:
    """Hoàn thành: the handler records the proposal (ý kiến đề xuất). When the
    lead task is done, the document is done."""
    document = assignment.document
    refuse_unless(workflow.can_complete(actor, assignment))
    if assignment.kind != AssignmentKind.INFORM and not (proposal or "").strip():
        raise ValidationFailed("Cần nhập kết quả hoặc ý kiến đề xuất.", fields={"proposal": ["Trường này là bắt buộc."]})
    assignment.proposal = nfc(proposal or "")
    close_assignment(assignment, AssignmentStatus.DONE, actor)
    chain = [assignment]
    parent = assignment.parent
    if parent is not None and parent.is_open:
        parent.proposal = assignment.proposal
        close_assignment(parent, AssignmentStatus.DONE, actor)
        chain.append(parent)
    for child in assignment.children.filter(is_open=True):
        close_assignment(child, AssignmentStatus.DONE, actor)
    label = "Đã xem" if assignment.kind == AssignmentKind.INFORM else "Hoàn thành xử lý"
    write_trace(
        document,
        actor,
        "complete",
        f"{label} ({assignment.get_kind_display().lower()})",
        opinion=assignment.proposal,
        assignment=assignment,
        for_user=assignment.user,
    )
    if any(a.kind == AssignmentKind.LEAD for a in chain):
        mark_document_done(actor, document, answer_reference)
    return assignment


def mark_document_done(actor: Actor, document: IncomingDocument, answer_reference: str) -> None:
    for other in document.assignments.filter(is_open=True).exclude(kind=AssignmentKind.INFORM):
        close_assignment(other, AssignmentStatus.DONE, actor)
    document.status = Status.DONE
    document.completed_at = timezone.now()
    document.answer_reference = nfc(answer_reference or "")[:200]
    document.save(update_fields=["status", "completed_at", "answer_reference", "updated_at"])
    ref = f"; văn bản trả lời: {document.answer_reference}" if document.answer_reference else ""
    write_trace(document, actor, "done", f"Văn bản đã được giải quyết xong{ref}")


@transaction.atomic
def incoming_grant_access(*, actor: Actor, document: IncomingDocument, user: User) -> AccessGrant:
    """Cho phép một người xem văn bản mật."""
    refuse_unless(workflow.can_grant(actor, document))
    if not user.memberships.filter(agency=document.agency).exists():
        raise ValidationFailed("Người được cấp quyền phải thuộc cơ quan.", fields={"user": ["Không thuộc cơ quan."]})
    grant, _ = AccessGrant.objects.get_or_create(document=document, user=user, defaults={"granted_by": actor.user})
    write_trace(document, actor, "grant", f"Cấp quyền xem văn bản mật cho {user}")
    return grant


def assignments_recompute_deadlines(*, changed: date, actor: User | None = None) -> int:
    """Recompute open deadlines given in working days whose period covers the
    changed calendar date. Returns how many changed."""
    open_ones: list[Any] = list(  # their deadline_start and deadline_days are set
        Assignment.objects.filter(is_open=True, deadline_days__isnull=False, deadline_start__lt=changed).order_by("id")
    )
    if not open_ones:
        return 0
    first = min(a.deadline_start for a in open_ones)
    last = max(a.deadline_start for a in open_ones) + window(math.ceil(max(a.deadline_days for a in open_ones)))
    overrides = overrides_between(first, last)  # one query for all of them
    changed_ones = []
    for assignment in open_ones:
        new = add_working_days(assignment.deadline_start, assignment.deadline_days, overrides=overrides)
        if new != assignment.deadline:
            assignment.deadline = new
            changed_ones.append(assignment)
    Assignment.objects.bulk_update(changed_ones, ["deadline"], batch_size=500)
    documents = [
        IncomingDocument(pk=a.document_id, due_date=a.deadline)
        for a in changed_ones
        if a.kind == AssignmentKind.LEAD and a.parent_id is None
    ]
    IncomingDocument.objects.bulk_update(documents, ["due_date"], batch_size=500)
    count = len(changed_ones)
    if count:
        audit_record(
            actor=actor,
            action="incoming.deadlines_recomputed",
            summary=f"Tính lại {count} hạn xử lý do thay đổi lịch ngày {changed:%d/%m/%Y}",
        )
    return count
