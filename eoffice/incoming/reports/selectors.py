"""Reads of the registers and reports (ND30 Appendix IV): the register's rows
and who is late, and the handlers' proposals the slip prints."""

from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from eoffice.audit.services import audit_record
from eoffice.incoming.models import AccessGrant, Assignment, AssignmentKind, AssignmentStatus, IncomingDocument
from eoffice.organisation.models import Agency
from eoffice.organisation.selectors import Actor, today


def _granted_ids(actor: Actor):
    """Documents the actor holds a grant on (personal: a delegate does not inherit it)."""
    return AccessGrant.objects.filter(user=actor.user).values("document_id")


def may_see_confidential_register(actor: Actor) -> bool:
    """Whether to offer the confidential register (sổ văn bản đến mật): to the
    registry and the leaders, once granted at least one confidential document."""
    granted = IncomingDocument.objects.filter(agency=actor.agency, confidentiality__gt=0, pk__in=_granted_ids(actor))
    return actor.sees_whole_agency and granted.exists()


def open_confidential_register(actor: Actor, *, path: str) -> None:
    """Let `actor` read the confidential register (404 to whoever may not: it is
    not even confirmed to exist); every reading is audited."""
    if not may_see_confidential_register(actor):
        raise Http404("Không tìm thấy sổ hoặc bạn không có quyền xem.")
    audit_record(actor=actor.user, action="incoming.read_confidential_register", agency=actor.agency, summary=path)


def register_rows(
    actor: Actor, *, year: int, date_from: date | None = None, date_to: date | None = None, confidential: bool = False
):
    """Sổ đăng ký văn bản đến of `year` (the year of registration), optionally only
    the arrivals between two dates. The ordinary register never lists a
    confidential document; the confidential one lists only those the actor
    was granted."""
    qs = IncomingDocument.objects.visible_to(actor).filter(register__year=year)
    secret = {"confidentiality__gt": 0, "pk__in": _granted_ids(actor)}
    qs = qs.filter(**secret) if confidential else qs.filter(confidentiality=0)
    if date_from:
        qs = qs.filter(arrival_date__gte=date_from)
    if date_to:
        qs = qs.filter(arrival_date__lte=date_to)
    return (
        qs.select_related("register")
        .prefetch_related("assignments__unit", "assignments__user")
        .order_by("register__year", "arrival_number")  # the order of receipt, whatever date was typed
    )


def agency_late_assignments(agency: Agency):
    """Every open assignment of `agency` past its deadline, confidential documents
    included: what the leaders' overview counts (counts only, never a title)."""
    qs = Assignment.objects.open().filter(agency=agency, deadline__lt=today())
    return qs.exclude(kind__in=[AssignmentKind.INFORM, AssignmentKind.REVIEW])


def late_assignments(actor: Actor):
    """Who is late (leaders and the registry: the whole agency; unit heads: their
    units), of the documents the actor may open: a confidential one only with a grant."""
    qs = agency_late_assignments(actor.agency)
    if not actor.sees_whole_agency:
        qs = qs.filter(unit_id__in=list(actor.head_unit_ids))
    # Exists, not a join on the grants: one row per assignment, no DISTINCT over them all.
    granted = AccessGrant.objects.filter(document_id=OuterRef("document_id"), user_id__in=list(actor.acting_user_ids))
    qs = qs.filter(Q(document__confidentiality=0) | Exists(granted))
    return qs.select_related("document", "unit", "user").order_by("deadline")


def proposals(assignments: list[Assignment]) -> list[Assignment]:
    """Section 3 of the slip: each handler's result once. A unit's task once
    carried a copy of its specialist's proposal: the same text is not printed
    twice."""
    seen: set[str] = set()
    handled = []
    for a in assignments:
        if a.status == AssignmentStatus.DONE and a.proposal and not a.is_for_information and a.proposal not in seen:
            seen.add(a.proposal)
            handled.append(a)
    return handled
