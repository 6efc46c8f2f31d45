"""What the meetings' tests share: a published schedule entry in the room, the
Chairman chairing, the economic unit and one of its staff invited, and the
meeting created on it by the general unit's specialist (the organiser)."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import time, timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
from django.utils import timezone

from eoffice.conftest import make_pdf, person
from eoffice.operations.meetings import services
from eoffice.operations.schedule import services as schedule
from eoffice.operations.tests.schedule_fixtures import publish, values
from eoffice.organisation.models import Role, Unit

__all__ = ["after_the_start", "make_pdf", "meet"]


@contextmanager
def after_the_start(meeting, hours: int = 3) -> Iterator[None]:
    """The clock moved (still running) to `hours` after the meeting's start: a
    meeting is held only once it has started, and the fixtures' is next week.
    The services read the time through django.utils.timezone.now only; the
    live server's thread reads the patched one too."""
    real = timezone.now
    shift = meeting.starts_at + timedelta(hours=hours) - real()
    with mock.patch("django.utils.timezone.now", side_effect=lambda: real() + shift):
        yield


@pytest.fixture
def meet(sched):
    c = sched.cast
    finance = Unit.objects.create(agency=c.office, name="Phòng Tài chính", abbreviation="TC")
    stranger = person("chuyenvientc", c.office, Role.SPECIALIST, finance, "Chuyên viên")
    entry = schedule.entry_add(
        actor=sched.drafter, week=sched.week,
        values=values(sched.monday, leaders=[sched.chairman], room=sched.room, content="Hội nghị tổng kết năm 2026",
                      start_time=time(8, 0), end_time=time(11, 0), participant_people=[sched.vice],
                      participant_units=[c.kinhte]),
    )  # fmt: skip
    publish(sched)
    meeting = services.meeting_create(
        actor=sched.drafter, entry=entry, title="Hội nghị tổng kết công tác năm 2026", chair=sched.chairman,
        content="Tổng kết công tác năm 2026, triển khai nhiệm vụ năm 2027",
    )  # fmt: skip
    return SimpleNamespace(**vars(sched), c=c, entry=entry, meeting=meeting, finance=finance, stranger=stranger)
