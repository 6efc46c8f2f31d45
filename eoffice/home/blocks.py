"""Việc chờ tôi: the blocks of the home page, one per kind of work.

Each block asks the app that owns the work through the selectors its own list
uses (the inbox, the outgoing work list, the one-stop work list), so a count on
the home page is the count of the list it links to, and the rules of who waits
for what stay in one place. A block is one function of BLOCKS,
`(actor, now) -> Block | None` (None: not for this person's roles); the tasks
and the leader's week of eoffice.operations are two more."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, F, Q, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from eoffice.exchange.models import PackageState
from eoffice.incoming.models import AssignmentKind
from eoffice.incoming.models import Status as IncomingStatus
from eoffice.incoming.receiving.packages import packages_for
from eoffice.incoming.selectors import inbox_assignments, inbox_counts, inbox_due_by, registry_queue
from eoffice.onestop.dossiers import worklist as dossier_worklist
from eoffice.onestop.dossiers.selectors import is_overdue
from eoffice.onestop.dossiers.selectors import waiting_for as dossiers_waiting
from eoffice.operations.meetings.selectors import awaiting_reply
from eoffice.operations.schedule.pdf import when
from eoffice.operations.schedule.selectors import entries_for_leader, weekday_label
from eoffice.operations.tasking import selectors as tasks
from eoffice.organisation.models import Role
from eoffice.organisation.selectors import Actor
from eoffice.outgoing.documents.worklist import TABS as OUTGOING_TABS
from eoffice.outgoing.documents.worklist import step_label
from eoffice.outgoing.documents.worklist import waiting_for as drafts_waiting
from eoffice.workdays.services import add_working_days

FIRST = 5  # items listed per block; the whole list is one tap away
HANDLERS = {Role.LEADER, Role.UNIT_HEAD, Role.SPECIALIST}  # people the inbox gives work to
DRAFTERS = HANDLERS | {Role.FORMAT_CHECKER, Role.CLERK}  # someone the outgoing chain may wait for
# The inbox's open tabs, named as its tabs are.
INBOX_TABS = {"waiting": _("Chờ xử lý"), "due_soon": _("Sắp đến hạn"), "overdue": _("Quá hạn")}


@dataclass(frozen=True)
class Tally:
    """One count of a block and the list that shows exactly those items."""

    label: str | Promise
    value: int
    url: str
    warn: bool = False  # overdue: drawn as a warning when not zero


@dataclass(frozen=True)
class Item:
    """One of the first items of a block."""

    title: str
    number: str
    url: str
    deadline: date | datetime | None = None
    overdue: bool = False
    note: str | Promise = ""


@dataclass
class Block:
    key: str
    title: str | Promise
    tallies: list[Tally]
    items: list[Item]
    more_url: str
    template: str = "home/_block.html"
    extra: dict = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.tallies[0].value if self.tallies else 0


def _url(name: str, **query: str) -> str:
    return reverse(name) + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


# --------------------------------------------------------------------------- incoming documents
def incoming_block(actor: Actor, now: datetime) -> Block | None:
    """Văn bản đến chờ tôi: the inbox's open tabs (a leader's items to direct
    are in them) and its first items, those due today or late first."""
    if not actor.roles & HANDLERS:
        return None
    counts = inbox_counts(actor)
    tallies = [Tally(INBOX_TABS[tab], counts[tab], _url("inbox", tab=tab), warn=tab == "overdue") for tab in INBOX_TABS]
    waiting, today = inbox_assignments(actor, "waiting").map(_item_columns), now.date()
    first = list(inbox_due_by(actor, today).map(_item_columns)[:FIRST]) if counts["waiting"] else []
    # Then the rest in inbox order: fewer than FIRST late ones means all of them are above.
    # (Excluding their ids, not "deadline > today or none": SQLite would take that OR
    # through the deadline index of every unit's open items instead of the inbox's.)
    # Read even when the first pass filled the block: the page's queries stay the same whatever the data.
    if counts["waiting"]:
        first += list(waiting.filter(~Q(pk__in=[a.pk for a in first]))[:FIRST])[: FIRST - len(first)]
    items = [_incoming_item(a.document, a.get_kind_display(), a.deadline, _late(a, today)) for a in first]
    return Block("incoming", _("Văn bản đến"), tallies, items, _url("inbox", tab="waiting"))


# What an incoming item shows (and the inbox order sorts on): reading the document's
# other columns, its unit and person, cost the block more than its SQL did.
ITEM_COLUMNS = ["kind", "deadline", "priority", "document__subject", "document__arrival_number"]
ITEM_COLUMNS += ["document__code_number", "document__code_notation"]


def _item_columns(assignments):
    return assignments.select_related(None).select_related("document").only("document", *ITEM_COLUMNS)


def _late(assignment, today: date) -> bool:
    return bool(assignment.deadline and assignment.deadline < today and assignment.kind != AssignmentKind.INFORM)


def _incoming_item(document, note, deadline, overdue) -> Item:
    number = f"{_('Số đến')} {document.arrival_number}" + (f" · {document.symbol_display}" if document.symbol_display else "")
    url = reverse("incoming-detail", args=[document.pk])
    return Item(document.subject, number, url, deadline, overdue, note)


def registry_block(actor: Actor, now: datetime) -> Block | None:
    """The registry's queue: documents registered and not yet submitted, and
    those a leader returned; each count links to the document list of that status."""
    if not actor.is_clerk:
        return None
    queue = registry_queue(actor)
    counts = queue.order_by().aggregate(
        registered=Count("pk", filter=Q(status=IncomingStatus.REGISTERED)),
        returned=Count("pk", filter=Q(status=IncomingStatus.RETURNED)),
    )
    tallies = [
        Tally(_("Chờ trình"), counts["registered"], _url("incoming-list", status=IncomingStatus.REGISTERED)),
        Tally(_("Bị trả lại"), counts["returned"], _url("incoming-list", status=IncomingStatus.RETURNED), warn=True),
    ]
    today = now.date()
    items = [
        _incoming_item(d, d.get_status_display(), d.due_date, bool(d.due_date and d.due_date < today)) for d in queue[:FIRST]
    ]
    return Block("registry", _("Sổ văn bản đến: chờ trình"), tallies, items, _url("inbox", tab="waiting"))


def packages_block(actor: Actor, now: datetime) -> Block | None:
    """Văn bản điện tử chờ vào sổ, oldest first. Each is due the day it arrived,
    at the latest the next working day; an urgent one at once (ND30 Art.4 §2c)."""
    if not actor.is_clerk:
        return None
    waiting = packages_for(actor).filter(state=PackageState.RECEIVED)
    count = waiting.count()
    columns = ["subject", "sender_name", "received_at", "business_doc_type", "header"]
    first = list(waiting.order_by("received_at", "pk").only(*columns)[:FIRST]) if count else []
    tallies = [Tally(_("Chờ vào sổ"), count, _url("incoming-packages"))]
    return Block("packages", _("Văn bản điện tử chờ vào sổ"), tallies, [_package_item(p, now) for p in first], tallies[0].url)


PACKAGE_NOTES = {1: _("Đề nghị thu hồi"), 2: _("Cập nhật"), 3: _("Thay thế")}


def _package_item(package, now: datetime) -> Item:
    arrived = timezone.localtime(package.received_at).date()
    due = arrived if int(package.header.get("priority") or 0) > 0 else add_working_days(arrived, 1)
    code = "/".join(filter(None, [package.header.get("code_number"), package.header.get("code_notation")]))
    number = " · ".join(filter(None, [code, package.sender_name]))
    url = reverse("incoming-package", args=[package.pk])
    return Item(package.subject, number, url, due, due < now.date(), PACKAGE_NOTES.get(package.business_doc_type, ""))


# --------------------------------------------------------------------------- outgoing documents
def drafts_block(actor: Actor, now: datetime) -> Block | None:
    """Văn bản đi chờ tôi xử lý: drafts to revise, review, check or sign, and
    signed documents to issue (the outgoing list's first tab)."""
    if not actor.roles & DRAFTERS:
        return None
    waiting = drafts_waiting(actor)
    url = _url("outgoing-list", tab="waiting")
    tallies = [Tally(OUTGOING_TABS["waiting"], waiting.count(), url)]
    ordered = waiting.order_by(F("due_date").asc(nulls_last=True), "-updated_at", "-id")
    ordered = ordered.only("subject", "type_name", "due_date", "status", "updated_at")  # what an item shows
    first = ordered[:FIRST] if tallies[0].value else []  # nothing waits: no list to read
    today = now.date()
    items = [
        Item(
            d.subject,
            d.type_name,
            reverse("outgoing-detail", args=[d.pk]),
            d.due_date,
            bool(d.due_date and d.due_date < today),
            step_label(d) or d.get_status_display(),
        )
        for d in first
    ]
    title = _("Dự thảo chờ ký, cho ý kiến") if actor.is_leader else _("Văn bản đi")
    return Block("drafts", title, tallies, items, url)


# --------------------------------------------------------------------------- one-stop dossiers
def dossiers_block(actor: Actor, now: datetime) -> Block | None:
    """Hồ sơ một cửa chờ tôi: dossiers at my step (for the counter also those to
    accept and to return), and the list's "near or past the appointment" tab."""
    if not dossier_worklist.has_onestop_work(actor):
        return None
    waiting = dossiers_waiting(actor)
    tabs = ["waiting", "submitted", "due"] if Role.ONE_STOP in actor.roles else ["waiting", "due"]
    tallies = [
        Tally(
            dossier_worklist.TABS[tab],
            waiting.count() if tab == "waiting" else dossier_worklist.tab_count(actor, tab, now),
            _url("onestop:list", tab=tab),
            warn=tab == "due",
        )
        for tab in tabs
    ]
    items = (
        []
        if not tallies[0].value
        else [  # nothing waits: no list to read
            Item(
                d.procedure.name,
                d.code,
                reverse("onestop:detail", args=[d.pk]),
                d.due_at,
                is_overdue(d, now),
                f"{d.applicant_name} · {d.get_status_display()}",
            )
            for d in waiting.select_related("procedure")[:FIRST]
        ]
    )
    return Block("dossiers", _("Hồ sơ một cửa"), tallies, items, _url("onestop:list", tab="waiting"))


# --------------------------------------------------------------------------- tasks (nhiệm vụ)
def tasks_block(actor: Actor, now: datetime) -> Block | None:
    """Nhiệm vụ chờ tôi: the tasks list's first tab (tasks I lead or head the lead
    unit of, completed tasks and extension requests waiting for my decision),
    and those of them past their deadline. Shown only when something waits."""
    waiting = tasks.tasks_waiting_for(actor)  # the "waiting" tab: all of it is visible to the actor
    # The first items carry both counts (window aggregates): one pass over the waiting
    # rows for the list and its figures. Only what an item shows is read.
    ordered = tasks.in_list_order(waiting, few=True).select_related(None).only("title", "status", "deadline")
    counted = ordered.annotate(
        waiting_count=Window(Count("pk")), overdue_count=Window(Count("pk", filter=tasks.overdue_q(now.date())))
    )
    first = tasks.mark_timeliness(list(counted[:FIRST]), now.date())
    if not first:
        return None
    count, overdue = first[0].waiting_count, first[0].overdue_count  # type: ignore[attr-defined]
    url = _url("operations:task-list", tab="waiting")
    tallies = [Tally(_("Chờ tôi xử lý"), count, url), Tally(_("Quá hạn"), overdue, url + "&overdue=on", warn=True)]
    items = [
        Item(t.title, t.get_status_display(), reverse("operations:task-detail", args=[t.pk]), t.deadline, t.overdue)  # type: ignore[attr-defined]
        for t in first
    ]
    return Block("tasks", _("Nhiệm vụ"), tallies, items, url)


# --------------------------------------------------------------------------- meetings
def invitations_block(actor: Actor, now: datetime) -> Block | None:
    """Giấy mời chờ trả lời: meetings still to come whose invitation this person
    (or a unit they head) has not answered, the soonest first; the count is the
    meeting list's tab "Chờ tôi trả lời"."""
    waiting = awaiting_reply(actor, now.date())
    count = waiting.count()
    if not count:
        return None
    url = _url("operations:meeting-list", tab="waiting")
    items = [
        Item(m.title, f"{weekday_label(m.entry.date)} · {when(m.entry)}", reverse("operations:meeting-detail", args=[m.pk]),
             note=m.place)
        for m in waiting[:FIRST]
    ]  # fmt: skip
    return Block("invitations", _("Giấy mời họp"), [Tally(_("Chờ trả lời"), count, url)], items, url)


# --------------------------------------------------------------------------- the weekly schedule
def schedule_block(actor: Actor, now: datetime) -> Block | None:
    """Lịch công tác của tôi: the published entries this person chairs in the next
    seven days (for a leader: their week), linking to the week page. A calendar,
    not a list to work through: it has no counts."""
    entries = entries_for_leader(actor.user, 7)
    if not entries:
        return None
    url = reverse("operations:schedule-week")
    entries.sort(key=lambda e: (e.date, e.start_time or datetime.min.time(), e.slot))
    items = [
        Item(e.content, f"{weekday_label(e.date)} · {when(e)}", url, None, False, e.room.name if e.room else e.place)
        for e in entries[:FIRST]
    ]
    return Block("schedule", _("Lịch công tác của tôi"), [], items, url)


BlockFunction = Callable[[Actor, datetime], Block | None]
# The order of the page.
BLOCKS: list[BlockFunction] = [
    packages_block,
    registry_block,
    incoming_block,
    drafts_block,
    dossiers_block,
    tasks_block,
    invitations_block,
    schedule_block,
]


def waiting_blocks(actor: Actor, now: datetime) -> list[Block]:
    """The blocks for this person's roles, in page order."""
    return [block for function in BLOCKS if (block := function(actor, now)) is not None]
