"""State changes of a task, one function per step of workflow.py. Each runs in
one transaction: it locks the task, asks the step's check, validates the input,
changes the task, writes the trace and the audit row, and notifies whoever
must act next. A refusal leaves nothing behind."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from eoffice.attachments.services import stored_file_create
from eoffice.audit.services import audit_event
from eoffice.core.errors import NotAllowed, ValidationFailed
from eoffice.core.models import insert_rows
from eoffice.core.text import nfc
from eoffice.core.workflow import refuse_unless
from eoffice.notifications.services import notify
from eoffice.operations.models import (
    ExtensionRequest,
    ExtensionStatus,
    ProgressReport,
    Recurrence,
    Task,
    TaskDeadlineChange,
    TaskFile,
    TaskGrant,
    TaskPriority,
    TaskSource,
    TaskStatus,
    TaskTrace,
)
from eoffice.operations.tasking import validation as v
from eoffice.operations.tasking import workflow as w
from eoffice.operations.tasking.rules import pending_extension
from eoffice.organisation.models import Unit, User
from eoffice.organisation.selectors import Actor, unit_heads


def today() -> date:
    return timezone.localdate()


# --------------------------------------------------------------------------- shared
def log(task: Task, actor: Actor, action: str, summary: str, note: str = "") -> None:
    """The trace entry and the audit row of a step, in one round trip."""
    insert_rows(
        TaskTrace(task=task, actor=actor.user, action=action, summary=summary, note=note),
        audit_event(actor=actor.user, action=f"operations.task.{action}", obj=task, agency=task.agency, summary=summary),
    )


def task_url(task: Task) -> str:
    return reverse("operations:task-detail", kwargs={"pk": task.pk})


def lead_people(task: Task) -> list[User]:
    """Who answers for the task: the lead person, else the lead unit's heads."""
    if task.lead_person_id is not None:
        return [task.lead_person]  # type: ignore[list-item]  # set when its id is
    return unit_heads(task.lead_unit_id) if task.lead_unit_id else []


def _tell(task: Task, actor: Actor, people: Iterable[User], kind: str, title: str) -> None:
    notify(people, agency=task.agency, kind=f"operations.{kind}", title=title, url=task_url(task), obj=task, exclude=actor.user)


def _locked(task: Task) -> Task:
    return Task.objects.select_for_update(of=("self",)).select_related("agency", "lead_person", "assigner").get(pk=task.pk)


def _files(report: ProgressReport, actor: Actor, uploads: Iterable[Any]) -> None:
    for upload in uploads:
        stored = stored_file_create(upload=upload)
        TaskFile.objects.create(report=report, stored_file=stored, filename=upload.name, uploaded_by=actor.user)


# --------------------------------------------------------------------------- create
@transaction.atomic
def task_create(
    *,
    actor: Actor,
    title: str,
    assigner: User | None = None,
    lead_unit: Unit | None = None,
    lead_person: User | None = None,
    coordinating_units: Iterable[Unit] = (),
    deadline: date | None = None,
    working_days: int | None = None,
    ongoing: bool = False,
    content: str = "",
    product: str = "",
    priority: str = TaskPriority.NORMAL,
    confidential: bool = False,
    recurrence: str = Recurrence.NONE,
    source_kind: str = TaskSource.LEADER,
    source_reference: str = "",
    incoming: Any = None,
    outgoing: Any = None,
    previous: Task | None = None,
) -> Task:
    """Giao nhiệm vụ. A leader assigns in their own name; the registry (văn thư of
    the Office) records a task on behalf of the leader it names as assigner."""
    if not (actor.is_leader or actor.is_clerk):
        raise NotAllowed("Chỉ lãnh đạo cơ quan, hoặc văn thư thay mặt lãnh đạo, mới được giao nhiệm vụ.")
    assigner = assigner or actor.user
    coordinating = list(coordinating_units)
    title = v.check_text(nfc(title), "title", "Hãy nhập tên nhiệm vụ.")
    v.check_people(
        agency=actor.agency, assigner=assigner, lead_unit=lead_unit, lead_person=lead_person, coordinating=coordinating
    )
    due = v.deadline_from(today=today(), deadline=deadline, working_days=working_days, ongoing=ongoing)
    v.check_recurrence(recurrence, due)
    if incoming is not None and incoming.agency_id != actor.agency.pk:
        raise NotAllowed("Văn bản đến không thuộc cơ quan.")
    task = Task.objects.create(
        agency=actor.agency, title=title, content=content, product=product, assigner=assigner, created_by=actor.user,
        lead_unit=lead_unit, lead_person=lead_person, assigned_on=today(), deadline=due, original_deadline=due,
        priority=priority, confidential=confidential, recurrence=recurrence, source_kind=source_kind,
        source_reference=source_reference, incoming=incoming, outgoing=outgoing, previous=previous,
    )  # fmt: skip
    task.coordinating_units.set(coordinating)
    if confidential and actor.user.pk != assigner.pk:  # the clerk who typed it keeps sight of it
        TaskGrant.objects.create(task=task, user=actor.user, granted_by=actor.user)
    due_text = f"hạn {due:%d/%m/%Y}" if due else "thường xuyên"
    log(task, actor, "create", f"Giao nhiệm vụ ({due_text})")
    _tell(task, actor, lead_people(task), "task_assigned", f"Nhiệm vụ mới: {task.title}")
    helpers = [head for unit in coordinating for head in unit_heads(unit.pk)]
    if not confidential:
        _tell(task, actor, helpers, "task_assigned", f"Phối hợp thực hiện nhiệm vụ: {task.title}")
    return task


# --------------------------------------------------------------------------- the lead's steps
@transaction.atomic
def task_start(*, actor: Actor, task: Task) -> Task:
    """Tiếp nhận nhiệm vụ."""
    task = _locked(task)
    refuse_unless(w.can_start(actor, task))
    task.status = TaskStatus.IN_PROGRESS
    task.save(update_fields=["status", "updated_at"])
    log(task, actor, "start", "Tiếp nhận nhiệm vụ")
    return task


@transaction.atomic
def task_report_progress(*, actor: Actor, task: Task, percent: int, note: str, files: Iterable[Any] = ()) -> ProgressReport:
    """Báo cáo tiến độ (phần trăm, nội dung, tệp)."""
    task = _locked(task)
    refuse_unless(w.can_report_progress(actor, task))
    v.check_percent(percent)
    if percent == 100:
        raise ValidationFailed(
            "Khi đã xong, hãy dùng “Báo cáo hoàn thành” để người giao nghiệm thu.", fields={"percent": ["Dưới 100%."]}
        )
    note = v.check_text(note, "note", "Hãy nhập nội dung báo cáo tiến độ.")
    report = ProgressReport.objects.create(task=task, author=actor.user, percent=percent, note=note)
    _files(report, actor, files)
    task.progress, task.status = percent, TaskStatus.IN_PROGRESS
    task.save(update_fields=["progress", "status", "updated_at"])
    log(task, actor, "progress", f"Báo cáo tiến độ: {percent}%", note)
    return report


@transaction.atomic
def task_request_extension(*, actor: Actor, task: Task, deadline: date, reason: str) -> ExtensionRequest:
    """Đề nghị gia hạn."""
    task = _locked(task)
    refuse_unless(w.can_request_extension(actor, task))
    v.check_not_past(deadline, today(), "deadline")
    if task.deadline and deadline <= task.deadline:
        raise ValidationFailed(
            f"Hạn đề nghị phải sau hạn hiện tại ({task.deadline:%d/%m/%Y}).", fields={"deadline": ["Phải sau hạn hiện tại."]}
        )
    reason = v.check_text(reason, "reason", "Hãy nêu lý do đề nghị gia hạn.")
    request = ExtensionRequest.objects.create(task=task, requested_by=actor.user, requested_deadline=deadline, reason=reason)
    log(task, actor, "extension_request", f"Đề nghị gia hạn đến {deadline:%d/%m/%Y}", reason)
    _tell(task, actor, [task.assigner], "task_extension_requested", f"Đề nghị gia hạn nhiệm vụ: {task.title}")
    return request


@transaction.atomic
def task_complete(*, actor: Actor, task: Task, note: str, files: Iterable[Any] = ()) -> Task:
    """Báo cáo hoàn thành, with the result and the evidence; waits for acceptance."""
    task = _locked(task)
    refuse_unless(w.can_complete(actor, task))
    note = v.check_text(note, "note", "Hãy nhập kết quả thực hiện nhiệm vụ.")
    report = ProgressReport.objects.create(task=task, author=actor.user, percent=100, note=note, final=True)
    _files(report, actor, files)
    task.status, task.progress, task.result_note, task.completed_on = TaskStatus.COMPLETED, 100, note, today()
    task.save(update_fields=["status", "progress", "result_note", "completed_on", "updated_at"])
    late = " (quá hạn)" if task.late_completion else ""
    log(task, actor, "complete", f"Báo cáo hoàn thành{late}", note)
    _tell(task, actor, [task.assigner], "task_completed", f"Nhiệm vụ chờ nghiệm thu: {task.title}")
    return task


# --------------------------------------------------------------------------- the assigner's steps
def _change_deadline(task: Task, actor: Actor, new: date, reason: str, extension: ExtensionRequest | None) -> None:
    TaskDeadlineChange.objects.create(
        task=task, old_deadline=task.deadline, new_deadline=new, reason=reason, extension=extension, changed_by=actor.user
    )
    task.deadline = new
    task.save(update_fields=["deadline", "updated_at"])


@transaction.atomic
def task_grant_extension(*, actor: Actor, task: Task, deadline: date | None = None, note: str = "") -> Task:
    """Đồng ý gia hạn, to the requested date or another one."""
    task = _locked(task)
    refuse_unless(w.can_grant_extension(actor, task))
    request = pending_extension(task)
    assert request is not None  # the check ensures it
    new = v.check_not_past(deadline or request.requested_deadline, today(), "deadline")
    request.status, request.decided_by, request.decided_at = ExtensionStatus.GRANTED, actor.user, timezone.now()
    request.granted_deadline, request.decision_note = new, note
    request.save()
    _change_deadline(task, actor, new, request.reason, request)
    log(task, actor, "extension_grant", f"Đồng ý gia hạn đến {new:%d/%m/%Y}", note)
    _tell(task, actor, lead_people(task), "task_extension_decided", f"Được gia hạn đến {new:%d/%m/%Y}: {task.title}")
    return task


@transaction.atomic
def task_refuse_extension(*, actor: Actor, task: Task, reason: str) -> Task:
    """Không đồng ý gia hạn, with the reason."""
    task = _locked(task)
    refuse_unless(w.can_refuse_extension(actor, task))
    reason = v.check_text(reason, "reason", "Hãy nêu lý do không đồng ý gia hạn.")
    request = pending_extension(task)
    assert request is not None
    request.status, request.decided_by, request.decided_at = ExtensionStatus.REFUSED, actor.user, timezone.now()
    request.decision_note = reason
    request.save()
    log(task, actor, "extension_refuse", "Không đồng ý gia hạn", reason)
    _tell(task, actor, lead_people(task), "task_extension_decided", f"Không được gia hạn: {task.title}")
    return task


@transaction.atomic
def task_accept(*, actor: Actor, task: Task) -> Task:
    """Nghiệm thu. A recurring task gets its next occurrence, due in the next period."""
    task = _locked(task)
    refuse_unless(w.can_accept(actor, task))
    task.status = TaskStatus.ACCEPTED
    task.save(update_fields=["status", "updated_at"])
    log(task, actor, "accept", "Nghiệm thu nhiệm vụ")
    _tell(task, actor, lead_people(task), "task_accepted", f"Nhiệm vụ đã được nghiệm thu: {task.title}")
    if task.recurrence != Recurrence.NONE and task.deadline is not None:
        task.created_next = _next_occurrence(task, actor)  # type: ignore[attr-defined]  # read by the message
    return task


def _next_occurrence(task: Task, actor: Actor) -> Task:
    due = v.next_period_deadline(task.deadline, task.recurrence)  # type: ignore[arg-type]  # checked by the caller
    following = Task.objects.create(
        agency=task.agency, title=task.title, content=task.content, product=task.product, assigner=task.assigner,
        created_by=actor.user, lead_unit=task.lead_unit, lead_person=task.lead_person, assigned_on=today(),
        deadline=max(due, today()), original_deadline=max(due, today()), priority=task.priority,
        confidential=task.confidential, recurrence=task.recurrence, source_kind=task.source_kind,
        source_reference=task.source_reference, incoming=task.incoming, outgoing=task.outgoing, previous=task,
    )  # fmt: skip
    following.coordinating_units.set(task.coordinating_units.all())
    log(following, actor, "create", f"Giao kỳ tiếp theo của nhiệm vụ lặp lại (hạn {following.deadline:%d/%m/%Y})")
    _tell(following, actor, lead_people(following), "task_assigned", f"Nhiệm vụ kỳ mới: {following.title}")
    return following


@transaction.atomic
def task_return(*, actor: Actor, task: Task, reason: str) -> Task:
    """Trả lại: the task goes back to in progress with the reason."""
    task = _locked(task)
    refuse_unless(w.can_return(actor, task))
    reason = v.check_text(reason, "reason", "Hãy nêu lý do trả lại.")
    task.status, task.return_reason, task.completed_on = TaskStatus.IN_PROGRESS, reason, None
    task.save(update_fields=["status", "return_reason", "completed_on", "updated_at"])
    log(task, actor, "return", "Trả lại, yêu cầu tiếp tục thực hiện", reason)
    _tell(task, actor, lead_people(task), "task_returned", f"Nhiệm vụ bị trả lại: {task.title}")
    return task


@transaction.atomic
def task_cancel(*, actor: Actor, task: Task, reason: str) -> Task:
    """Dừng thực hiện (by the assigner)."""
    task = _locked(task)
    refuse_unless(w.can_cancel(actor, task))
    reason = v.check_text(reason, "reason", "Hãy nêu lý do dừng thực hiện.")
    task.status = TaskStatus.CANCELLED
    task.save(update_fields=["status", "updated_at"])
    task.extensions.filter(status=ExtensionStatus.PENDING).update(status=ExtensionStatus.REFUSED, decision_note=reason)
    log(task, actor, "cancel", "Dừng thực hiện nhiệm vụ", reason)
    _tell(task, actor, lead_people(task), "task_cancelled", f"Nhiệm vụ dừng thực hiện: {task.title}")
    return task
