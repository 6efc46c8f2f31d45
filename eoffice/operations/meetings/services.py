"""State changes of a meeting, one function per step of workflow.py (and the
creation from a schedule entry). Each runs in one transaction: it locks the
meeting, asks the step's check, validates the input, writes the audit row and
tells whoever must act. A refusal leaves nothing behind."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from eoffice.attachments.services import stored_file_create
from eoffice.audit.services import audit_record
from eoffice.core.errors import InvalidState, NotAllowed, ValidationFailed
from eoffice.core.text import nfc
from eoffice.core.workflow import refuse_unless
from eoffice.notifications.services import notify
from eoffice.operations.meetings import documents, validation
from eoffice.operations.meetings import workflow as w
from eoffice.operations.meetings.rules import answerable, is_organiser
from eoffice.operations.models import (
    Conclusion,
    Invitation,
    Meeting,
    MeetingPaper,
    MeetingStatus,
    ScheduleEntry,
    Task,
    TaskSource,
)
from eoffice.operations.tasking.services import task_create
from eoffice.organisation.models import Role, Unit, User
from eoffice.organisation.selectors import Actor
from eoffice.outgoing.drafting.services import outgoing_create
from eoffice.outgoing.models import OutgoingDocument

INVITED = "operations.meeting_invited"
INVITATION_ISSUED = "operations.meeting_invitation_issued"
NOTICE_ISSUED = "operations.meeting_notice_issued"


def meeting_url(meeting: Meeting) -> str:
    return reverse("operations:meeting-detail", kwargs={"pk": meeting.pk})


def _audit(actor: Actor, action: str, meeting: Meeting, summary: str, **data: Any) -> None:
    audit_record(
        actor=actor.user, action=f"operations.meeting.{action}", obj=meeting, agency=meeting.agency, summary=summary, data=data
    )


def _locked(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("agency", "entry__room", "chair", "invitation", "notice")
        .get(pk=meeting.pk)
    )


def unit_heads(units: Iterable[int]) -> set[int]:
    """The heads of these units (their ids)."""
    units = list(units)
    if not units:
        return set()
    heads = User.objects.filter(memberships__unit__in=units, memberships__role=Role.UNIT_HEAD)
    return set(heads.values_list("pk", flat=True))


def recipients(invitations: Iterable[Invitation]) -> set[int]:
    """The invited people and the heads of the invited units (who answer for them)."""
    rows = list(invitations)
    return {row.person_id for row in rows if row.person_id} | unit_heads(row.unit_id for row in rows if row.unit_id)


def _tell(meeting: Meeting, actor: Actor, people: Iterable[Any], kind: str, title: str) -> None:
    notify(people, agency=meeting.agency, kind=kind, title=title, url=meeting_url(meeting), obj=meeting, exclude=actor.user)


# --------------------------------------------------------------------------- create, invite
@transaction.atomic
def meeting_create(
    *, actor: Actor, entry: ScheduleEntry, title: str, chair: User, content: str = "", online_link: str = "",
    confirm: bool = False,
) -> Meeting:  # fmt: skip
    """Tạo cuộc họp on a schedule entry: its time, place and room; those the entry
    invites become the invitees. A room booked twice is refused unless confirmed."""
    entry = ScheduleEntry.objects.select_for_update(of=("self",)).select_related("week__agency", "room").get(pk=entry.pk)
    if not (entry.week.agency_id == actor.agency.pk and is_organiser(actor)):
        raise NotAllowed(w.ORGANISER_ONLY.format(action="tạo cuộc họp"))
    if entry.cancelled:
        raise InvalidState("Mục lịch đã hủy, không tạo cuộc họp được.")
    if Meeting.objects.filter(entry=entry).exists():
        raise InvalidState("Mục lịch này đã có cuộc họp.")
    title = validation.check_text(title, "title", "Nhập tên cuộc họp.")
    validation.check_chair(actor.agency, chair)
    warnings = validation.check_room(entry, confirm)
    meeting = Meeting.objects.create(
        agency=actor.agency, entry=entry, title=title, content=nfc(content or ""), chair=chair,
        online_link=online_link or "", created_by=actor.user,
    )  # fmt: skip
    people = [*entry.participant_people.all(), *entry.leaders.exclude(pk=chair.pk)]
    _audit(actor, "create", meeting, f"Tạo cuộc họp: {title[:200]}", conflicts=warnings)
    _add_invitees(meeting, actor, people, list(entry.participant_units.all()))
    return meeting


def _add_invitees(meeting: Meeting, actor: Actor, people: Iterable[User], units: Iterable[Unit]) -> list[Invitation]:
    known_people = set(meeting.invitations.values_list("person_id", flat=True))
    known_units = set(meeting.invitations.values_list("unit_id", flat=True))
    new = [Invitation(meeting=meeting, person=p) for p in dict.fromkeys(people) if p.pk not in known_people]
    new += [Invitation(meeting=meeting, unit=u) for u in dict.fromkeys(units) if u.pk not in known_units]
    Invitation.objects.bulk_create(new)
    if new:
        when = documents.when_text(meeting)
        _tell(meeting, actor, recipients(new), INVITED, f"Mời dự họp: {meeting.title[:150]} ({when})")
    return new


@transaction.atomic
def meeting_invite(*, actor: Actor, meeting: Meeting, people: Iterable[User] = (), units: Iterable[Unit] = ()) -> Meeting:
    """Mời thêm cán bộ, đơn vị dự họp; each new invitee is told."""
    meeting = _locked(meeting)
    refuse_unless(w.can_invite(actor, meeting))
    people, units = list(people), list(units)
    validation.check_invitees(meeting.agency, people, units)
    new = _add_invitees(meeting, actor, people, units)
    if not new:
        message = "Những người, đơn vị đã chọn đều đã có trong danh sách mời."
        raise ValidationFailed(message, fields={"people": [message]})
    _audit(actor, "invite", meeting, f"Mời {len(new)} người/đơn vị dự họp")
    return meeting


@transaction.atomic
def invitation_reply(
    *, actor: Actor, meeting: Meeting, reply: str, invitation: Invitation | None = None, deputy: User | None = None,
    deputy_name: str = "", reason: str = "",
) -> Invitation:  # fmt: skip
    """Trả lời giấy mời: tham dự, cử người dự thay (named), hoặc vắng (with the reason)."""
    meeting = _locked(meeting)
    refuse_unless(w.can_reply(actor, meeting))
    mine = answerable(actor, meeting)
    if invitation is None:
        invitation = next((row for row in mine if row.person_id in actor.acting_user_ids), mine[0])
    elif invitation.pk not in {row.pk for row in mine}:
        raise NotAllowed("Đồng chí không được mời với tư cách này nên không thể trả lời thay.")
    values = validation.check_reply(meeting.agency, reply, deputy, nfc(deputy_name or ""), nfc(reason or ""))
    for key, value in values.items():
        setattr(invitation, key, value)
    invitation.replied_by, invitation.replied_at = actor.user, timezone.now()
    invitation.save()
    _audit(actor, "reply", meeting, f"{invitation}: {invitation.get_reply_display()}", invitation=invitation.pk)
    _tell(
        meeting,
        actor,
        [meeting.created_by_id],
        "operations.meeting_replied",
        f"{invitation}: {invitation.get_reply_display()} — {meeting.title[:120]}",
    )
    return invitation


# --------------------------------------------------------------------------- documents
def _draft(actor: Actor, signer: User, data: dict[str, Any]) -> Any:
    return outgoing_create(actor=actor, data=data, signer=signer)


@transaction.atomic
def meeting_draft_invitation(*, actor: Actor, meeting: Meeting, signer: User) -> Meeting:
    """Dự thảo Giấy mời from the meeting's data; it then goes through the outgoing review, signing and issuance."""
    meeting = _locked(meeting)
    refuse_unless(w.can_draft_invitation(actor, meeting))
    meeting.invitation = _draft(actor, signer, documents.invitation_data(meeting))
    meeting.save(update_fields=["invitation", "updated_at"])
    _audit(actor, "draft_invitation", meeting, "Dự thảo Giấy mời", document=meeting.invitation.pk)
    return meeting


@transaction.atomic
def meeting_draft_notice(*, actor: Actor, meeting: Meeting, signer: User) -> Meeting:
    """Dự thảo Thông báo kết luận from the conclusions; the meeting is then concluded."""
    meeting = _locked(meeting)
    refuse_unless(w.can_draft_notice(actor, meeting))
    meeting.notice = _draft(actor, signer, documents.notice_data(meeting))
    meeting.status = MeetingStatus.CONCLUDED
    meeting.save(update_fields=["notice", "status", "updated_at"])
    _audit(actor, "draft_notice", meeting, "Dự thảo Thông báo kết luận", document=meeting.notice.pk)
    return meeting


@transaction.atomic
def minutes_file(*, actor: Actor, meeting: Meeting, file: Any) -> Meeting:
    """Lưu biên bản: the minutes signed by the chair and the secretary, scanned; filed once (workflow.can_file_minutes)."""
    meeting = _locked(meeting)
    refuse_unless(w.can_file_minutes(actor, meeting))
    meeting.minutes_file, meeting.minutes_filename = stored_file_create(upload=file), nfc(file.name)[:255]
    meeting.save(update_fields=["minutes_file", "minutes_filename", "updated_at"])
    _audit(actor, "minutes", meeting, f"Lưu biên bản cuộc họp: {meeting.minutes_filename}")
    return meeting


@transaction.atomic
def paper_add(*, actor: Actor, meeting: Meeting, files: Iterable[Any]) -> list[MeetingPaper]:
    """Thêm tài liệu họp (seen by the invitees only)."""
    meeting = _locked(meeting)
    refuse_unless(w.can_add_papers(actor, meeting))
    uploads = list(files)
    if not uploads:
        raise ValidationFailed("Chọn tệp tài liệu họp.", fields={"files": ["Chọn ít nhất một tệp."]})
    papers = [
        MeetingPaper.objects.create(meeting=meeting, stored_file=stored_file_create(upload=f), filename=nfc(f.name)[:255],
                                    uploaded_by=actor.user)
        for f in uploads
    ]  # fmt: skip
    _audit(actor, "papers", meeting, f"Thêm {len(papers)} tài liệu họp", files=[p.filename for p in papers])
    return papers


def meeting_document_issued(*, document: OutgoingDocument, actor: Actor) -> None:
    """The outgoing module issued a document (signals.document_issued, connected in
    operations/apps.py): is it a meeting's Giấy mời or Thông báo kết luận?"""
    found = Meeting.objects.select_related("agency", "entry__room").filter(Q(invitation=document) | Q(notice=document))
    meeting = found.first()
    if meeting is not None and meeting.invitation_id == document.pk and meeting.status == MeetingStatus.PLANNED:
        _invitation_issued(meeting, actor)
    elif meeting is not None and meeting.notice_id == document.pk:
        _notice_issued(meeting, document, actor)


def _invitation_issued(meeting: Meeting, actor: Actor) -> None:
    """The Giấy mời, numbered and signed, is the invitation that counts: every
    invitee (a unit's heads for a unit) is invited by it."""
    where = meeting.place or "địa điểm sẽ thông báo sau"
    title = f"Giấy mời họp: {meeting.title[:150]}, {documents.when_text(meeting)}, {where[:80]}"
    _tell(meeting, actor, recipients(meeting.invitations.all()), INVITATION_ISSUED, title)


def _notice_issued(meeting: Meeting, notice: OutgoingDocument, actor: Actor) -> None:
    """The Thông báo kết luận gives its conclusions to units: the heads of those
    that lead or coordinate one are told, whether or not they were invited."""
    leads = Conclusion.objects.filter(meeting=meeting).values_list("lead_unit_id", flat=True)
    helpers = Conclusion.coordinating_units.through.objects.filter(conclusion__meeting=meeting).values_list("unit_id", flat=True)
    title = f"Thông báo kết luận số {notice.symbol_display}: {meeting.title[:150]}"
    _tell(meeting, actor, unit_heads({*leads, *helpers}), NOTICE_ISSUED, title)


# --------------------------------------------------------------------------- held, cancelled
@transaction.atomic
def meeting_hold(*, actor: Actor, meeting: Meeting) -> Meeting:
    """Ghi nhận cuộc họp đã diễn ra: conclusions and minutes may follow."""
    meeting = _locked(meeting)
    refuse_unless(w.can_hold(actor, meeting))
    meeting.status = MeetingStatus.HELD
    meeting.save(update_fields=["status", "updated_at"])
    _audit(actor, "hold", meeting, "Cuộc họp đã diễn ra")
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: Actor, meeting: Meeting, reason: str) -> Meeting:
    """Hủy cuộc họp, with the reason; the invitees are told."""
    meeting = _locked(meeting)
    refuse_unless(w.can_cancel(actor, meeting))
    meeting.cancel_reason = validation.check_text(reason, "reason", "Nhập lý do hủy cuộc họp.")
    meeting.status = MeetingStatus.CANCELLED
    meeting.save(update_fields=["status", "cancel_reason", "updated_at"])
    _audit(actor, "cancel", meeting, f"Hủy cuộc họp: {meeting.cancel_reason[:200]}")
    _tell(
        meeting,
        actor,
        recipients(meeting.invitations.all()),
        "operations.meeting_cancelled",
        f"Hủy cuộc họp: {meeting.title[:150]}",
    )
    return meeting


# --------------------------------------------------------------------------- conclusions
@transaction.atomic
def conclusion_add(
    *, actor: Actor, meeting: Meeting, text: str, lead_unit: Unit, coordinating_units: Iterable[Unit] = (),
    deadline: date | None = None, working_days: int | None = None, ongoing: bool = False,
) -> Conclusion:  # fmt: skip
    """Ghi một kết luận của người chủ trì: lead unit, coordinating units, deadline."""
    meeting = _locked(meeting)
    refuse_unless(w.can_add_conclusion(actor, meeting))
    text = validation.check_text(text, "text", "Nhập nội dung kết luận.")
    helpers = list(coordinating_units)
    validation.check_conclusion(meeting.agency, lead_unit, helpers, deadline, working_days, ongoing)
    conclusion = Conclusion.objects.create(
        meeting=meeting, text=text, lead_unit=lead_unit, deadline=deadline, working_days=working_days, created_by=actor.user
    )
    conclusion.coordinating_units.set(helpers)
    _audit(actor, "conclusion", meeting, f"Kết luận: {text[:200]}")
    return conclusion


def _source(meeting: Meeting) -> tuple[str, str, Any]:
    """A task's source: the Thông báo kết luận once issued, else the meeting."""
    notice = meeting.notice
    if notice is not None and notice.status == "issued":
        reference = f"Thông báo {notice.symbol_display} ngày {notice.issued_date:%d/%m/%Y}"
        return TaskSource.CONCLUSION, reference, notice
    return TaskSource.MEETING, f"{meeting.title} ngày {meeting.entry.date:%d/%m/%Y}", None


@transaction.atomic
def conclusions_convert(*, actor: Actor, meeting: Meeting) -> list[Task]:
    """Chuyển thành nhiệm vụ: every conclusion not yet converted becomes a task
    assigned by the chair, in one transaction (all or none; never twice)."""
    meeting = _locked(meeting)
    refuse_unless(w.can_convert(actor, meeting))
    kind, reference, notice = _source(meeting)
    pending = Conclusion.objects.filter(meeting=meeting, task=None).select_related("lead_unit")
    tasks = []
    for conclusion in pending.prefetch_related("coordinating_units"):
        conclusion.task = task_create(
            actor=actor, title=conclusion.text[:500], content=conclusion.text, assigner=meeting.chair,
            lead_unit=conclusion.lead_unit, coordinating_units=conclusion.coordinating_units.all(),
            deadline=conclusion.deadline, working_days=conclusion.working_days,
            ongoing=conclusion.deadline is None and conclusion.working_days is None,
            source_kind=kind, source_reference=reference[:200], outgoing=notice,
        )  # fmt: skip
        conclusion.save(update_fields=["task"])
        tasks.append(conclusion.task)
    _audit(actor, "convert", meeting, f"Chuyển {len(tasks)} kết luận thành nhiệm vụ", tasks=[t.pk for t in tasks])
    return tasks
