"""Reads of incoming documents: the inboxes, the registry's queue and the
filters of the document list and the API. The registers and the lateness
report read in reports/selectors.py."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from django.conf import settings
from django.db.models import Count, Q

from eoffice.incoming.models import (
    Assignment,
    AssignmentKind,
    AssignmentStatus,
    IncomingDocument,
    Status,
)
from eoffice.organisation.models import User
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
    late: dict[Any, int] = working_days_late([i.deadline for i in items if i.is_open], today())
    for item in items:
        item.days_late = late.get(item.deadline, 0) if item.is_open else 0
    return items


# Done tabs are not totalled beyond this: a leader has hundreds of thousands.
DONE_COUNT_CAP = 1000


class MergedInbox:
    """An inbox read as one sorted sequence from two branches, each served in
    order by its own partial index: the actor's own items (and those of whom
    they act for) and the items of the units they head. An OR of the two would
    make the database sort every open item of the unit; reading the first rows
    of each branch and merging them keeps a page O(page size), in a constant
    number of queries (one per branch). Works with Django's Paginator."""

    def __init__(self, branches, order: tuple[str, ...], *, count_cap: int | None = None):
        self.branches, self.order, self.count_cap = branches, order, count_cap

    def filter(self, *args, **kwargs) -> "MergedInbox":
        return MergedInbox([b.filter(*args, **kwargs) for b in self.branches], self.order, count_cap=self.count_cap)

    def map(self, change) -> "MergedInbox":
        """The same inbox with `change(queryset)` applied to each branch (e.g. fewer columns)."""
        return MergedInbox([change(b) for b in self.branches], self.order, count_cap=self.count_cap)

    def count(self) -> int:
        # order_by(): a capped count must not sort every finished item first.
        if self.count_cap is None:
            return sum(b.order_by().count() for b in self.branches)
        return min(self.count_cap, sum(b.order_by()[: self.count_cap].count() for b in self.branches))

    def __len__(self) -> int:
        return self.count()

    def exists(self) -> bool:
        return any(b.exists() for b in self.branches)

    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1][0]
        stop = index.stop if index.stop is not None else self.count()
        rows = [row for b in self.branches for row in b.order_by(*self.order)[:stop]]
        rows.sort(key=self._key)
        return rows[index.start or 0 : stop]

    def __iter__(self):
        return iter(self[:])

    def _key(self, a: Assignment):
        if self.order[0] == "-completed_at":
            return (-cast(datetime, a.completed_at).timestamp(), -a.pk)  # this tab lists completed ones
        # Urgent first, then by deadline (overdue ones first), items without a deadline last.
        return (-a.priority, a.deadline is None, a.deadline or date.min, a.pk)


OPEN_ORDER = ("-priority", "deadline", "id")  # the open tabs' order (MergedInbox._key mirrors it)


def _branches(actor: Actor, **filters):
    base = Assignment.objects.filter(**filters).select_related("document", "unit", "user")
    branches = [base.filter(user_id__in=list(actor.acting_user_ids), agency=actor.agency)]
    if actor.head_unit_ids:  # units belong to one agency: no agency filter needed
        branches.append(base.filter(unit_id__in=list(actor.head_unit_ids), user__isnull=True))
    return branches


def inbox_assignments(actor: Actor, tab: str) -> MergedInbox:
    """Assignments for one inbox tab, most urgent first."""
    now = today()
    if tab == "done":
        branches = [b.exclude(status="cancelled") for b in _branches(actor, is_open=False)]
        return MergedInbox(branches, ("-completed_at", "-id"), count_cap=DONE_COUNT_CAP)
    branches = _branches(actor, is_open=True)
    if tab == "due_soon":
        horizon = add_working_days(now, settings.EOFFICE_DUE_SOON_DAYS)
        branches = [b.filter(deadline__gte=now, deadline__lte=horizon) for b in branches]
    elif tab == "overdue":
        branches = [b.filter(deadline__lt=now).exclude(kind=AssignmentKind.INFORM) for b in branches]
    else:
        # Items without a deadline (for information) go after those with one on every
        # engine (SQLite sorts NULL first, PostgreSQL last): each half is its own
        # branch, read in index order and merged by MergedInbox._key.
        branches = [b.filter(deadline__isnull=missing) for b in branches for missing in (False, True)]
    return MergedInbox(branches, OPEN_ORDER)


def inbox_due_by(actor: Actor, day: date) -> MergedInbox:
    """Open items due on or before `day` (late ones included), in inbox order: one
    query per branch (the "waiting" tab's half without a deadline has none to match)."""
    return MergedInbox([b.filter(deadline__lte=day) for b in _branches(actor, is_open=True)], OPEN_ORDER)


def reported_task(unit_task: Assignment) -> Assignment | None:
    """The specialist's completed task whose result the unit's task reports (the latest)."""
    done = unit_task.children.filter(status=AssignmentStatus.DONE).select_related("user", "completed_by")
    return done.order_by("-completed_at", "-id").first()


def directing_leader(document: IncomingDocument) -> User | None:
    """The leader the document was submitted to and who directed it (or whose delegate did)."""
    review = document.assignments.filter(kind=AssignmentKind.REVIEW, status=AssignmentStatus.DONE).order_by("-id").first()
    return review.user if review is not None and review.user is not None else document.directed_by


@dataclass
class HandlingResult:
    """What became of the unit's lead task (chủ trì): the report, who made it,
    and whether the unit head accepted it or still has to."""

    lead: Assignment
    handler: Assignment | None  # the specialist's completed task, when the unit handed it down

    @property
    def reported(self) -> Assignment:
        return self.handler or self.lead

    @property
    def report(self) -> str:
        return self.reported.proposal

    @property
    def pending(self) -> bool:
        return self.lead.status == AssignmentStatus.REPORTED

    @property
    def accepted_by(self) -> User | None:
        """The unit head who accepted a specialist's result (not who completed it themselves)."""
        if self.handler is None or self.lead.status != AssignmentStatus.DONE:
            return None
        return self.lead.completed_by if self.lead.completed_by_id != self.handler.completed_by_id else None


def handling_result(document: IncomingDocument) -> HandlingResult | None:
    """The result of the lead task once reported (None while it is being handled)."""
    lead = (
        document.assignments.filter(kind=AssignmentKind.LEAD, parent=None)
        .filter(status__in=[AssignmentStatus.REPORTED, AssignmentStatus.DONE])
        .select_related("unit", "completed_by")
        .first()
    )
    return HandlingResult(lead, reported_task(lead)) if lead is not None else None


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
    """Open items per tab, one aggregate query per branch."""
    now = today()
    horizon = add_working_days(now, settings.EOFFICE_DUE_SOON_DAYS)
    counts = {"waiting": 0, "due_soon": 0, "overdue": 0}
    for branch in _branches(actor, is_open=True):
        row = branch.select_related(None).aggregate(
            waiting=Count("id"),
            due_soon=Count("id", filter=Q(deadline__gte=now, deadline__lte=horizon)),
            overdue=Count("id", filter=Q(deadline__lt=now) & ~Q(kind=AssignmentKind.INFORM)),
        )
        for key in counts:
            counts[key] += row[key]
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
