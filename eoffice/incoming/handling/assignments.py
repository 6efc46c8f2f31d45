"""The steps on an assignment (nhiệm vụ) of incoming/workflow.py's ASSIGNMENT
table: the unit head reassigns the unit's task to a specialist, the handler
reports progress and completes it; completing the lead task makes the
document done. Each runs in one transaction and writes the processing trace
and the audit log."""

from datetime import date
from decimal import Decimal
from typing import cast

from django.db import transaction
from django.utils import timezone

from eoffice.core.errors import ValidationFailed
from eoffice.core.text import nfc
from eoffice.core.workflow import refuse_unless
from eoffice.incoming import workflow
from eoffice.incoming.handling.deadlines import deadline_from
from eoffice.incoming.models import Assignment, AssignmentKind, AssignmentStatus, IncomingDocument, Status, TraceEntry
from eoffice.incoming.trace import grant_access, write_trace
from eoffice.organisation.models import User
from eoffice.organisation.selectors import Actor, today


def close_assignment(assignment: Assignment, status: str, actor: Actor | None = None) -> None:
    assignment.status = status
    assignment.is_open = False
    assignment.completed_at = timezone.now()
    assignment.completed_by = actor.user if actor else None
    assignment.save(update_fields=["status", "is_open", "completed_at", "completed_by", "proposal"])


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
    due, days = deadline_from(deadline, deadline_days, start)
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
