"""The on-time chart's figures: per unit, its tasks on incoming documents (chủ
trì, phối hợp) completed in a period and how many of them by the deadline.

This year's figures read every unit task completed since 1 January: O(documents),
the leaders' page's heaviest statement (docs/benchmarks.md). The days before
today do not change during a day (a completion is dated when it happens), so
`year_to_date_rates` keeps the per-unit tally of [1 January, yesterday] in the
"figures" cache (`figures_cache`, shared by the worker and the web processes),
one entry per agency and day expiring at the next midnight, and adds today's
completions (a range of `assignment_completed_at`). The nightly job `home.tasks.
on_time_figures_nightly` fills it before the first leader comes; the leaders'
overview job (leaders.py) then adds today's every few minutes. What can change an
earlier day's figure during the day (a unit renamed, a deadline moved after
completion) shows from the next day."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.cache import BaseCache, caches
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from eoffice.core.text import fold
from eoffice.home.chart import Rate
from eoffice.incoming.models import Assignment, AssignmentKind, AssignmentStatus
from eoffice.organisation.models import Agency

# unit id -> (unit name, on time, completed)
Tallies = dict[int | None, tuple[str, int, int]]


@dataclass(frozen=True)
class YearRates:
    rates: list[Rate]
    through: date | None  # the last day of the cached part (yesterday); None on 1 January
    computed_at: datetime  # when the cached part was computed


def figures_cache() -> BaseCache:
    """Where jobs leave figures for the pages (settings.CACHES["figures"])."""
    return caches["figures"]


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(), timezone.get_default_timezone())


def _tallies(agency: Agency, begins: datetime, ends: datetime, split: datetime) -> tuple[Tallies, Tallies]:
    """One aggregate query: per unit, the completions in [begins, ends) before
    `split` and those from `split` on, each (name, on time, completed)."""
    zone = timezone.get_default_timezone()
    done = Assignment.objects.filter(
        agency=agency,
        kind__in=[AssignmentKind.LEAD, AssignmentKind.COORDINATE],
        parent__isnull=True,
        user__isnull=True,
        status=AssignmentStatus.DONE,
        deadline__isnull=False,
        completed_at__gte=begins,
        completed_at__lt=ends,
    )
    before, since = Q(completed_at__lt=split), Q(completed_at__gte=split)
    on_time = Q(completed_on__lte=F("deadline"))
    per_unit = (
        done.alias(completed_on=TruncDate("completed_at", tzinfo=zone))
        .values("unit_id", "unit__name")
        .annotate(
            before=Count("pk", filter=before),
            before_on_time=Count("pk", filter=before & on_time),
            since=Count("pk", filter=since),
            since_on_time=Count("pk", filter=since & on_time),
        )
        .order_by()
    )
    earlier: Tallies = {}
    later: Tallies = {}
    for row in per_unit:
        if row["before"]:
            earlier[row["unit_id"]] = (row["unit__name"], row["before_on_time"], row["before"])
        if row["since"]:
            later[row["unit_id"]] = (row["unit__name"], row["since_on_time"], row["since"])
    return earlier, later


def as_rates(*parts: Tallies) -> list[Rate]:
    """The parts summed per unit (the latest part's unit name wins), by name."""
    total: dict[int | None, list] = {}
    for part in parts:
        for unit_id, (label, on_time, completed) in part.items():
            figures = total.setdefault(unit_id, [label, 0, 0])
            figures[0], figures[1], figures[2] = label, figures[1] + on_time, figures[2] + completed
    rates = [Rate(unit_id, label, on_time, completed) for unit_id, (label, on_time, completed) in total.items()]
    return sorted(rates, key=lambda rate: fold(rate.label))


def on_time_rates(agency: Agency, start: date, end: date) -> list[Rate]:
    """Per unit, its tasks completed between `start` and `end` (office days, both
    included) and how many by the deadline: one aggregate query, nothing cached."""
    ends = midnight(end + timedelta(days=1))
    earlier, _ = _tallies(agency, midnight(start), ends, split=ends)
    return as_rates(earlier)


def cache_key(agency: Agency, today: date) -> str:
    return f"home:on-time:{agency.pk}:{today.year}:{today.isoformat()}"


def year_to_date_rates(agency: Agency, today: date) -> YearRates:
    """The figures of `on_time_rates(agency, 1 January, today)`: the days before
    today from the cache (computed by the same query on a miss), today live.
    One query either way, so the page's count does not depend on the cache."""
    key, today_begins, tomorrow = cache_key(agency, today), midnight(today), midnight(today + timedelta(days=1))
    cache = figures_cache()
    cached = cache.get(key)
    begins = today_begins if cached is not None else midnight(date(today.year, 1, 1))
    earlier, live = _tallies(agency, begins, tomorrow, split=today_begins)
    if cached is None:
        cached = {"computed_at": timezone.now(), "units": earlier}
        # Expires at the next midnight, when yesterday's key is no longer asked for anyway.
        cache.set(key, cached, timeout=max(int((tomorrow - timezone.now()).total_seconds()), 1))
    through = today - timedelta(days=1) if today.timetuple().tm_yday > 1 else None
    return YearRates(as_rates(cached["units"], live), through, cached["computed_at"])


def warm_year_to_date(today: date | None = None) -> int:
    """Every hosted agency's cached part for `today` (the nightly job); returns how many."""
    today = today or timezone.localdate()
    agencies = list(Agency.objects.filter(hosted=True))
    for agency in agencies:
        year_to_date_rates(agency, today)
    return len(agencies)
