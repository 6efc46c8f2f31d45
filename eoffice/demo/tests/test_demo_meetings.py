"""The demo's meetings: next week's year-end review prepared (invitees, replies,
Giấy mời issued, papers), last week's meeting held (minutes, Thông báo kết luận
issued, conclusions turned into tasks)."""

import pytest

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
