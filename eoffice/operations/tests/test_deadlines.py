"""A deadline given in working days skips weekends and holidays."""

from datetime import date, timedelta

import pytest

from eoffice.operations.models import Recurrence
from eoffice.operations.tasking.validation import deadline_from, next_period_deadline
from eoffice.workdays.models import CalendarOverride
from eoffice.workdays.services import add_working_days

pytestmark = pytest.mark.django_db


def test_working_days_skip_a_declared_holiday(crew):
    start = crew.today
    plain = add_working_days(start, 3)
    CalendarOverride.objects.create(date=add_working_days(start, 1), is_working=False, name="Nghỉ bù", legal_basis="TB 1")
    assert add_working_days(start, 3) > plain
    task = crew.task(working_days=3)
    assert task.deadline == add_working_days(start, 3)


def test_from_a_monday_with_a_holiday_on_wednesday():
    monday = date(2031, 3, 3)
    CalendarOverride.objects.create(date=monday + timedelta(days=2), is_working=False, name="Nghỉ", legal_basis="QĐ 1")
    # Tuesday, (Wednesday off), Thursday, Friday, (weekend), Monday
    assert deadline_from(today=monday, deadline=None, working_days=4, ongoing=False) == date(2031, 3, 10)


def test_the_next_period_lands_on_a_working_day():
    assert next_period_deadline(date(2031, 1, 31), Recurrence.MONTHLY) == date(2031, 2, 28)  # Friday
    assert next_period_deadline(date(2031, 2, 15), Recurrence.QUARTERLY) == date(2031, 5, 15)  # Thursday
    assert next_period_deadline(date(2031, 4, 5), Recurrence.MONTHLY) == date(2031, 5, 5)  # Monday
    assert next_period_deadline(date(2031, 4, 3), Recurrence.MONTHLY) == date(2031, 5, 5)  # Sat 3 → Mon 5
