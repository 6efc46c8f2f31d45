"""The steps on an incoming document (văn bản đến) of incoming/workflow.py's
DOCUMENT table: the registry submits it to a leader (trình), recalls it or
grants a reader; the leader returns it or directs it (bút phê), which gives
the units their assignments. Each runs in one transaction and writes the
processing trace and the audit log. Views, the API, the demo loader and
tests all call these."""

from collections.abc import Collection, Iterable
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from eoffice.core.errors import ValidationFailed
from eoffice.core.text import nfc
from eoffice.core.workflow import refuse_unless
from eoffice.exchange import statuses
from eoffice.exchange.statuses import queue_status
from eoffice.incoming import notices, workflow
from eoffice.incoming.handling.assignments import close_assignment
from eoffice.incoming.handling.deadlines import deadline_from
from eoffice.incoming.models import AccessGrant, Assignment, AssignmentKind, AssignmentStatus, IncomingDocument, Status
from eoffice.incoming.trace import grant_access, write_trace
from eoffice.organisation.models import Agency, Role, Unit, User
from eoffice.organisation.selectors import Actor, today, unit_heads
from eoffice.workdays.services import add_working_days


@transaction.atomic
def incoming_submit(*, actor: Actor, document: IncomingDocument, leader: User, note: str = "") -> Assignment:
    """Trình: the registry submits the document to a leader for direction."""
    refuse_unless(workflow.can_submit(actor, document))
    if not leader.memberships.filter(agency=document.agency, role=Role.LEADER).exists():
        raise ValidationFailed("Người nhận phải là lãnh đạo của cơ quan.", fields={"leader": ["Không phải lãnh đạo cơ quan."]})
    # The leader is expected to direct within EOFFICE_REVIEW_DAYS working days;
    # urgent documents the same day (ND30 Art.23, Art.24).
    days = Decimal(0) if document.is_urgent else Decimal(settings.EOFFICE_REVIEW_DAYS)
    start = today()
    review = Assignment.objects.create(
        document=document,
        kind=AssignmentKind.REVIEW,
        user=leader,
        assigned_by=actor.user,
        note=nfc(note),
        priority=document.priority,
        deadline=add_working_days(start, days),
        deadline_days=days,
        deadline_start=start,
    )
    document.status = Status.SUBMITTED
    document.save(update_fields=["status", "updated_at"])
    grant_access(document, [leader], actor)
    write_trace(document, actor, "submit", f"Trình {leader} cho ý kiến chỉ đạo", opinion=note, assignment=review)
    notices.submitted(document, leader, actor)
    return review


@transaction.atomic
def incoming_return(*, actor: Actor, document: IncomingDocument, reason: str) -> IncomingDocument:
    """Trả lại: the leader sends the document back to the registry with a reason."""
    refuse_unless(workflow.can_return(actor, document))
    if len((reason or "").strip()) < 5:
        raise ValidationFailed("Cần nêu lý do trả lại.", fields={"reason": ["Lý do trả lại là bắt buộc."]})
    reviews = list(document.assignments.filter(kind=AssignmentKind.REVIEW, is_open=True).select_related("user"))
    for review in reviews:
        close_assignment(review, AssignmentStatus.CANCELLED, actor)
    document.status = Status.RETURNED
    document.save(update_fields=["status", "updated_at"])
    write_trace(document, actor, "return", "Trả lại văn thư", opinion=nfc(reason), for_user=reviews[0].user)
    notices.returned(document, reviews[0].assigned_by_id, actor)
    return document


@transaction.atomic
def incoming_recall(*, actor: Actor, document: IncomingDocument, reason: str) -> IncomingDocument:
    """Thu hồi: the issuer recalled the document; every open task is cancelled."""
    refuse_unless(workflow.can_recall(actor, document))
    if len((reason or "").strip()) < 5:
        raise ValidationFailed("Cần nêu lý do thu hồi.", fields={"reason": ["Lý do thu hồi là bắt buộc."]})
    for assignment in document.assignments.filter(is_open=True):
        close_assignment(assignment, AssignmentStatus.CANCELLED, actor)
    document.status = Status.RECALLED
    document.save(update_fields=["status", "updated_at"])
    write_trace(document, actor, "recall", "Thu hồi văn bản", opinion=nfc(reason))
    return document


def _units_of(agency: Agency, units: Iterable[Unit]) -> list[Unit]:
    units = [u for u in units if u]
    if any(unit.agency_id != agency.pk for unit in units):
        raise ValidationFailed("Đơn vị được giao phải thuộc cơ quan.", fields={"lead_unit": ["Đơn vị không thuộc cơ quan."]})
    return units


@transaction.atomic
def incoming_direct(
    *,
    actor: Actor,
    document: IncomingDocument,
    opinion: str,
    lead_unit: Unit,
    coordinating_units: Iterable[Unit] = (),
    inform_units: Collection[Unit] = (),
    inform_users: Collection[User] = (),
    deadline: date | None = None,
    deadline_days: Decimal | None = None,
) -> list[Assignment]:
    """Bút phê: the leader's direction naming the lead unit (chủ trì),
    coordinating units (phối hợp), those informed (nhận để biết) and a deadline."""
    refuse_unless(workflow.can_direct(actor, document))
    if not (opinion or "").strip():
        raise ValidationFailed("Cần nhập ý kiến chỉ đạo.", fields={"opinion": ["Ý kiến chỉ đạo là bắt buộc."]})
    if lead_unit is None:
        raise ValidationFailed("Cần chọn đơn vị chủ trì.", fields={"lead_unit": ["Đơn vị chủ trì là bắt buộc."]})
    coordinating = [u for u in _units_of(document.agency, coordinating_units) if u.pk != lead_unit.pk]
    _units_of(document.agency, [lead_unit, *inform_units])
    if any(not u.memberships.filter(agency=document.agency).exists() for u in inform_users):
        raise ValidationFailed("Người nhận để biết phải thuộc cơ quan.", fields={"inform_users": ["Không thuộc cơ quan."]})
    start = today()
    # Without a deadline of their own, the leader keeps the one the sender asked
    # for (DueDate), unless it has already passed.
    asked = document.due_date if document.due_date and document.due_date >= start else None
    due, days = deadline_from(deadline or (None if deadline_days is not None else asked), deadline_days, start)
    reviews = list(document.assignments.filter(kind=AssignmentKind.REVIEW, is_open=True).select_related("user"))
    for review in reviews:
        close_assignment(review, AssignmentStatus.DONE, actor)
    common = {"document": document, "assigned_by": actor.user, "priority": document.priority, "note": nfc(opinion)}
    deadline_fields = {"deadline": due, "deadline_days": days, "deadline_start": start}
    created = [Assignment.objects.create(kind=AssignmentKind.LEAD, unit=lead_unit, **common, **deadline_fields)]
    created += [
        Assignment.objects.create(kind=AssignmentKind.COORDINATE, unit=u, **common, **deadline_fields) for u in coordinating
    ]
    created += [Assignment.objects.create(kind=AssignmentKind.INFORM, unit=u, **common) for u in inform_units]
    created += [Assignment.objects.create(kind=AssignmentKind.INFORM, user=u, **common) for u in inform_users]
    document.status = Status.DIRECTED
    document.direction, document.directed_by, document.directed_at = nfc(opinion), actor.user, timezone.now()
    document.due_date = due
    document.save(update_fields=["status", "direction", "directed_by", "directed_at", "due_date", "updated_at"])
    heads = [h for u in [lead_unit, *coordinating, *inform_units] for h in unit_heads(u.pk)]
    grant_access(document, [*heads, *inform_users], actor)
    names = ", ".join(u.name for u in coordinating) or "không"
    due_text = f", hạn {due:%d/%m/%Y}" if due else ""
    summary = f"Chỉ đạo: {lead_unit.name} chủ trì; phối hợp: {names}{due_text}"
    write_trace(document, actor, "direct", summary, opinion=nfc(opinion), for_user=reviews[0].user)
    notices.directed(document, created, actor)
    if document.package_id:
        queue_status(document.package, statuses.IN_PROGRESS)
    return created


@transaction.atomic
@transaction.atomic
def incoming_grant_access(*, actor: Actor, document: IncomingDocument, user: User, confirm: bool = False) -> AccessGrant:
    """Cho phép một người xem văn bản mật, once the granter confirmed it; the
    person and the heads of the unit in charge are told (ND30 PL6 III.3.c)."""
    refuse_unless(workflow.can_grant(actor, document))
    if not user.memberships.filter(agency=document.agency).exists():
        raise ValidationFailed("Người được cấp quyền phải thuộc cơ quan.", fields={"user": ["Không thuộc cơ quan."]})
    if not confirm:
        message = f"Hãy xác nhận cho phép {user} xem văn bản {document.get_confidentiality_display().lower()} này."
        raise ValidationFailed(message, fields={"confirm": ["Cần xác nhận trước khi cấp quyền."]})
    grant, created = AccessGrant.objects.get_or_create(document=document, user=user, defaults={"granted_by": actor.user})
    if created:
        write_trace(document, actor, "grant", f"Cấp quyền xem văn bản mật cho {user}")
        notices.access_granted(document, user, actor)
    return grant
