"""The demo's meetings: next week's year-end review prepared (invitees, replies,
Giấy mời issued, papers), last week's meeting held (Giấy mời issued, every reply
in, minutes, Thông báo kết luận issued, conclusions turned into tasks), each of
its acts dated last week."""

from datetime import timedelta

import pytest
from django.utils import timezone

from eoffice.audit.models import AuditEvent
from eoffice.notifications.models import Notification
from eoffice.operations.meetings.services import INVITATION_ISSUED
from eoffice.operations.models import Meeting, MeetingStatus, Reply, Task, TaskSource

pytestmark = pytest.mark.django_db


def test_the_year_end_review_is_prepared(demo):
    meeting = Meeting.objects.get(title__startswith="Hội nghị tổng kết công tác năm")
    assert meeting.status == MeetingStatus.PLANNED and meeting.entry.week.is_published
    replies = set(meeting.invitations.values_list("reply", flat=True))
    assert {Reply.ATTEND, Reply.DEPUTY, Reply.ABSENT, Reply.PENDING} <= replies
    assert meeting.invitation.status == "issued" and meeting.invitation.type_name == "Giấy mời"
    assert meeting.papers.count() == 2


def test_last_weeks_meeting_is_concluded_and_its_conclusions_are_tasks(demo):
    meeting = Meeting.objects.get(status=MeetingStatus.CONCLUDED)
    assert meeting.minutes_file_id and meeting.notice.status == "issued" and meeting.notice.type_name == "Thông báo"
    tasks = Task.objects.filter(conclusion__meeting=meeting)
    assert tasks.count() == 3 and not meeting.conclusions.filter(task=None).exists()
    assert {t.source_kind for t in tasks} == {TaskSource.CONCLUSION} and {t.outgoing for t in tasks} == {meeting.notice}


def test_last_weeks_meeting_was_invited_and_answered_and_each_act_is_dated_last_week(demo):
    meeting = Meeting.objects.select_related("entry", "invitation", "notice").get(status=MeetingStatus.CONCLUDED)
    today = timezone.localdate(demo.now)
    this_monday = today - timedelta(days=today.weekday())
    invitation, day = meeting.invitation, meeting.entry.date
    assert invitation.status == "issued" and invitation.type_name == "Giấy mời"
    assert invitation.issued_date < day < meeting.notice.issued_date < this_monday
    assert not meeting.invitations.filter(reply=Reply.PENDING).exists()
    assert {timezone.localdate(i.replied_at) for i in meeting.invitations.all()} == {day - timedelta(days=1)}
    assert Notification.objects.filter(kind=INVITATION_ISSUED, object_id=str(meeting.pk)).exists()
    acts = AuditEvent.objects.filter(object_type="operations.meeting", object_id=str(meeting.pk))
    assert acts.count() >= 8 and all(timezone.localdate(at) < this_monday for at in acts.values_list("at", flat=True))
    held = timezone.localtime(acts.get(action="operations.meeting.hold").at)
    assert held.date() == day and held.time() > meeting.entry.starts
    assert {t.assigned_on for t in Task.objects.filter(conclusion__meeting=meeting)} == {day + timedelta(days=2)}


def test_last_weeks_steering_committee_waits_to_be_recorded_as_held(demo):
    meeting = Meeting.objects.get(title="Họp Ban Chỉ đạo chuyển đổi số thành phố")
    assert meeting.status == MeetingStatus.PLANNED and meeting.starts_at < demo.now
    assert timezone.localdate(meeting.created_at) < meeting.entry.date
