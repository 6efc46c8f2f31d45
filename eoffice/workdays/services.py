"""Working-day arithmetic. Every deadline in eOffice is computed here.

The calendar is the `holidays` package's Vietnam calendar (Tết and Giỗ Tổ from
the lunar calendar, make-up working Saturdays), corrected by the administrator's
CalendarOverride rows, which always win because each year's official schedule is
announced late and may differ from any package.
"""

import math
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import django.dispatch
import holidays
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from eoffice.audit.services import audit_record
from eoffice.core.errors import ValidationFailed
from eoffice.workdays.models import CalendarOverride

if TYPE_CHECKING:
    from eoffice.organisation.models import User

# Sent after the calendar changed, with the affected date range, so that
# modules holding deadlines can recompute the open ones.
calendar_changed = django.dispatch.Signal()

MAX_WORKING_DAYS = 3650


@lru_cache(maxsize=64)
def _package_year(year: int) -> tuple[dict[date, str], frozenset[date]]:
    vn = holidays.VN(years=year, language="vi")  # type: ignore[no-untyped-call]  # holidays leaves the country classes unannotated
    days_off = {day: name for day, name in vn.items() if day.year == year}
    working_weekends = frozenset(d for d in vn.weekend_workdays if d.year == year)
    return days_off, working_weekends


def package_day_name(day: date) -> str | None:
    return _package_year(day.year)[0].get(day)


# Every override (a few dozen a year) is kept in the shared "figures" cache: a page
# computes several deadlines, each once read the table. Any save or delete of a row
# forgets the copy (apps.py), now and again at commit, so no process keeps an old
# calendar past the change but for a racing read, which the expiry bounds.
OVERRIDES_KEY = "workdays:overrides"
OVERRIDES_SECONDS = 300


def _all_overrides() -> dict[date, bool]:
    store = caches["figures"]
    overrides: dict[date, bool] | None = store.get(OVERRIDES_KEY)
    if overrides is None:
        overrides = dict(CalendarOverride.objects.values_list("date", "is_working"))
        store.set(OVERRIDES_KEY, overrides, OVERRIDES_SECONDS)
    return overrides


def forget_overrides(**_: Any) -> None:
    """Drop the cached calendar now and once the change is committed."""
    caches["figures"].delete(OVERRIDES_KEY)
    transaction.on_commit(lambda: caches["figures"].delete(OVERRIDES_KEY))


def overrides_between(start: date, end: date) -> dict[date, bool]:
    return {day: working for day, working in _all_overrides().items() if start <= day <= end}


def window(working_days: int) -> timedelta:
    """Calendar days that surely hold `working_days` working days: weekends and
    the longest Tết break fit several times over."""
    return timedelta(days=working_days * 2 + 60)


def _is_working(day: date, overrides: dict[date, bool]) -> bool:
    if day in overrides:
        return overrides[day]
    days_off, working_weekends = _package_year(day.year)
    if day in working_weekends:
        return True
    return day.weekday() < 5 and day not in days_off


def is_working_day(day: date) -> bool:
    return _is_working(day, overrides_between(day, day))


def add_working_days(start: date, days: Decimal | int | float, *, overrides: dict[date, bool] | None = None) -> date:
    """The date on which a period of `days` working days that begins after
    `start` ends. `start` itself is not counted; half days are allowed and end
    at noon of the returned date (so 0.5 and 1 give the same date). With 0 the
    result is `start` if it is a working day, else the next working day.
    `overrides` (from overrides_between) saves the query when computing many."""
    amount = Decimal(str(days))
    if amount < 0 or amount > MAX_WORKING_DAYS or (amount * 2) % 1:
        raise ValidationFailed(
            "Số ngày làm việc phải từ 0 đến 3650 và là bội số của nửa ngày (0,5).",
            fields={"add": ["Số ngày không hợp lệ."]},
        )
    needed = math.ceil(amount)
    if overrides is None:
        overrides = overrides_between(start, start + window(needed))
    day = start
    if needed == 0:
        while not _is_working(day, overrides):
            day += timedelta(days=1)
        return day
    while needed:
        day += timedelta(days=1)
        if _is_working(day, overrides):
            needed -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative if end < start)."""
    if end < start:
        return -working_days_between(end, start)
    overrides = overrides_between(start, end)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += _is_working(day, overrides)
    return count


def working_days_late(deadlines: Iterable[date | None], on: date) -> dict[date, int]:
    """Working days between each past deadline and `on`, with one query."""
    past = sorted({d for d in deadlines if d and d < on})
    if not past:
        return {}
    overrides = overrides_between(past[0], on)
    result, count, day = {}, 0, on
    # Walk back from `on` once; each deadline's lateness is the count so far.
    for deadline in reversed(past):
        while day > deadline:
            count += _is_working(day, overrides)
            day -= timedelta(days=1)
        result[deadline] = count
    return result


@transaction.atomic
def calendar_override_set(*, day: date, is_working: bool, name: str, legal_basis: str, actor: "User") -> CalendarOverride:
    if not name.strip() or not legal_basis.strip():
        raise ValidationFailed(
            "Cần nhập tên ngày và căn cứ pháp lý của điều chỉnh.",
            fields={"legal_basis": ["Trường này là bắt buộc."]},
        )
    override, _ = CalendarOverride.objects.update_or_create(
        date=day,
        defaults={"is_working": is_working, "name": name, "legal_basis": legal_basis, "created_by": actor},
    )
    kind = "ngày làm việc" if is_working else "ngày nghỉ"
    audit_record(
        actor=actor,
        action="calendar.override_set",
        obj=override,
        summary=f"Đặt {day:%d/%m/%Y} là {kind}: {name} ({legal_basis})",
    )
    # Inside the transaction: deadlines and calendar change together or not at all.
    calendar_changed.send(sender=CalendarOverride, start=day, actor=actor)
    return override


@transaction.atomic
def calendar_override_remove(*, override: CalendarOverride, actor: "User") -> None:
    day = override.date
    audit_record(
        actor=actor,
        action="calendar.override_remove",
        obj=override,
        summary=f"Bỏ điều chỉnh ngày {day:%d/%m/%Y}: {override.name}",
    )
    CalendarOverride.objects.filter(pk=override.pk).delete()
    # Inside the transaction: deadlines and calendar change together or not at all.
    calendar_changed.send(sender=CalendarOverride, start=day, actor=actor)


def year_calendar(year: int) -> list[dict[str, Any]]:
    """Non-working weekdays and working weekend days of a year, for the admin page."""
    days_off, working_weekends = _package_year(year)
    rows = {d: {"date": d, "is_working": False, "name": n, "source": "package"} for d, n in days_off.items()}
    for d in working_weekends:
        rows[d] = {"date": d, "is_working": True, "name": "Ngày làm bù", "source": "package"}
    for o in CalendarOverride.objects.filter(date__year=year):
        rows[o.date] = {
            "date": o.date,
            "is_working": o.is_working,
            "name": o.name,
            "source": "override",
            "legal_basis": o.legal_basis,
            "id": o.pk,
        }
    return [rows[d] for d in sorted(rows)]


# --------------------------------------------------------------------------- working time in half days
# One-stop deadlines (thời hạn giải quyết hồ sơ) are counted in half-day slots:
# the morning and the afternoon of each working day (settings.EOFFICE_ONESTOP_HOURS).
# A slot counts only if it begins at or after the moment counting starts, so a
# dossier received during the morning starts its clock in the afternoon.


def _half_days(days: Decimal | int | float) -> int:
    amount = Decimal(str(days))
    if amount < 0 or amount > MAX_WORKING_DAYS or (amount * 2) % 1:
        raise ValidationFailed(
            "Số ngày làm việc phải từ 0 đến 3650 và là bội số của nửa ngày (0,5).",
            fields={"days": ["Số ngày không hợp lệ."]},
        )
    return int(amount * 2)


def _office_time(moment: datetime) -> datetime:
    if timezone.is_naive(moment):
        raise ValueError("Working time needs an aware datetime.")
    return timezone.localtime(moment, timezone.get_default_timezone())


def _slots_from(day: date, overrides: dict[date, bool]) -> Iterator[tuple[datetime, datetime]]:
    """(start, end) of every half-day slot of the working days from `day` on, in order."""
    zone = timezone.get_default_timezone()
    while True:
        if _is_working(day, overrides):
            for begins, ends in settings.EOFFICE_ONESTOP_HOURS:
                yield datetime.combine(day, begins, tzinfo=zone), datetime.combine(day, ends, tzinfo=zone)
        day += timedelta(days=1)


def add_working_time(start: datetime, days: Decimal | int | float) -> datetime:
    """The end of a period of `days` working days (multiples of 0.5) counted in
    half-day slots from the first slot that begins at or after `start`: received
    Monday 09:00, 0.5 day ends Monday 17:00 and 1 day Tuesday 11:30. With 0 days,
    the end of the slot under way at `start`, else of the next one. The result is
    in the office's time zone."""
    remaining = _half_days(days)
    start = _office_time(start)
    overrides = overrides_between(start.date(), start.date() + window(math.ceil(remaining / 2)))
    for slot_start, slot_end in _slots_from(start.date(), overrides):
        if remaining == 0:
            if slot_end > start:
                return slot_end
        elif slot_start >= start:
            remaining -= 1
            if remaining == 0:
                return slot_end
    raise AssertionError("unreachable: the slots never end")  # pragma: no cover


def working_time_between(start: datetime, end: datetime) -> Decimal:
    """Working days, in half days, between two moments: the slots that begin at
    or after `start` and before `end` (negative if end < start). For d > 0,
    working_time_between(t, add_working_time(t, d)) == d, so a period measured
    here (a dossier's pause) can be added back with add_working_time."""
    if end < start:
        return -working_time_between(end, start)
    start, end = _office_time(start), _office_time(end)
    overrides = overrides_between(start.date(), end.date())
    count = 0
    for slot_start, _ in _slots_from(start.date(), overrides):
        if slot_start >= end:
            break
        count += slot_start >= start
    return Decimal(count) / 2
