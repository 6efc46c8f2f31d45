"""Working time in half-day slots (buổi sáng 07:30–11:30, buổi chiều 13:30–17:00):
the deadline arithmetic of one-stop dossiers."""

from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured

from eoffice.core.errors import ValidationFailed
from eoffice.env import env_office_hours
from eoffice.workdays.services import add_working_time, calendar_override_set, working_time_between

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: int, month: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN)


# 02/03/2026 is a Monday.
@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        (at(2, 3, 9), "0.5", at(2, 3, 17)),  # the morning under way does not count
        (at(2, 3, 9), "1", at(3, 3, 11, 30)),
        (at(2, 3, 14), "0.5", at(3, 3, 11, 30)),
        (at(2, 3, 9), "2.5", at(4, 3, 17)),  # five slots: Monday afternoon to Wednesday afternoon
        (at(2, 3, 7), "0.5", at(2, 3, 11, 30)),  # before opening: the morning counts
        (at(2, 3, 7, 30), "0.5", at(2, 3, 11, 30)),  # at opening too
        (at(2, 3, 11, 30), "0.5", at(2, 3, 17)),
        (at(2, 3, 12), "0.5", at(2, 3, 17)),  # at lunch: the afternoon counts
        (at(2, 3, 18), "0.5", at(3, 3, 11, 30)),  # after the afternoon slot ends
        (at(6, 3, 17, 30), "1", at(9, 3, 17)),  # Friday evening → Monday
        (at(7, 3, 10), "0.5", at(9, 3, 11, 30)),  # received on a Saturday
    ],
)
def test_counting_begins_at_the_next_slot_after_receipt(received, days, due):
    assert add_working_time(received, Decimal(days)) == due


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (at(2, 3, 9), at(2, 3, 11, 30)),  # the end of the slot under way
        (at(2, 3, 7), at(2, 3, 11, 30)),
        (at(2, 3, 12), at(2, 3, 17)),  # the end of the next slot
        (at(2, 3, 16, 59), at(2, 3, 17)),
        (at(2, 3, 17), at(3, 3, 11, 30)),
        (at(7, 3, 9), at(9, 3, 11, 30)),  # Saturday → Monday morning
    ],
)
def test_zero_days_ends_with_the_current_or_next_slot(received, due):
    assert add_working_time(received, 0) == due


def test_it_crosses_tet_2026():
    # Tết Bính Ngọ: 16–20/02/2026 are days off, 14–15 and 21–22 are weekends.
    assert add_working_time(at(13, 2, 9), Decimal("0.5")) == at(13, 2, 17)
    assert add_working_time(at(13, 2, 9), 1) == at(23, 2, 11, 30)
    assert add_working_time(at(12, 2, 14), Decimal("2.5")) == at(24, 2, 11, 30)
    assert add_working_time(at(17, 2, 10), Decimal("0.5")) == at(23, 2, 11, 30)  # received during Tết
    assert add_working_time(at(18, 2, 10), 0) == at(23, 2, 11, 30)


def test_a_make_up_saturday_of_the_package_is_worked():
    # 22/08/2026 is worked in exchange for Monday 31/08; 01–02/09 are Quốc khánh.
    assert add_working_time(at(21, 8, 14), Decimal("0.5")) == at(22, 8, 11, 30)
    assert add_working_time(at(22, 8, 14), Decimal("0.5")) == at(24, 8, 11, 30)
    assert add_working_time(at(28, 8, 14), Decimal("0.5")) == at(3, 9, 11, 30)


def test_a_make_up_saturday_override_is_worked(cast):
    assert add_working_time(at(6, 3, 14), Decimal("0.5")) == at(9, 3, 11, 30)
    calendar_override_set(
        day=date(2026, 3, 7), is_working=True, name="Làm bù", legal_basis="Thông báo 02/TB-UBND", actor=cast.leader
    )
    assert add_working_time(at(6, 3, 14), Decimal("0.5")) == at(7, 3, 11, 30)
    assert add_working_time(at(6, 3, 14), Decimal("1")) == at(7, 3, 17)
    assert working_time_between(at(6, 3, 14), at(9, 3, 9)) == Decimal("1.5")  # Saturday, and Monday morning


def test_a_declared_day_off_is_skipped(cast):
    calendar_override_set(
        day=date(2026, 3, 3), is_working=False, name="Nghỉ bổ sung", legal_basis="Thông báo 01/TB-UBND", actor=cast.leader
    )
    assert add_working_time(at(2, 3, 9), 1) == at(4, 3, 11, 30)


def test_the_result_is_in_office_time_whatever_the_input_zone():
    received = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 09:00 in Hà Nội
    due = add_working_time(received, Decimal("0.5"))
    assert due == at(2, 3, 17)
    assert due.tzinfo == VN
    assert due.hour == 17


def test_other_office_hours_come_from_the_settings(settings):
    settings.EOFFICE_ONESTOP_HOURS = ((time(8), time(12)), (time(13), time(17, 30)))
    assert add_working_time(at(2, 3, 7, 45), Decimal("0.5")) == at(2, 3, 12)
    assert add_working_time(at(2, 3, 9), Decimal("0.5")) == at(2, 3, 17, 30)


def test_it_refuses_naive_times_and_impossible_periods():
    with pytest.raises(ValueError, match="aware"):
        add_working_time(datetime(2026, 3, 2, 9), 1)
    for days in (-1, Decimal("0.3"), 5000):
        with pytest.raises(ValidationFailed):
            add_working_time(at(2, 3, 9), days)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (at(2, 3, 9), at(2, 3, 10), "0"),
        (at(2, 3, 9), at(2, 3, 17), "0.5"),
        (at(2, 3, 9), at(3, 3, 9), "1"),  # Monday afternoon and Tuesday morning
        (at(2, 3, 7), at(2, 3, 17), "1"),
        (at(2, 3, 9), at(9, 3, 9), "5"),  # a whole week, weekend not counted
        (at(13, 2, 9), at(23, 2, 9), "1"),  # across Tết: Friday afternoon, Monday morning
        (at(13, 2, 9), at(20, 2, 9), "0.5"),
    ],
)
def test_working_time_between_counts_half_day_slots(start, end, days):
    assert working_time_between(start, end) == Decimal(days)
    assert working_time_between(end, start) == -Decimal(days)


@pytest.mark.parametrize("start", [at(2, 3, 9), at(2, 3, 7), at(2, 3, 12), at(2, 3, 18), at(12, 2, 14), at(7, 3, 9)])
@pytest.mark.parametrize("days", ["0.5", "1", "1.5", "3", "7.5"])
def test_between_measures_back_what_add_counted(start, days):
    assert working_time_between(start, add_working_time(start, Decimal(days))) == Decimal(days)


def test_the_office_hours_setting_is_checked_at_start(monkeypatch):
    monkeypatch.setenv("EOFFICE_ONESTOP_HOURS", "08:00-12:00, 13:00-17:30")
    assert env_office_hours("EOFFICE_ONESTOP_HOURS", "07:30-11:30,13:30-17:00") == (
        (time(8), time(12)),
        (time(13), time(17, 30)),
    )
    for bad in ("08:00-12:00", "12:00-08:00,13:00-17:00", "13:00-17:00,08:00-12:00", "8h-12h,13h-17h"):
        monkeypatch.setenv("EOFFICE_ONESTOP_HOURS", bad)
        with pytest.raises(ImproperlyConfigured, match="EOFFICE_ONESTOP_HOURS"):
            env_office_hours("EOFFICE_ONESTOP_HOURS", "07:30-11:30,13:30-17:00")
