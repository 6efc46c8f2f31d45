"""The demo's weekly schedule: this week and next week published for the city's
leaders, the year-end review conference, one change after publication, rooms."""

import pytest
from django.utils import timezone

from eoffice.notifications.models import Notification
from eoffice.operations.models import Room, ScheduleEntry, WeekSchedule
from eoffice.operations.schedule.selectors import monday_of, week_entries

pytestmark = pytest.mark.django_db


def test_this_week_and_next_week_are_published(demo):
    monday = monday_of(timezone.localdate())
    this_week = week_entries(demo.office, monday)
    next_week = week_entries(demo.office, monday + timezone.timedelta(days=7))
    assert len(this_week) >= 5 and len(next_week) >= 5
    leaders = {user.username for entry in this_week for user in entry.leaders.all()}
    assert leaders == {"chutich", "pcttub", "pct1", "pct2"}
    assert any(entry.content.startswith("Hội nghị tổng kết công tác năm") for entry in next_week)
    changed = [entry for entry in this_week if entry.changed]
    assert len(changed) == 1 and changed[0].changes.filter(after_publication=True).exclude(notice="").exists()
    assert WeekSchedule.objects.filter(agency=demo.office, status="draft").count() == 1
    assert {"Phòng họp số 1", "Hội trường tầng 3"} <= set(Room.objects.values_list("name", flat=True))
    assert Notification.objects.filter(recipient__username="pct2", kind="operations.schedule_changed").exists()
    assert ScheduleEntry.objects.filter(visibility="public").exists()
