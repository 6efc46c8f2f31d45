"""The steps on an assignment (nhiệm vụ) of incoming/workflow.py's ASSIGNMENT
table: the unit head reassigns the unit's task to a specialist, the handler
reports progress and completes it, the unit head accepts or returns the
specialist's result; the document is done when the unit's lead task is.
Each runs in one transaction and writes the processing trace and the audit
log."""

from datetime import date
from decimal import Decimal
from typing import cast

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from eoffice.core.errors import ValidationFailed
from eoffice.core.text import nfc
from eoffice.core.workflow import refuse_unless
from eoffice.exchange import statuses
from eoffice.exchange.statuses import queue_status
from eoffice.incoming import notices, workflow
from eoffice.incoming.handling.deadlines import deadline_from
from eoffice.incoming.models import Assignment, AssignmentKind, AssignmentStatus, IncomingDocument, Status, TraceEntry
from eoffice.incoming.selectors import directing_leader, handling_result, reported_task
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
    notices.reassigned(child, actor)
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
    """Hoàn thành: the handler reports the result (ý kiến đề xuất, or a
    coordinating unit's part); "Đã xem" for an item to read. Only this
    assignment closes: a specialist's completion of the unit's lead task waits
    for the unit head's acceptance (EOFFICE_INCOMING_HEAD_ACCEPTS); the
    document is done when the unit's lead task is."""
    document = assignment.document
    refuse_unless(workflow.can_complete(actor, assignment))
    if not assignment.is_for_information and not (proposal or "").strip():
        raise ValidationFailed("Cần nhập kết quả hoặc ý kiến đề xuất.", fields={"proposal": ["Trường này là bắt buộc."]})
    assignment.proposal = nfc(proposal or "")
    close_assignment(assignment, AssignmentStatus.DONE, actor)
    if assignment.kind == AssignmentKind.LEAD and (answer_reference or "").strip():
        document.answer_reference = nfc(answer_reference)[:200]
        document.save(update_fields=["answer_reference", "updated_at"])
    write_trace(
        document,
        actor,
        "complete",
        _completion_summary(assignment),
        opinion=assignment.proposal,
        assignment=assignment,
        for_user=assignment.user,
    )
    _cancel_handed_down(actor, assignment)
    unit_task = _report_to_unit(actor, assignment)
    if is_unit_lead_done(assignment) or (unit_task is not None and is_unit_lead_done(unit_task)):
        finish_document(actor, document)
    return assignment


def _completion_summary(assignment: Assignment) -> str:
    if assignment.is_for_information:
        return "Đã xem"
    kind = assignment.get_kind_display().lower()
    unit = f" — {assignment.unit}" if assignment.unit_id else ""
    waiting = ""
    if assignment.parent is not None and assignment.kind == AssignmentKind.LEAD and settings.EOFFICE_INCOMING_HEAD_ACCEPTS:
        waiting = "; chờ lãnh đạo đơn vị chấp nhận"
    return f"Hoàn thành xử lý ({kind}{unit}){waiting}"


def _cancel_handed_down(actor: Actor, assignment: Assignment) -> None:
    """The unit head completed the unit's task themselves: what they had handed
    down to specialists is no longer theirs to do (cancelled, not done)."""
    for child in assignment.children.filter(is_open=True).select_related("user"):
        close_assignment(child, AssignmentStatus.CANCELLED, actor)
        summary = f"Thôi giao {child.user}: lãnh đạo đơn vị đã hoàn thành"
        write_trace(assignment.document, actor, "cancel", summary, assignment=child)


def _report_to_unit(actor: Actor, task: Assignment) -> Assignment | None:
    """A specialist's completion reaches the unit's task it was handed down
    from, once no other specialist's part of it is open: the unit's lead task
    then waits for its head (or, without acceptance, is done); a coordinating
    unit's task is done, its specialist's report being the unit's."""
    parent = task.parent
    if parent is None or not parent.is_open or parent.children.filter(is_open=True).exists():
        return None
    if parent.kind == AssignmentKind.LEAD and settings.EOFFICE_INCOMING_HEAD_ACCEPTS:
        parent.status = AssignmentStatus.REPORTED
        parent.save(update_fields=["status"])
        notices.reported(parent, actor)
        return None
    close_assignment(parent, AssignmentStatus.DONE, actor)
    return parent


def is_unit_lead_done(assignment: Assignment) -> bool:
    """The unit's lead task (chủ trì) given by the leader, completed."""
    lead = assignment.kind == AssignmentKind.LEAD and assignment.parent_id is None
    return lead and assignment.status == AssignmentStatus.DONE


@transaction.atomic
def assignment_accept(*, actor: Actor, assignment: Assignment, note: str = "") -> Assignment:
    """Chấp nhận: the unit head accepts the result the specialist reported on
    the unit's lead task; the task is done, and with it the document."""
    refuse_unless(workflow.can_accept(actor, assignment))
    task = reported_task(assignment)
    close_assignment(assignment, AssignmentStatus.DONE, actor)
    who = f" của {task.user}" if task is not None else ""
    write_trace(assignment.document, actor, "accept", f"Chấp nhận kết quả xử lý{who}", opinion=nfc(note), assignment=assignment)
    if is_unit_lead_done(assignment):
        finish_document(actor, assignment.document)
    return assignment


@transaction.atomic
def assignment_send_back(*, actor: Actor, assignment: Assignment, reason: str) -> Assignment:
    """Trả lại: the unit head returns the reported result with a reason; the
    specialist's task opens again."""
    refuse_unless(workflow.can_send_back(actor, assignment))
    if len((reason or "").strip()) < 5:
        raise ValidationFailed("Cần nêu lý do trả lại.", fields={"reason": ["Lý do trả lại là bắt buộc."]})
    task = reported_task(assignment)
    assignment.status = AssignmentStatus.IN_PROGRESS
    assignment.save(update_fields=["status"])
    if task is None:  # REPORTED comes only from a specialist's completion
        return assignment
    task.is_open, task.status = True, AssignmentStatus.IN_PROGRESS
    task.completed_at, task.completed_by, task.proposal = None, None, ""  # the trace keeps what was reported
    task.save(update_fields=["is_open", "status", "completed_at", "completed_by", "proposal"])
    summary = f"Trả lại {task.user} để xử lý tiếp"
    write_trace(assignment.document, actor, "send_back", summary, opinion=nfc(reason), assignment=task)
    notices.sent_back(task, actor)
    return assignment


def finish_document(actor: Actor, document: IncomingDocument) -> None:
    """Hoàn thành xử lý: the unit's lead task is done. The other assignments
    stay as they are (a coordinating unit still reports its part); the leader
    who directed gets the result in their inbox, to read."""
    document.status = Status.DONE
    document.completed_at = timezone.now()
    document.save(update_fields=["status", "completed_at", "updated_at"])
    if document.package_id:  # received electronically: its sender follows the handling
        queue_status(document.package, statuses.DONE)
    leader = directing_leader(document)
    result = handling_result(document)
    if leader is not None:
        Assignment.objects.create(
            document=document,
            kind=AssignmentKind.RESULT,
            user=leader,
            assigned_by=actor.user,
            note=result.report if result else "",
        )
    ref = f"; văn bản trả lời: {document.answer_reference}" if document.answer_reference else ""
    to = f"; báo kết quả cho {leader}" if leader else ""
    write_trace(document, actor, "done", f"Văn bản đã được giải quyết xong{ref}{to}")
    if leader is not None:
        notices.result_ready(document, leader, actor)


def mark_document_done(actor: Actor, document: IncomingDocument, answer_reference: str) -> None:
    """The agency issued the answer (outgoing): the lead unit's open tasks are
    done by it; coordinating units still report their part."""
    for task in document.assignments.filter(is_open=True, kind=AssignmentKind.LEAD):
        close_assignment(task, AssignmentStatus.DONE, actor)
    document.answer_reference = nfc(answer_reference or "")[:200]
    document.save(update_fields=["answer_reference", "updated_at"])
    finish_document(actor, document)
