"""What the home page shows the agency's leaders: who is late, by unit, and
how often each unit finishes on time. Each panel reads through the selectors
of the app that owns the records (the incoming lateness report, the one-stop
statistics), so its numbers are those of the page it links to. A panel is one
function of PANELS, `(actor, today) -> Panel | None`."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from eoffice.core.text import fold
from eoffice.home.chart import Chart, bar_chart
from eoffice.home.on_time import YearRates, year_to_date_rates
from eoffice.incoming.reports.selectors import late_assignments
from eoffice.onestop.statistics.queries import dossier_statistics, preset_period
from eoffice.operations.tasking.selectors import late_by_unit
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
    as_of: YearRates | None = None  # how fresh the figures are, when part of them is cached


def this_year(today: date) -> tuple[date, date]:
    """The leaders' panels measure this calendar year, to today (as the annual reports do)."""
    return date(today.year, 1, 1), today


# --------------------------------------------------------------------------- late tasks
def late_tasks_panel(actor: Actor, today: date) -> Panel:
    """Nhiệm vụ quá hạn theo đơn vị chủ trì: open tasks past their deadline, each
    unit's count linking to the task list filtered to it. Confidential tasks are
    counted here but listed only to those who may see them."""
    url = reverse("operations:task-list") + "?tab=all&overdue=on"
    rows = [
        UnitFigure(r["unit"] or str(_("Cá nhân được giao")), r["count"], url + (f"&unit={r['unit_id']}" if r["unit_id"] else ""))
        for r in late_by_unit(actor.agency)
    ]
    return Panel("late_tasks", _("Nhiệm vụ quá hạn theo đơn vị"), rows, sum(r.value for r in rows), url)


# --------------------------------------------------------------------------- late incoming documents
def late_documents_panel(actor: Actor, today: date) -> Panel:
    """Văn bản đến quá hạn theo đơn vị: the lateness report's open assignments
    past their deadline, counted per unit, each linking to the report for that unit."""
    per_unit = late_assignments(actor).values("unit_id", "unit__name").annotate(n=Count("pk")).order_by()
    report = reverse("incoming-late")
    rows = [
        UnitFigure(row["unit__name"] or str(_("Cá nhân được giao")), row["n"], f"{report}?unit={row['unit_id'] or 0}")
        for row in per_unit
    ]
    rows.sort(key=lambda row: (-row.value, fold(row.label)))
    return Panel("late_documents", _("Văn bản đến quá hạn theo đơn vị"), rows, sum(r.value for r in rows), report)


# --------------------------------------------------------------------------- late dossiers
def late_dossiers_panel(actor: Actor, today: date) -> Panel:
    """Hồ sơ một cửa quá hạn theo đơn vị: the statistics by unit for this year
    (a dossier counts under every unit that has a step in it); the overdue are
    those open and past their appointment now. Links to the statistics page."""
    start, end = preset_period("year", today)
    rows = dossier_statistics(agency=actor.agency, start=start, end=end, group_by="unit")
    url = reverse("onestop:statistics") + "?period=year&group_by=unit"
    figures = [UnitFigure(r.label, r.overdue, url, r.on_time_rate) for r in rows if not r.is_total and (r.overdue or r.resolved)]
    figures.sort(key=lambda row: (-row.value, fold(row.label)))
    return Panel("late_dossiers", _("Hồ sơ một cửa quá hạn theo đơn vị"), figures, rows[-1].overdue, url, period=(start, today))


# --------------------------------------------------------------------------- on-time rate
def on_time_panel(actor: Actor, today: date) -> Panel:
    """Tỉ lệ xử lý văn bản đúng hạn theo đơn vị, this year, as a bar chart."""
    start, end = this_year(today)
    figures = year_to_date_rates(actor.agency, today)  # the days before today cached (on_time.py)
    chart = bar_chart(figures.rates)
    title = _("Tỉ lệ xử lý văn bản đến đúng hạn theo đơn vị")
    return Panel(
        "on_time", title, total=len(chart.bars), template="home/_chart.html", chart=chart, period=(start, end), as_of=figures
    )


PanelFunction = Callable[[Actor, date], Panel | None]
PANELS: list[PanelFunction] = [late_documents_panel, late_tasks_panel, late_dossiers_panel, on_time_panel]


def leader_panels(actor: Actor, today: date) -> list[Panel]:
    """The panels for the agency's leaders (lãnh đạo cơ quan); nothing for anyone else."""
    if not actor.is_leader:
        return []
    return [panel for function in PANELS if (panel := function(actor, today)) is not None]
