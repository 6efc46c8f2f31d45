"""Meetings' services: created from a schedule entry, invitations and replies,
the Giấy mời and Thông báo kết luận drafted through outgoing, papers for the
invitees only, conclusions turned into tasks once — and the issue's bad input."""

from datetime import time, timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from eoffice.audit.models import AuditEvent
from eoffice.conftest import make_pdf
from eoffice.core.errors import InvalidState, NotAllowed, ValidationFailed
from eoffice.notifications.models import Notification
from eoffice.operations.access import get_meeting_for_user
from eoffice.operations.meetings import selectors, services
from eoffice.operations.models import Conclusion, Invitation, Meeting, MeetingStatus, Reply, Task, TaskSource
from eoffice.operations.schedule import services as schedule
from eoffice.operations.schedule.services import ScheduleConflict
from eoffice.operations.tests.meeting_fixtures import after_the_start
from eoffice.operations.tests.schedule_fixtures import values
from eoffice.outgoing.drafting.templating import check_filled
from eoffice.outgoing.models import OutgoingDocument

pytestmark = pytest.mark.django_db


def held_with_conclusions(m, *, count=2):
    with after_the_start(m.meeting):
        services.meeting_hold(actor=m.drafter, meeting=m.meeting)
    for number in range(count):
        services.conclusion_add(
            actor=m.drafter, meeting=m.meeting, text=f"Hoàn thiện báo cáo tổng kết phần {number + 1}",
            lead_unit=m.c.kinhte, coordinating_units=[m.c.tonghop], working_days=10,
        )  # fmt: skip
    m.meeting.refresh_from_db()


def test_created_from_the_entry_with_its_invitees_told(meet):
    m = meet.meeting
    assert m.entry == meet.entry and m.place == "Phòng họp số 1" and m.status == MeetingStatus.PLANNED
    invited = {str(i) for i in m.invitations.all()}
    assert invited == {str(meet.vice), str(meet.c.kinhte)}
    told = set(Notification.objects.filter(kind="operations.meeting_invited").values_list("recipient_id", flat=True))
    assert told == {meet.vice.pk, meet.c.kt_head.pk}
    assert AuditEvent.objects.filter(action="operations.meeting.create").exists()


def test_a_room_double_booked_is_refused_unless_confirmed(sched):
    first = schedule.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday, room=sched.room))
    twice = schedule.entry_add(
        actor=sched.drafter, week=sched.week, values=values(sched.monday, room=sched.room, start_time=time(9)), confirm=True
    )
    with pytest.raises(ScheduleConflict) as refused:
        services.meeting_create(actor=sched.drafter, entry=twice, title="Họp", chair=sched.chairman)
    assert refused.value.status == 409 and "Phòng họp đã có lịch trùng giờ" in refused.value.message
    assert first.content[:20] in refused.value.message and not Meeting.objects.exists()
    meeting = services.meeting_create(actor=sched.drafter, entry=twice, title="Họp", chair=sched.chairman, confirm=True)
    assert meeting.pk and AuditEvent.objects.get(action="operations.meeting.create").data["conflicts"]


def test_one_meeting_per_entry_and_only_the_organiser_creates(meet, sched):
    with pytest.raises(InvalidState):
        services.meeting_create(actor=sched.drafter, entry=meet.entry, title="Lần hai", chair=sched.chairman)
    other = schedule.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday + timedelta(days=1)),
                               notice="Bổ sung lịch")  # fmt: skip
    with pytest.raises(NotAllowed):
        services.meeting_create(actor=meet.c.actor(meet.c.kt_head), entry=other, title="Họp", chair=sched.chairman)
    with pytest.raises(ValidationFailed) as refused:
        services.meeting_create(actor=sched.drafter, entry=other, title="Họp", chair=meet.c.kt_head)
    assert "lãnh đạo cơ quan" in refused.value.message


def test_a_reply_by_someone_not_invited_is_refused(meet):
    stranger = meet.c.actor(meet.stranger)
    with pytest.raises(NotAllowed) as refused:
        services.invitation_reply(actor=stranger, meeting=meet.meeting, reply=Reply.ATTEND)
    assert "không có trong danh sách được mời" in refused.value.message
    assert not Invitation.objects.exclude(reply=Reply.PENDING).exists()


def test_replies_attend_deputy_and_absent_with_reason(meet):
    c = meet.c
    services.invitation_reply(actor=c.actor(meet.vice), meeting=meet.meeting, reply=Reply.ATTEND)
    with pytest.raises(ValidationFailed) as no_reason:
        services.invitation_reply(actor=c.actor(c.kt_head), meeting=meet.meeting, reply=Reply.ABSENT)
    assert "lý do" in no_reason.value.message
    with pytest.raises(ValidationFailed):
        services.invitation_reply(actor=c.actor(c.kt_head), meeting=meet.meeting, reply=Reply.DEPUTY)
    unit = services.invitation_reply(actor=c.actor(c.kt_head), meeting=meet.meeting, reply=Reply.DEPUTY, deputy=c.kt_specialist)
    assert unit.unit == c.kinhte and unit.attendee == str(c.kt_specialist) and unit.replied_by == c.kt_head
    with pytest.raises(NotAllowed):  # a member of the invited unit sees the meeting but answers not for it
        services.invitation_reply(actor=c.actor(c.kt_specialist), meeting=meet.meeting, reply=Reply.ATTEND)
    assert Notification.objects.filter(recipient=c.specialist, kind="operations.meeting_replied").count() == 2


def test_papers_are_hidden_from_whoever_is_not_invited(meet):
    c = meet.c
    services.paper_add(actor=meet.drafter, meeting=meet.meeting, files=[make_pdf("bao-cao-tong-ket.pdf")])
    for outsider in (c.actor(meet.stranger), c.actor(c.outsider)):
        with pytest.raises(Http404):
            get_meeting_for_user(outsider, meet.meeting.pk)
    for insider in (meet.vice, meet.chairman, c.kt_specialist, c.specialist, c.leader):
        assert get_meeting_for_user(c.actor(insider), meet.meeting.pk) == meet.meeting
    # A deputy named by a unit's head sees the papers too.
    services.invitation_reply(actor=c.actor(c.kt_head), meeting=meet.meeting, reply=Reply.DEPUTY, deputy=meet.stranger)
    assert get_meeting_for_user(c.actor(meet.stranger), meet.meeting.pk) == meet.meeting


def test_only_the_organiser_adds_papers(meet):
    with pytest.raises(NotAllowed):
        services.paper_add(actor=meet.c.actor(meet.c.kt_head), meeting=meet.meeting, files=[make_pdf()])
    with pytest.raises(ValidationFailed):
        services.paper_add(actor=meet.drafter, meeting=meet.meeting, files=[])


def test_the_invitation_is_drafted_from_the_template_with_the_meetings_data(meet):
    meeting = services.meeting_draft_invitation(actor=meet.drafter, meeting=meet.meeting, signer=meet.c.leader)
    document = meeting.invitation
    assert document.type_name == "Giấy mời" and document.status == "draft" and document.signer == meet.c.leader
    assert "08 giờ 00, ngày" in document.body and str(meet.chairman) in document.body and "Phòng họp số 1" in document.body
    assert str(meet.c.kinhte) in document.body and str(meet.vice) in document.body  # after "trân trọng kính mời:"
    assert document.recipients_text == ""  # a Giấy mời has no "Kính gửi"
    check_filled(document)  # no placeholder left: it may be submitted as it is
    with pytest.raises(InvalidState):
        services.meeting_draft_invitation(actor=meet.drafter, meeting=meet.meeting, signer=meet.c.leader)


def test_a_capacity_warning_when_more_are_invited_than_seats(meet):
    assert selectors.capacity_warning(meet.meeting) == ""
    meet.room.capacity = 2
    meet.room.save()
    meet.meeting.refresh_from_db()
    assert "vượt sức chứa" in selectors.capacity_warning(meet.meeting)


def test_conclusions_become_tasks_once(meet):
    held_with_conclusions(meet)
    leader = meet.c.actor(meet.c.leader)
    with pytest.raises(NotAllowed):
        services.conclusions_convert(actor=meet.drafter, meeting=meet.meeting)
    tasks = services.conclusions_convert(actor=leader, meeting=meet.meeting)
    assert len(tasks) == 2 and Task.objects.count() == 2
    task = tasks[0]
    assert task.source_kind == TaskSource.MEETING and task.assigner == meet.chairman and task.lead_unit == meet.c.kinhte
    assert list(task.coordinating_units.all()) == [meet.c.tonghop] and task.deadline > timezone.localdate()
    assert Conclusion.objects.filter(task=None).count() == 0
    with pytest.raises(InvalidState):
        services.conclusions_convert(actor=leader, meeting=meet.meeting)
    assert Task.objects.count() == 2


def test_a_failed_conversion_leaves_nothing(meet):
    held_with_conclusions(meet)
    Conclusion.objects.filter(pk=meet.meeting.conclusions.last().pk).update(
        working_days=None, deadline=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(ValidationFailed):
        services.conclusions_convert(actor=meet.c.actor(meet.c.leader), meeting=meet.meeting)
    assert not Task.objects.exists() and not Conclusion.objects.exclude(task=None).exists()
    assert not AuditEvent.objects.filter(action="operations.meeting.convert").exists()


def test_the_notice_once_issued_is_the_tasks_source(meet):
    held_with_conclusions(meet, count=1)
    meeting = services.meeting_draft_notice(actor=meet.drafter, meeting=meet.meeting, signer=meet.c.leader)
    notice = meeting.notice
    assert meeting.status == MeetingStatus.CONCLUDED and notice.type_name == "Thông báo"
    assert notice.subject.startswith(f"Kết luận của Chủ tịch UBND thành phố {meet.chairman} tại cuộc họp")
    assert "1. Hoàn thiện báo cáo tổng kết phần 1" in notice.body
    check_filled(notice)
    OutgoingDocument.objects.filter(pk=notice.pk).update(
        status="issued", code_number="15", code_notation="TB-VP", issued_date=timezone.localdate()
    )
    meeting.refresh_from_db()
    [task] = services.conclusions_convert(actor=meet.c.actor(meet.c.leader), meeting=meeting)
    assert task.source_kind == TaskSource.CONCLUSION and task.outgoing == notice and "15/TB-VP" in task.source_reference


def test_minutes_and_cancel(meet):
    with pytest.raises(InvalidState):
        services.minutes_file(actor=meet.drafter, meeting=meet.meeting, file=make_pdf("bien-ban.pdf"))
    with pytest.raises(ValidationFailed):
        services.meeting_cancel(actor=meet.drafter, meeting=meet.meeting, reason=" ")
    cancelled = services.meeting_cancel(actor=meet.drafter, meeting=meet.meeting, reason="Lãnh đạo đi công tác")
    assert cancelled.status == MeetingStatus.CANCELLED
    assert Notification.objects.filter(recipient=meet.vice, kind="operations.meeting_cancelled").exists()
