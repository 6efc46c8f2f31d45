"""Reads of incoming documents: inboxes, registers and the lateness report."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Q

from eoffice.incoming.models import (
    Assignment,
    AssignmentKind,
    IncomingDocument,
    Status,
)
from eoffice.organisation.selectors import Actor, today
from eoffice.workdays.services import add_working_days, working_days_late

TABS = {
    "waiting": "Chờ xử lý",
    "due_soon": "Sắp đến hạn",
    "overdue": "Quá hạn",
    "done": "Đã xử lý",
}


@dataclass
class InboxItem:
    document: IncomingDocument
    assignment: Assignment | None
    days_late: int = 0  # working days past the deadline, for open items

    @property
    def deadline(self) -> date | None:
        return self.assignment.deadline if self.assignment else self.document.due_date

    @property
    def is_open(self) -> bool:
        return self.assignment.is_open if self.assignment else True


def inbox_items(documents, assignments) -> list[InboxItem]:
    """Inbox rows with their lateness in working days (one calendar query)."""
    items = [InboxItem(d, None) for d in documents] + [InboxItem(a.document, a) for a in assignments]
    late = working_days_late([i.deadline for i in items if i.is_open], today())
    for item in items:
        item.days_late = late.get(item.deadline, 0) if item.is_open else 0
    return items


def inbox_assignments(actor: Actor, tab: str):
    """Assignments for one inbox tab, most urgent first. Constant query count:
    one query for the page, whatever the number of documents."""
    qs = Assignment.objects.for_actor(actor).select_related("document", "unit", "user")
    now = today()
    if tab == "done":
        return qs.filter(is_open=False).exclude(status="cancelled").order_by("-completed_at", "-id")
    qs = qs.open()
    if tab == "due_soon":
        horizon = add_working_days(now, settings.EOFFICE_DUE_SOON_DAYS)
        qs = qs.filter(deadline__gte=now, deadline__lte=horizon)
    elif tab == "overdue":
        qs = qs.filter(deadline__lt=now).exclude(kind=AssignmentKind.INFORM)
    return qs.order_by("-priority", "deadline", "id")


def registry_queue(actor: Actor):
    """The clerk's own queue: registered or returned documents not yet submitted."""
    if not actor.is_clerk:
        return IncomingDocument.objects.none()
    return (
        IncomingDocument.objects.visible_to(actor)
        .filter(status__in=[Status.REGISTERED, Status.RETURNED])
        .order_by("-priority", "-arrival_date", "-arrival_number")
    )


def inbox_counts(actor: Actor) -> dict[str, int]:
    now = today()
    horizon = add_working_days(now, settings.EOFFICE_DUE_SOON_DAYS)
    open_items = Assignment.objects.for_actor(actor).open()
    counts = open_items.aggregate(
        waiting=Count("id"),
        due_soon=Count("id", filter=Q(deadline__gte=now, deadline__lte=horizon)),
        overdue=Count("id", filter=Q(deadline__lt=now) & ~Q(kind=AssignmentKind.INFORM)),
    )
    counts["waiting"] += registry_queue(actor).count()
    return counts


def document_filters(qs, params):
    """Filters shared by the document list page, the API and the register export."""
    if params.get("q"):
        qs = qs.search(params["q"])
    for name in ("status", "type_name", "source"):
        if params.get(name):
            qs = qs.filter(**{name: params[name]})
    for name in ("priority", "confidentiality"):
        value = params.get(name)
        if value not in (None, "") and str(value).isdigit():
            qs = qs.filter(**{name: int(value)})
    if params.get("date_from"):
        qs = qs.filter(arrival_date__gte=params["date_from"])
    if params.get("date_to"):
        qs = qs.filter(arrival_date__lte=params["date_to"])
    if params.get("year"):
        qs = qs.filter(arrival_date__year=params["year"])
    return qs


def register_rows(actor: Actor, *, date_from: date, date_to: date):
    """Sổ đăng ký văn bản đến (ordinary register only: confidential documents
    are kept in their own register and never appear here)."""
    return (
        IncomingDocument.objects.visible_to(actor)
        .filter(arrival_date__range=(date_from, date_to), confidentiality=0)
        .select_related("register")
        .prefetch_related("assignments__unit", "assignments__user")
        .order_by("arrival_date", "arrival_number")
    )


def late_assignments(actor: Actor):
    """Who is late (leaders and the registry: the whole agency; unit heads: their units)."""
    qs = Assignment.objects.open().filter(document__agency=actor.agency, deadline__lt=today())
    qs = qs.exclude(kind__in=[AssignmentKind.INFORM, AssignmentKind.REVIEW])
    if not actor.sees_whole_agency:
        qs = qs.filter(unit_id__in=list(actor.head_unit_ids))
    qs = qs.filter(document__confidentiality=0) | qs.filter(document__grants__user_id__in=list(actor.acting_user_ids))
    return qs.select_related("document", "unit", "user").distinct().order_by("deadline")
