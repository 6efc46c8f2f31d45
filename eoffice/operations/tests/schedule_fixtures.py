"""What the schedule's tests share: the cast (conftest) with two city leaders,
a room, and a week of next week opened by the general unit's specialist."""

from datetime import date, time, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from eoffice.conftest import person
from eoffice.operations.models import Room
from eoffice.operations.schedule import services
from eoffice.organisation.models import Role


def next_monday() -> date:
    today = timezone.localdate()
    return today - timedelta(days=today.weekday()) + timedelta(days=7)


@pytest.fixture
def sched(cast):
    chairman = person("chutich", cast.office, Role.LEADER, position="Chủ tịch UBND thành phố")
    vice = person("pct1", cast.office, Role.LEADER, position="Phó Chủ tịch UBND thành phố")
    room = Room.objects.create(agency=cast.office, name="Phòng họp số 1", capacity=30, keeper=cast.clerk)
    monday = next_monday()
    year, number, _ = monday.isocalendar()
    drafter = cast.actor(cast.specialist)
    week = services.week_create(actor=drafter, year=year, week=number)
    return SimpleNamespace(
        cast=cast, chairman=chairman, vice=vice, room=room, monday=monday, week=week, drafter=drafter,
        approver=cast.actor(cast.leader),
    )  # fmt: skip


def values(monday: date, **overrides):
    data = {
        "date": monday,
        "slot": "",
        "start_time": time(8, 0),
        "end_time": time(10, 0),
        "leaders": [],
        "content": "Họp giao ban Thường trực UBND thành phố",
        "place": "",
        "room": None,
        "participants": "Thường trực UBND thành phố; Chánh Văn phòng",
        "participant_people": [],
        "participant_units": [],
        "preparing_unit": "Văn phòng UBND thành phố",
        "accompanying": [],
        "note": "",
        "visibility": "internal",
    }
    data.update(overrides)
    return data


def publish(s) -> None:
    services.week_submit(actor=s.drafter, week=s.week)
    services.week_approve(actor=s.approver, week=s.week)
    services.week_publish(actor=s.approver, week=s.week)
    s.week.refresh_from_db()
