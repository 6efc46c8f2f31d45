"""The weekly schedule's services: the workflow, the bad input of the issue,
conflicts, changes after publication and who is told."""

from datetime import time, timedelta

import pytest
from django.http import Http404

from eoffice.audit.models import AuditEvent
from eoffice.core.errors import InvalidState, NotAllowed, ValidationFailed
from eoffice.notifications.models import Notification
from eoffice.operations.access import get_week_for_user
from eoffice.operations.models import EntryChange, ScheduleEntry
from eoffice.operations.models.schedule import WeekStatus
from eoffice.operations.schedule import services
from eoffice.operations.schedule.services import ScheduleConflict
from eoffice.operations.tests.schedule_fixtures import publish, values

pytestmark = pytest.mark.django_db


def test_drafted_submitted_approved_published_and_the_leaders_told(sched):
    entry = services.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday, leaders=[sched.chairman]))
    publish(sched)
    assert sched.week.status == WeekStatus.PUBLISHED and sched.week.version == 1
    assert sched.week.approved_by == sched.cast.leader and sched.week.published_at is not None
    told = Notification.objects.get(recipient=sched.chairman, kind="operations.schedule_published")
    assert "1 mục" in told.title and "lich-tuan" in told.url
    assert not entry.changed
    actions = set(AuditEvent.objects.filter(action__startswith="schedule.").values_list("action", flat=True))
    assert {"schedule.entry_add", "schedule.week_submit", "schedule.week_approve", "schedule.week_publish"} <= actions


def test_submitting_tells_the_approver(sched):
    services.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday))
    services.week_submit(actor=sched.drafter, week=sched.week)
    assert Notification.objects.filter(recipient=sched.cast.leader, kind="operations.schedule_submitted").exists()


def test_an_entry_ending_before_it_starts_is_refused(sched):
    with pytest.raises(ValidationFailed) as refused:
        services.entry_add(
            actor=sched.drafter, week=sched.week, values=values(sched.monday, start_time=time(10), end_time=time(9))
        )
    assert "Giờ kết thúc (09:00) phải sau giờ bắt đầu (10:00)" in refused.value.fields["end_time"][0]
    assert not ScheduleEntry.objects.exists()


def test_a_date_outside_the_week_is_refused(sched):
    with pytest.raises(ValidationFailed) as refused:
        services.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday + timedelta(days=7)))
    assert "không thuộc tuần" in refused.value.fields["date"][0]
    assert not ScheduleEntry.objects.exists()


def test_a_slot_or_a_time_is_needed_and_a_time_gives_the_slot(sched):
    with pytest.raises(ValidationFailed):
        services.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday, start_time=None, end_time=None))
    entry = services.entry_add(
        actor=sched.drafter, week=sched.week, values=values(sched.monday, start_time=time(14), end_time=None)
    )
    assert entry.slot == "afternoon" and entry.ends == time(17)


def test_only_leaders_chair(sched):
    with pytest.raises(ValidationFailed) as refused:
        services.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday, leaders=[sched.cast.clerk]))
    assert "không phải lãnh đạo" in refused.value.message


def test_a_room_double_booked_without_confirmation_is_refused(sched):
    services.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday, room=sched.room))
    clash = values(sched.monday, room=sched.room, start_time=time(9), end_time=time(11), content="Tiếp khách")
    with pytest.raises(ScheduleConflict) as refused:
        services.entry_add(actor=sched.drafter, week=sched.week, values=clash)
    assert refused.value.status == 409 and "Phòng họp số 1 đã được đặt" in refused.value.message
    assert ScheduleEntry.objects.count() == 1
    services.entry_add(actor=sched.drafter, week=sched.week, values=clash, confirm=True)
    assert ScheduleEntry.objects.count() == 2
    after = values(sched.monday, room=sched.room, start_time=time(11), end_time=time(12), content="Sau đó")
    services.entry_add(actor=sched.drafter, week=sched.week, values=after)  # 11:00 after 09:00–11:00: touching, not overlapping


def test_one_leader_in_two_places_is_a_warning_to_confirm(sched):
    services.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday, leaders=[sched.chairman]))
    other = values(sched.monday, leaders=[sched.chairman], start_time=None, end_time=None, slot="morning", place="Quận Lê Chân")
    with pytest.raises(ScheduleConflict) as refused:
        services.entry_add(actor=sched.drafter, week=sched.week, values=other)
    assert str(sched.chairman) in refused.value.message
    services.entry_add(actor=sched.drafter, week=sched.week, values=other, confirm=True)
    audit = AuditEvent.objects.filter(action="schedule.entry_add").order_by("-pk").first()
    assert audit.data["conflicts"]


def test_a_published_week_changed_without_a_notice_is_refused(sched):
    entry = services.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday, leaders=[sched.chairman]))
    publish(sched)
    with pytest.raises(ValidationFailed) as refused:
        services.entry_update(actor=sched.drafter, entry=entry, values=values(sched.monday, start_time=time(14), end_time=None))
    assert "thông báo điều chỉnh" in refused.value.message
    entry.refresh_from_db()
    assert entry.start_time == time(8) and not entry.changed


def test_a_change_after_publication_is_marked_logged_and_announced(sched):
    entry = services.entry_add(
        actor=sched.drafter, week=sched.week,
        values=values(sched.monday, leaders=[sched.chairman], room=sched.room, participant_people=[sched.cast.kt_head]),
    )  # fmt: skip
    publish(sched)
    changed = values(sched.monday, leaders=[sched.vice], room=sched.room, start_time=time(14), end_time=None)
    services.entry_update(actor=sched.drafter, entry=entry, values=changed, notice="Chuyển sang buổi chiều.")
    entry.refresh_from_db()
    assert entry.changed and entry.sequence == 1 and entry.slot == "afternoon"
    sched.week.refresh_from_db()
    assert sched.week.version == 2
    log = EntryChange.objects.get(entry=entry, kind=EntryChange.Kind.UPDATED)
    assert log.after_publication and log.notice == "Chuyển sang buổi chiều." and "08:00" in log.summary
    told = set(Notification.objects.filter(kind="operations.schedule_changed").values_list("recipient__username", flat=True))
    # the chairman (no longer in it), the vice chairman, the invited person, the room's keeper
    assert told == {"chutich", "pct1", "truongkt", "vanthu"}


def test_cancelling_after_publication_needs_a_notice_and_stays_struck(sched):
    entry = services.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday, leaders=[sched.chairman]))
    publish(sched)
    with pytest.raises(ValidationFailed):
        services.entry_cancel(actor=sched.drafter, entry=entry)
    services.entry_cancel(actor=sched.drafter, entry=entry, notice="Hoãn họp.")
    entry.refresh_from_db()
    assert entry.cancelled and entry.changed and entry.sequence == 1
    with pytest.raises(ValidationFailed):
        services.entry_cancel(actor=sched.drafter, entry=entry, notice="Lần nữa")


def test_who_may_do_what(sched):
    services.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday))
    outsider_unit = sched.cast.actor(sched.cast.kt_specialist)
    with pytest.raises(NotAllowed):
        services.entry_add(actor=outsider_unit, week=sched.week, values=values(sched.monday))
    with pytest.raises(NotAllowed):
        services.week_submit(actor=outsider_unit, week=sched.week)
    services.week_submit(actor=sched.drafter, week=sched.week)
    with pytest.raises(NotAllowed):  # a leader, but not the approving position
        services.week_approve(actor=sched.cast.actor(sched.chairman), week=sched.week)
    with pytest.raises(InvalidState):  # waiting for approval: no edits
        services.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday))
    with pytest.raises(InvalidState):
        services.week_publish(actor=sched.approver, week=sched.week)
    services.week_return(actor=sched.approver, week=sched.week, reason="Bổ sung lịch chiều thứ Hai.")
    sched.week.refresh_from_db()
    assert sched.week.status == WeekStatus.DRAFT and sched.week.return_reason


def test_any_leader_approves_when_configured(sched, settings):
    settings.EOFFICE_SCHEDULE_APPROVERS = ["*"]
    services.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday))
    services.week_submit(actor=sched.drafter, week=sched.week)
    services.week_approve(actor=sched.cast.actor(sched.chairman), week=sched.week)


def test_drafts_are_hidden_from_staff_and_other_agencies(sched):
    with pytest.raises(Http404):
        get_week_for_user(sched.cast.actor(sched.cast.kt_specialist), sched.week.pk)
    with pytest.raises(Http404):
        get_week_for_user(sched.cast.actor(sched.cast.outsider), sched.week.pk)
    services.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday))
    publish(sched)
    assert get_week_for_user(sched.cast.actor(sched.cast.kt_specialist), sched.week.pk) == sched.week
    with pytest.raises(Http404):
        get_week_for_user(sched.cast.actor(sched.cast.outsider), sched.week.pk)


def test_a_week_that_does_not_exist(sched):
    with pytest.raises(ValidationFailed):
        services.week_create(actor=sched.drafter, year=2026, week=54)
