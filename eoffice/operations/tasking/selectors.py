"""Reads of tasks: the list's tabs and filters, what waits for a person, lateness
by unit for the leaders' home page, and the Sổ theo dõi nhiệm vụ's figures.

Overdue and due soon are not statuses: a task is overdue while open (assigned,
in progress) after its deadline day; due soon while open with a deadline from
today up to EOFFICE_TASK_DUE_SOON_DAYS working days ahead. The working-day
calendar only moves forward, so both are date ranges computed once per request."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from eoffice.operations.models import (
    DONE_TASK_STATUSES,
    OPEN_TASK_STATUSES,
    ExtensionRequest,
    ExtensionStatus,
    Task,
    TaskStatus,
)
from eoffice.organisation.models import Agency, Unit
from eoffice.organisation.selectors import Actor
from eoffice.workdays.services import add_working_days

TABS = {
    "waiting": "Chờ tôi xử lý",
    "lead": "Đơn vị tôi chủ trì",
    "coordinate": "Phối hợp",
    "mine": "Tôi giao",
    "all": "Tất cả",
}


def today() -> date:
    return timezone.localdate()


def due_soon_limit(on: date) -> date:
    """The last deadline that counts as due soon on `on`."""
    return add_working_days(on, settings.EOFFICE_TASK_DUE_SOON_DAYS)


def overdue_q(on: date) -> Q:
    return Q(status__in=OPEN_TASK_STATUSES, deadline__lt=on)


def due_soon_q(on: date) -> Q:
    return Q(status__in=OPEN_TASK_STATUSES, deadline__gte=on, deadline__lte=due_soon_limit(on))


def waiting_q(actor: Actor) -> Q:
    """What asks this person to act: an open task they lead (the lead person, or
    the head of the lead unit); a completed task, or an extension request, on a
    task they assigned."""
    acting = actor.acting_user_ids
    # Each branch a condition one index answers (lead person; lead unit and status;
    # assigner and status; the primary key), so the database unites a few index
    # reads instead of filtering every task the person assigned. The pending
    # extension requests are read first (a few ids), not an EXISTS per task.
    pending = ExtensionRequest.objects.filter(status=ExtensionStatus.PENDING, task__assigner_id__in=acting)
    opened = Q(status__in=OPEN_TASK_STATUSES)
    return (
        (Q(lead_person_id__in=acting) & opened)
        | (Q(lead_unit_id__in=actor.head_unit_ids) & opened)
        | Q(assigner_id__in=acting, status=TaskStatus.COMPLETED)
        | Q(pk__in=list(pending.values_list("task_id", flat=True)))
    )


def tasks_waiting_for(actor: Actor) -> QuerySet[Task]:
    """The tasks that wait for `actor` (the "Chờ tôi xử lý" tab; the home page
    takes its `.count()`): two queries' worth of work in one, whatever the number."""
    return Task.objects.filter(agency=actor.agency).filter(waiting_q(actor))


def tab_queryset(actor: Actor, tab: str) -> QuerySet[Task]:
    visible = Task.objects.visible_to(actor)
    if tab == "waiting":
        return visible.filter(waiting_q(actor))
    if tab == "lead":
        return visible.filter(Q(lead_unit_id__in=actor.unit_ids) | Q(lead_person_id__in=actor.acting_user_ids))
    if tab == "coordinate":
        return visible.filter(coordinating_units__in=actor.unit_ids).distinct()
    if tab == "mine":
        return visible.filter(assigner_id__in=actor.acting_user_ids)
    return visible


def may_see_all(actor: Actor) -> bool:
    return actor.sees_whole_agency or actor.is_admin


def may_assign(actor: Actor) -> bool:
    return actor.is_leader or actor.is_clerk


def filter_tasks(
    tasks: QuerySet[Task],
    *,
    status: str | None = None,
    unit: Unit | None = None,
    overdue: bool | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Task]:
    on = today()
    if status:
        tasks = tasks.filter(status=status)
    if unit is not None:
        tasks = tasks.filter(lead_unit=unit)
    if overdue:
        tasks = tasks.filter(overdue_q(on))
    if date_from:
        tasks = tasks.filter(assigned_on__gte=date_from)
    if date_to:
        tasks = tasks.filter(assigned_on__lte=date_to)
    return tasks


def in_list_order(tasks: QuerySet[Task], *, few: bool = False) -> QuerySet[Task]:
    """Open first, then completed, accepted, cancelled; the nearest deadline, the
    newest. `few`: the rows are few (what waits for one person), so they are
    found by their own indexes and sorted, not found by walking the list's index
    (task_agency_list_order), which reaches the completed ones only after every
    open task of the agency: ordering by `list_rank + 0` keeps that index out."""
    rank = F("list_rank") + 0 if few else F("list_rank")
    return tasks.select_related("lead_unit", "lead_person", "assigner").order_by(rank, "deadline", "-assigned_on", "-id")


def mark_timeliness(tasks: list[Task], on: date | None = None) -> list[Task]:
    """Set `overdue` and `due_soon` on each task of a page (no query but the calendar's once)."""
    on = on or today()
    limit = due_soon_limit(on)
    for task in tasks:
        open_with_deadline = task.status in OPEN_TASK_STATUSES and task.deadline is not None
        task.overdue = open_with_deadline and task.deadline < on  # type: ignore[attr-defined,operator]
        task.due_soon = open_with_deadline and on <= task.deadline <= limit  # type: ignore[attr-defined,operator]
    return tasks


def late_by_unit(agency: Agency) -> list[dict[str, Any]]:
    """Overdue open tasks of `agency` per lead unit, most first: one query whatever
    the number of tasks (for the leaders' home page). Each row: `unit_id`,
    `unit` (its name, None for tasks led by a person), `count`. Confidential
    tasks are counted, never named."""
    rows = (
        Task.objects.filter(agency=agency)
        .filter(overdue_q(today()))
        .values("lead_unit_id", "lead_unit__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "lead_unit__name")
    )
    return [{"unit_id": r["lead_unit_id"], "unit": r["lead_unit__name"], "count": r["count"]} for r in rows]


# --------------------------------------------------------------------------- the book's figures
@dataclass
class Figures:
    """One line of the Sổ theo dõi nhiệm vụ (C.7): tasks assigned in the period and
    where they stand today. Ongoing tasks (no deadline) and cancelled ones are
    counted apart and not in the four timeliness columns."""

    unit: str | None
    assigned: int = 0
    on_time: int = 0
    late: int = 0
    within_deadline: int = 0
    overdue: int = 0
    overdue_aged: int = 0
    ongoing: int = 0
    cancelled: int = 0

    @property
    def on_time_rate(self) -> float | None:
        """Completed on time among the tasks that are done or past their deadline (%)."""
        base = self.on_time + self.late + self.overdue
        return round(100 * self.on_time / base, 1) if base else None


def statistics(
    agency: Agency, *, date_from: date | None = None, date_to: date | None = None, on: date | None = None
) -> tuple[list[Figures], Figures]:
    """Per lead unit (and a line for tasks led by a person), with the total: one
    aggregate query. `overdue_aged` counts the overdue tasks late by more than
    EOFFICE_TASK_OVERDUE_AGEING_DAYS calendar days."""
    on = on or today()
    aged_before = on - timedelta(days=settings.EOFFICE_TASK_OVERDUE_AGEING_DAYS)
    done, open_ = Q(status__in=DONE_TASK_STATUSES), Q(status__in=OPEN_TASK_STATUSES)
    dated = Q(deadline__isnull=False)
    tasks = filter_tasks(Task.objects.filter(agency=agency), date_from=date_from, date_to=date_to)
    rows = (
        tasks.values("lead_unit__name")
        .annotate(
            assigned=Count("pk"),
            on_time=Count("pk", filter=done & (Q(deadline__isnull=True) | Q(completed_on__lte=F("deadline")))),
            late=Count("pk", filter=done & dated & Q(completed_on__gt=F("deadline"))),
            within_deadline=Count("pk", filter=open_ & Q(deadline__gte=on)),
            overdue=Count("pk", filter=open_ & Q(deadline__lt=on)),
            overdue_aged=Count("pk", filter=open_ & Q(deadline__lt=aged_before)),
            ongoing=Count("pk", filter=open_ & Q(deadline__isnull=True)),
            cancelled=Count("pk", filter=Q(status=TaskStatus.CANCELLED)),
        )
        .order_by("lead_unit__name")
    )
    counts = ("assigned", "on_time", "late", "within_deadline", "overdue", "overdue_aged", "ongoing", "cancelled")
    found: list[dict[str, Any]] = [dict(row) for row in rows]
    lines = [Figures(row["lead_unit__name"], *(row[name] for name in counts)) for row in found]
    total = Figures(unit="Tổng cộng")
    for line in lines:
        for name in counts:
            setattr(total, name, getattr(total, name) + getattr(line, name))
    return lines, total
