"""The one way views and the API fetch the operations app's guarded records:
another agency's record, a task of another unit, or a draft week for someone who
may not see drafts, is a 404 (not even confirmed to exist)."""

from django.http import Http404

from eoffice.audit.services import audit_record
from eoffice.operations.meetings.rules import is_organiser
from eoffice.operations.models import Meeting, MeetingPaper, Room, ScheduleEntry, Task, WeekSchedule
from eoffice.operations.schedule.selectors import weeks_visible_to
from eoffice.organisation.selectors import Actor


def get_task_for_user(actor: Actor, pk) -> Task:
    """The task if `actor` may see it (Task.objects.visible_to), else Http404:
    another agency's or another unit's task is not even confirmed to exist.
    Every read of a confidential task is audited."""
    try:
        task = (
            Task.objects.visible_to(actor)
            .select_related("agency", "assigner", "created_by", "lead_unit", "lead_person", "incoming", "outgoing")
            .get(pk=pk)
        )
    except (Task.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy nhiệm vụ hoặc bạn không có quyền xem.") from None
    if task.confidential:
        audit_record(actor=actor.user, action="operations.task.read", obj=task, agency=task.agency, summary="Xem nhiệm vụ mật")
    return task


def get_week_for_user(actor: Actor, pk) -> WeekSchedule:
    try:
        return weeks_visible_to(actor).select_related("agency").get(pk=pk)
    except (WeekSchedule.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy lịch công tác tuần hoặc bạn không có quyền xem.") from None


def get_entry_for_user(actor: Actor, pk) -> ScheduleEntry:
    try:
        return ScheduleEntry.objects.select_related("week__agency", "room").get(pk=pk, week__in=weeks_visible_to(actor))
    except (ScheduleEntry.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy mục lịch hoặc bạn không có quyền xem.") from None


def get_room_for_user(actor: Actor, pk) -> Room:
    try:
        return Room.objects.get(pk=pk, agency=actor.agency)
    except (Room.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy phòng họp.") from None


def get_meeting_for_user(actor: Actor, pk) -> Meeting:
    """The meeting if `actor` organises it or is invited (models.meetings), else
    Http404: its papers are as hidden as the meeting itself."""
    try:
        meetings = Meeting.objects.visible_to(actor, organiser=is_organiser(actor))
        return meetings.select_related("agency", "entry__room", "entry__week", "chair", "invitation", "notice").get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy cuộc họp hoặc bạn không có quyền xem.") from None


def get_paper_for_user(actor: Actor, pk, paper_pk) -> MeetingPaper:
    """A paper of a meeting `actor` may see (404 otherwise, as the meeting); every read audited."""
    meeting = get_meeting_for_user(actor, pk)
    paper = MeetingPaper.objects.filter(meeting=meeting, pk=paper_pk).select_related("stored_file").first()
    if paper is None:
        raise Http404("Không tìm thấy tài liệu họp.")
    summary = f"Xem tài liệu họp: {paper.filename}"
    audit_record(actor=actor.user, action="operations.meeting.paper_read", obj=meeting, agency=meeting.agency, summary=summary)
    return paper
