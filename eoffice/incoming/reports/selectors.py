"""Reads of the registers and reports (ND30 Appendix IV): the register's rows
and who is late, and the handlers' proposals the slip prints."""

from datetime import date

from django.db.models import Exists, OuterRef, Q

from eoffice.incoming.models import AccessGrant, Assignment, AssignmentKind, AssignmentStatus, IncomingDocument
from eoffice.organisation.models import Agency
from eoffice.organisation.selectors import Actor, today


def register_rows(actor: Actor, *, year: int, date_from: date | None = None, date_to: date | None = None):
    """Sổ đăng ký văn bản đến of `year` (the year of registration), optionally only
    the arrivals between two dates; ordinary register only: confidential
    documents are kept in their own register and never appear here."""
    qs = IncomingDocument.objects.visible_to(actor).filter(register__year=year, confidentiality=0)
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
