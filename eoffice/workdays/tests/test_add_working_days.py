from datetime import date

import pytest

from eoffice.core.errors import ValidationFailed
from eoffice.workdays.services import (
    add_working_days,
    calendar_override_remove,
    calendar_override_set,
    is_working_day,
    working_days_between,
    working_days_late,
)

pytestmark = pytest.mark.django_db


def test_it_skips_the_weekend():
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Friday → Monday


def test_it_crosses_tet_2026():
    # Tết Bính Ngọ: 16–20/02/2026 are days off, 14–15 and 21–22 are weekends.
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert add_working_days(date(2026, 2, 12), 3) == date(2026, 2, 24)


def test_a_make_up_saturday_is_a_working_day():
    assert is_working_day(date(2026, 8, 22))  # làm bù for 31/08/2026
    assert not is_working_day(date(2026, 8, 31))
    assert add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)


def test_hung_kings_day_observed_is_off():
    assert not is_working_day(date(2026, 4, 27))


def test_half_days_end_on_the_day_they_start():
    assert add_working_days(date(2026, 3, 2), 0.5) == date(2026, 3, 3)
    assert add_working_days(date(2026, 3, 2), 1.5) == date(2026, 3, 4)


def test_zero_days_moves_a_holiday_to_the_next_working_day():
    assert add_working_days(date(2026, 2, 17), 0) == date(2026, 2, 23)
    assert add_working_days(date(2026, 3, 2), 0) == date(2026, 3, 2)


@pytest.mark.parametrize("days", [-1, 0.3, 5000])
def test_it_refuses_impossible_periods(days):
    with pytest.raises(ValidationFailed):
        add_working_days(date(2026, 3, 2), days)


def test_working_days_between_counts_only_working_days():
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 24)) == 2
    assert working_days_between(date(2026, 2, 24), date(2026, 2, 13)) == -2


def test_an_override_wins_over_the_package(cast):
    calendar_override_set(
        day=date(2026, 3, 9), is_working=False, name="Nghỉ bổ sung", legal_basis="Thông báo 01/TB-UBND", actor=cast.leader
    )
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 10)
    override = calendar_override_set(
        day=date(2026, 3, 7), is_working=True, name="Làm bù", legal_basis="Thông báo 02/TB-UBND", actor=cast.leader
    )
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 7)
    calendar_override_remove(override=override, actor=cast.leader)
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 10)


def test_an_override_needs_its_legal_basis(cast):
    with pytest.raises(ValidationFailed):
        calendar_override_set(day=date(2026, 3, 9), is_working=False, name="Nghỉ", legal_basis=" ", actor=cast.leader)


def test_lateness_in_one_pass_matches_counting_each_deadline():
    on = date(2026, 3, 2)
    deadlines = [date(2026, 2, 10), date(2026, 2, 13), date(2026, 2, 27), on, date(2026, 4, 1)]
    late = working_days_late(deadlines, on)
    assert late == {d: working_days_between(d, on) for d in deadlines[:3]}
    assert late[date(2026, 2, 13)] == 6  # 23, 24, 25, 26, 27 Feb and 2 Mar: Tết is not counted


def test_the_calendar_is_read_once_and_every_change_is_seen_at_once(cast, django_assert_num_queries):
    """The overrides are kept in the shared cache; any save or delete of a row,
    through the services or not, is seen by the next computation."""
    from eoffice.workdays.models import CalendarOverride

    friday = date(2026, 3, 6)
    assert add_working_days(friday, 1) == date(2026, 3, 9)
    with django_assert_num_queries(0):
        assert add_working_days(friday, 1) == date(2026, 3, 9)
        assert is_working_day(date(2026, 3, 9))
    override = CalendarOverride.objects.create(date=date(2026, 3, 9), is_working=False, name="Nghỉ", legal_basis="QĐ 1")
    assert add_working_days(friday, 1) == date(2026, 3, 10)
    override.is_working = True  # a make-up day after all
    override.save()
    assert add_working_days(friday, 1) == date(2026, 3, 9)
    override.date = date(2026, 3, 10)
    override.is_working = False
    override.save()
    assert add_working_days(friday, 1) == date(2026, 3, 9) and add_working_days(friday, 2) == date(2026, 3, 11)
    override.delete()
    assert add_working_days(friday, 1) == date(2026, 3, 9)
