"""What the home page shows the agency's leaders: who is late, by unit, and
how often each unit finishes on time. Each panel reads through the selectors
of the app that owns the records (the incoming lateness report, the one-stop
statistics, the tasks), so its numbers are those of the page it links to.

The panels are agency-wide overview figures: counting them reads every late
assignment, task and this year's dossiers and completions (O(records), over a
second at 1M documents), so they are computed by the job `home.tasks.
leader_panels_refresh` every EOFFICE_LEADER_PANELS_MINUTES for every hosted
agency and kept in the "figures" cache (shared by the worker and the web
processes), one entry per agency (`overview_key`). The page reads them and sends
no query for them; on a miss (first start, cache evicted, no worker) it computes
them and stores them. Each panel says when its figures were computed. The cache
holds plain data only (unit ids, names, counts, urls, dates): titles and the
"person" label are rendered at display time, in the reader's language.

The on-time chart's days before today have a cache of their own (on_time.py):
the job adds today's completions to them."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from eoffice.core.text import fold
from eoffice.home.chart import Chart, Rate, bar_chart
from eoffice.home.on_time import figures_cache, year_to_date_rates
from eoffice.incoming.reports.selectors import agency_late_assignments
from eoffice.onestop.statistics.queries import dossier_statistics, preset_period
from eoffice.operations.tasking.selectors import late_by_unit
from eoffice.organisation.models import Agency
from eoffice.organisation.selectors import Actor


@dataclass(frozen=True)
class UnitFigure:
    """One unit's row of a panel: a count and the list that shows those items."""

    label: str
    value: int
    url: str
    rate: float | None = None  # on-time rate in % where the panel has one


@dataclass
class Panel:
    key: str
    title: str | Promise
    rows: list[UnitFigure] = field(default_factory=list)
    total: int = 0
    more_url: str = ""
    template: str = "home/_panel.html"
    chart: Chart | None = None
    period: tuple[date, date] | None = None  # the panel's rows carry an on-time rate over it
    computed_at: datetime | None = None  # when the overview figures were computed (cached)


def this_year(today: date) -> tuple[date, date]:
    """The leaders' panels measure this calendar year, to today (as the annual reports do)."""
    return date(today.year, 1, 1), today


# The overview figures of one panel as cached: plain data only. Each row is
# {"unit_id", "label" (None: tasks of a person, labelled at display), "value", "url", "rate"}.
Figures = dict[str, Any]


def row(unit_id: int | None, label: str | None, value: int, url: str, rate: float | None = None) -> dict[str, Any]:
    return {"unit_id": unit_id, "label": label, "value": value, "url": url, "rate": rate}


def by_count(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Most late first, then by name (the person's row last among equals)."""
    return sorted(rows, key=lambda r: (-r["value"], r["label"] is None, fold(r["label"] or "")))


# --------------------------------------------------------------------------- late incoming documents
def late_documents(agency: Agency, today: date) -> Figures:
    """Văn bản đến quá hạn theo đơn vị: the agency's open assignments past their
    deadline (the lateness report's), counted per unit, each linking to the
    report for that unit. Agency-wide whoever reads it: confidential documents
    are counted too (as the late tasks are), but listed in the report only to
    those granted access; the figures carry no title."""
    per_unit = agency_late_assignments(agency).values("unit_id", "unit__name").annotate(n=Count("pk")).order_by()
    report = reverse("incoming-late")
    rows = [row(r["unit_id"], r["unit__name"], r["n"], f"{report}?unit={r['unit_id'] or 0}") for r in per_unit]
    return {"rows": by_count(rows), "total": sum(r["value"] for r in rows), "more_url": report}


# --------------------------------------------------------------------------- late tasks
def late_tasks(agency: Agency, today: date) -> Figures:
    """Nhiệm vụ quá hạn theo đơn vị chủ trì: open tasks past their deadline, each
    unit's count linking to the task list filtered to it. Confidential tasks are
    counted here but listed only to those who may see them."""
    url = reverse("operations:task-list") + "?tab=all&overdue=on"
    rows = [
        row(r["unit_id"], r["unit"], r["count"], url + (f"&unit={r['unit_id']}" if r["unit_id"] else ""))
        for r in late_by_unit(agency)
    ]
    return {"rows": rows, "total": sum(r["value"] for r in rows), "more_url": url}


# --------------------------------------------------------------------------- late dossiers
def late_dossiers(agency: Agency, today: date) -> Figures:
    """Hồ sơ một cửa quá hạn theo đơn vị: the statistics by unit for this year
    (a dossier counts under every unit that has a step in it); the overdue are
    those open and past their appointment now. Links to the statistics page."""
    start, end = preset_period("year", today)
    stats = dossier_statistics(agency=agency, start=start, end=end, group_by="unit")
    url = reverse("onestop:statistics") + "?period=year&group_by=unit"
    rows = [row(r.key, r.label, r.overdue, url, r.on_time_rate) for r in stats if not r.is_total and (r.overdue or r.resolved)]
    return {"rows": by_count(rows), "total": stats[-1].overdue, "more_url": url, "period": (start, today)}


# The overview panels, in the page's order: key -> (title, figures of an agency).
OVERVIEW: dict[str, tuple[str | Promise, Callable[[Agency, date], Figures]]] = {
    "late_documents": (_("Văn bản đến quá hạn theo đơn vị"), late_documents),
    "late_tasks": (_("Nhiệm vụ quá hạn theo đơn vị"), late_tasks),
    "late_dossiers": (_("Hồ sơ một cửa quá hạn theo đơn vị"), late_dossiers),
}


def overview_key(agency: Agency) -> str:
    return f"home:leader-panels:{agency.pk}"


def on_time_figures(agency: Agency, today: date) -> Figures:
    """Tỉ lệ xử lý văn bản đúng hạn theo đơn vị, this year to now: per unit
    (id, name, on time, completed), the days before today from their own cache."""
    rates = year_to_date_rates(agency, today).rates
    return {"rates": [(r.unit_id, r.label, r.on_time, r.completed) for r in rates], "period": this_year(today)}


def compute_overview(agency: Agency, today: date | None = None) -> dict[str, Any]:
    """Every panel's figures for `agency`, computed now and cached: kept twice
    the job's period, so a stopped worker means figures recomputed by the page
    rather than figures growing old."""
    today = today or timezone.localdate()
    panels = {key: figures(agency, today) for key, (_, figures) in OVERVIEW.items()}
    overview = {"computed_at": timezone.now(), "panels": panels, "on_time": on_time_figures(agency, today)}
    figures_cache().set(overview_key(agency), overview, timeout=2 * 60 * settings.EOFFICE_LEADER_PANELS_MINUTES)
    return overview


def cached_overview(agency: Agency, today: date) -> dict[str, Any]:
    """The cached figures of `agency`, computed and stored on a miss."""
    return figures_cache().get(overview_key(agency)) or compute_overview(agency, today)


def refresh_overviews() -> int:
    """Every hosted agency's overview recomputed and cached (the periodic job); returns how many."""
    agencies = list(Agency.objects.filter(hosted=True))
    for agency in agencies:
        compute_overview(agency)
    return len(agencies)


def overview_panel(key: str, figures: Figures, computed_at: datetime) -> Panel:
    """A cached panel's figures as the page shows them, labels in the reader's language."""
    person = str(_("Cá nhân được giao"))
    rows = [UnitFigure(r["label"] or person, r["value"], r["url"], r["rate"]) for r in figures["rows"]]
    title = OVERVIEW[key][0]
    return Panel(key, title, rows, figures["total"], figures["more_url"], period=figures.get("period"), computed_at=computed_at)


def chart_panel(overview: dict[str, Any]) -> Panel:
    """The on-time rates of the cached overview as a bar chart."""
    figures = overview["on_time"]
    chart = bar_chart([Rate(*rate) for rate in figures["rates"]])
    title = _("Tỉ lệ xử lý văn bản đến đúng hạn theo đơn vị")
    return Panel(
        "on_time", title, total=len(chart.bars), template="home/_chart.html", chart=chart,
        period=figures["period"], computed_at=overview["computed_at"],
    )  # fmt: skip


def leader_panels(actor: Actor, today: date) -> list[Panel]:
    """The panels for the agency's leaders (lãnh đạo cơ quan); nothing for anyone else."""
    if not actor.is_leader:
        return []
    overview = cached_overview(actor.agency, today)
    late = [overview_panel(key, figures, overview["computed_at"]) for key, figures in overview["panels"].items()]
    return [*late, chart_panel(overview)]
