"""Which audit rows an agency's auditors and administrators read (nhật ký hệ thống).

An agency's log is its own chain and, from the global chain (rows of no agency:
sign-ins, passwords, two-factor, administration), the rows of its own people.
Another agency's rows are never shown, whoever asks."""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone

from eoffice.audit.models import AuditEvent
from eoffice.organisation.models import Membership
from eoffice.organisation.selectors import Actor

# The filter's kinds of row, by the prefix of their action.
ACCESS, SIGN_IN, ADMIN, CHANGE = "access", "auth", "admin", "change"
KIND_PREFIXES = {ACCESS: ("access.",), SIGN_IN: ("auth.",), ADMIN: ("admin.",)}


def require_log_reader(actor: Actor) -> None:
    if not actor.reads_audit_log:
        raise PermissionDenied("Chỉ người kiểm tra nhật ký và quản trị của cơ quan được xem nhật ký hệ thống.")


def agency_log(actor: Actor) -> QuerySet[AuditEvent]:
    require_log_reader(actor)
    people = Membership.objects.filter(agency=actor.agency).values("user_id")
    mine = Q(agency=actor.agency) | Q(agency__isnull=True, actor__in=people)
    return AuditEvent.objects.filter(mine).select_related("actor")


def _by_kind(rows: QuerySet[AuditEvent], kind: str) -> QuerySet[AuditEvent]:
    if kind in KIND_PREFIXES:
        return rows.filter(_any_prefix(KIND_PREFIXES[kind]))
    if kind == CHANGE:
        return rows.exclude(_any_prefix(tuple(p for prefixes in KIND_PREFIXES.values() for p in prefixes)))
    return rows


def _any_prefix(prefixes: tuple[str, ...]) -> Q:
    query = Q()
    for prefix in prefixes:
        query |= Q(action__startswith=prefix)
    return query


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered_log(actor: Actor, filters: dict[str, Any]) -> QuerySet[AuditEvent]:
    """The agency's rows narrowed by the filter form's cleaned values, newest first."""
    rows = agency_log(actor)
    if filters.get("date_from"):
        rows = rows.filter(at__gte=_day_start(filters["date_from"]))
    if filters.get("date_to"):
        rows = rows.filter(at__lt=_day_start(filters["date_to"] + timedelta(days=1)))
    if filters.get("person"):
        rows = rows.filter(actor=filters["person"])
    if filters.get("kind"):
        rows = _by_kind(rows, filters["kind"])
    if filters.get("q"):
        words = filters["q"]
        rows = rows.filter(Q(summary__icontains=words) | Q(action__icontains=words) | Q(object_id=words))
    return rows.order_by("-at", "-id")
