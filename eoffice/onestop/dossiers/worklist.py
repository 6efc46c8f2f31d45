"""The one-stop work list (danh sách hồ sơ) and the Sổ theo dõi hồ sơ reads:
tabs, filters, the folded search by code or applicant, the time left or late
in working days, and who may see the register. Shared by the pages and the API."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eoffice.core.text import fold
from eoffice.onestop.dossiers.selectors import dossiers_visible_to, sees_all_dossiers, waiting_for
from eoffice.onestop.models import OPEN_STATUSES, DossierStep, ProcedureStep, Status
from eoffice.organisation.models import Role
from eoffice.organisation.selectors import Actor
from eoffice.workdays.services import add_working_time, working_time_between

TABS = {
    "submitted": _("Chờ tiếp nhận"),
    "waiting": _("Chờ tôi xử lý"),
    "in_process": _("Đang giải quyết"),
    "supplement": _("Chờ bổ sung"),
    "due": _("Sắp đến hạn / Quá hạn"),
    "result_ready": _("Chờ trả kết quả"),
    "all": _("Tất cả"),
}
DEFAULT_TAB = "waiting"


# --------------------------------------------------------------------------- who sees what
def has_onestop_work(actor: Actor) -> bool:
    """Whether the "Một cửa" menu entry is for this person: the counter, the
    agency's leaders and administrators, and members of a unit that holds a
    step of one of the agency's procedures (or of a dossier received earlier)."""
    if sees_all_dossiers(actor):
        return True
    units = list(actor.unit_ids)
    if not units:
        return False
    in_catalogue = ProcedureStep.objects.filter(procedure__agency=actor.agency, unit_id__in=units).exists()
    return in_catalogue or DossierStep.objects.filter(dossier__agency=actor.agency, unit_id__in=units).exists()


def may_see_book(actor: Actor) -> bool:
    """Sổ theo dõi hồ sơ: the one-stop unit and the agency's leaders."""
    return Role.ONE_STOP in actor.roles or actor.is_leader


def may_receive(actor: Actor) -> bool:
    """Tiếp nhận hồ sơ at the counter: the one-stop unit's officers."""
    return Role.ONE_STOP in actor.roles


# --------------------------------------------------------------------------- tabs and filters
def due_before(now: datetime) -> datetime:
    """Appointments up to this moment are "sắp đến hạn" (EOFFICE_DUE_SOON_DAYS
    working days from now), or already past."""
    return add_working_time(now, settings.EOFFICE_DUE_SOON_DAYS)


def due_branches(now: datetime) -> list[Q]:
    """Open dossiers whose appointment is near or past; a dossier waiting for
    papers has its clock stopped, so only if it was late when it stopped."""
    running = Q(status__in=[Status.RECEIVED, Status.IN_PROCESS], due_at__lte=due_before(now))
    return [running, Q(status=Status.SUPPLEMENT, due_at__lt=F("paused_at"))]


def due_or_overdue(now: datetime) -> Q:
    running, stopped = due_branches(now)
    return running | stopped


def tab_count(actor: Actor, tab: str, now: datetime | None = None) -> int:
    """The number of dossiers in a tab. "Sắp đến hạn / quá hạn" adds up its two
    kinds (UNION ALL): each is read from the status-and-appointment index alone,
    where the OR of both made the database visit every matching row."""
    if tab != "due":
        return tab_queryset(actor, tab, now).count()
    visible = dossiers_visible_to(actor).order_by()
    # A column of the index as the select list: no row is read for it.
    first, *rest = [visible.filter(q).values("status") for q in due_branches(now or timezone.now())]
    return first.union(*rest, all=True).count()


def overdue(now: datetime) -> Q:
    """Quá hạn (selectors.is_overdue in SQL)."""
    running = Q(status__in=[Status.RECEIVED, Status.IN_PROCESS], due_at__lt=now)
    return running | Q(status=Status.SUPPLEMENT, due_at__lt=F("paused_at"))


def tab_queryset(actor: Actor, tab: str, now: datetime | None = None) -> QuerySet:
    now = now or timezone.now()
    if tab == "waiting":
        return waiting_for(actor)
    dossiers = dossiers_visible_to(actor)
    if tab == "submitted":
        return dossiers.filter(status=Status.SUBMITTED)
    if tab == "in_process":
        return dossiers.filter(status__in=[Status.RECEIVED, Status.IN_PROCESS])
    if tab == "supplement":
        return dossiers.filter(status=Status.SUPPLEMENT)
    if tab == "due":
        return dossiers.filter(due_or_overdue(now))
    if tab == "result_ready":
        return dossiers.filter(status=Status.RESULT_READY)
    return dossiers


def in_tab_order(dossiers: QuerySet, tab: str) -> QuerySet:
    """What needs doing first: the nearest appointment in "Chờ tôi xử lý" and
    "Sắp đến hạn / Quá hạn"; elsewhere the newest first."""
    if tab in ("waiting", "due"):
        return dossiers.order_by(F("due_at").asc(nulls_last=True), "id")
    return dossiers.order_by(Coalesce("received_at", "submitted_at").desc(), "-id")


def in_period(dossiers: QuerySet, date_from: date | None, date_to: date | None) -> QuerySet:
    """Received (or, not yet received, submitted) between two days, both included, in office time."""
    if not (date_from or date_to):
        return dossiers
    dossiers = dossiers.annotate(arrived_at=Coalesce("received_at", "submitted_at"))
    if date_from:
        dossiers = dossiers.filter(arrived_at__gte=day_start(date_from))
    if date_to:
        dossiers = dossiers.filter(arrived_at__lt=day_start(date_to + timedelta(days=1)))
    return dossiers


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_default_timezone())


def _matches(text: str, words: list[str]) -> bool:
    return all(word in text for word in words)


def search(dossiers: QuerySet, query: str) -> QuerySet:
    """By dossier code or applicant (person or organisation), with or without
    diacritics: "tran thi mai" finds "Trần Thị Mai". Folded in Python over the
    already filtered rows (code and two names), like the catalogue's search:
    no folded column to keep, the same on SQLite and PostgreSQL."""
    words = fold(query or "").split()
    if not words:
        return dossiers
    rows = dossiers.values_list("pk", "code", "applicant_name", "organisation_name")
    ids = [pk for pk, code, name, organisation in rows if _matches(fold(f"{code} {name} {organisation}"), words)]
    return dossiers.filter(pk__in=ids)


def filter_dossiers(dossiers: QuerySet, *, procedure: str = "", status: str = "", date_from=None, date_to=None, q: str = ""):
    """The list's filters (the page and the API): procedure code, status, period, text."""
    if procedure:
        dossiers = dossiers.filter(procedure__code=procedure)
    if status:
        dossiers = dossiers.filter(status=status)
    return search(in_period(dossiers, date_from, date_to), q)


def with_current_step(dossiers: QuerySet) -> QuerySet:
    """Each dossier annotated with the name and unit of the step under way (one query)."""
    under_way = DossierStep.objects.filter(dossier=OuterRef("pk"), started_at__isnull=False, finished_at__isnull=True)
    return dossiers.annotate(
        current_step_name=Subquery(under_way.values("name")[:1]),
        current_step_unit=Subquery(under_way.values("unit__name")[:1]),
    )


# --------------------------------------------------------------------------- time left
@dataclass(frozen=True)
class TimeLeft:
    """Còn lại / quá hạn in working days (half days allowed)."""

    days: Decimal
    overdue: bool
    paused: bool

    @property
    def label(self) -> str:
        amount = format(abs(self.days).normalize(), "f").replace(".", ",")
        if self.overdue:
            return str(_("Quá hạn %(days)s ngày") % {"days": amount})
        text = str(_("Còn %(days)s ngày") % {"days": amount})
        return f"{text} ({_('đang dừng')})" if self.paused else text


def time_left(dossier, now: datetime) -> TimeLeft | None:
    """For an open dossier: working days to its appointment (negative: late).
    While waiting for papers the clock stands at the moment it stopped."""
    if dossier.status not in OPEN_STATUSES or dossier.due_at is None:
        return None
    paused = dossier.status == Status.SUPPLEMENT and dossier.paused_at is not None
    clock = dossier.paused_at if paused else now
    days = working_time_between(clock, dossier.due_at)
    return TimeLeft(days=days, overdue=dossier.due_at < clock, paused=paused)


# --------------------------------------------------------------------------- Sổ theo dõi hồ sơ
def book_dossiers(actor: Actor, date_from: date, date_to: date) -> QuerySet:
    """Dossiers received in the period, in the order they were received."""
    start, end = day_start(date_from), day_start(date_to + timedelta(days=1))
    return (
        dossiers_visible_to(actor)
        .filter(received_at__gte=start, received_at__lt=end)
        .select_related("procedure")
        .prefetch_related("steps")
        .order_by("received_at", "id")
    )


def period_label(date_from: date, date_to: date) -> str:
    """ "Tháng 03/2026" for a whole month, "Năm 2026" for a whole year, else "Từ 02/03/2026 đến 06/03/2026"."""
    month_end = (date_from.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    if date_from.day == 1 and date_to == month_end:
        return f"Tháng {date_from:%m/%Y}"
    if (date_from.month, date_from.day, date_to.month, date_to.day) == (1, 1, 12, 31) and date_from.year == date_to.year:
        return f"Năm {date_from.year}"
    return f"Từ {date_from:%d/%m/%Y} đến {date_to:%d/%m/%Y}"


def month_of(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def book_filename(date_from: date, date_to: date) -> str:
    return re.sub(r"[^0-9A-Za-z-]+", "-", f"so-theo-doi-ho-so-{date_from:%Y%m%d}-{date_to:%Y%m%d}") + ".xlsx"
