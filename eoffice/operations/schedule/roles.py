"""Who drafts the weekly schedule and who approves it. Neither is set by law
(local working rules decide), so both are settings: EOFFICE_SCHEDULE_DRAFT_UNITS
(the staff of the Office's general unit, Phòng Tổng hợp, by default) and
EOFFICE_SCHEDULE_APPROVERS (the leader whose position is Chánh Văn phòng)."""

from django.conf import settings

from eoffice.organisation.models import Agency, Membership, Role, Unit, User
from eoffice.organisation.selectors import Actor


def is_approver(actor: Actor) -> bool:
    """A leader of the agency holding one of the approving positions (or any
    leader with "*"); a delegate acts for the principal (Actor.acting_user_ids)."""
    if not actor.is_leader:
        return False
    positions = [p.casefold() for p in settings.EOFFICE_SCHEDULE_APPROVERS]
    if "*" in positions:
        return True
    held = Membership.objects.filter(agency=actor.agency, user_id__in=actor.acting_user_ids, role=Role.LEADER)
    return any(position.casefold() in positions for position in held.values_list("position", flat=True))


def in_drafting_unit(actor: Actor) -> bool:
    units = Unit.objects.filter(agency=actor.agency, pk__in=actor.unit_ids)
    return units.filter(abbreviation__in=settings.EOFFICE_SCHEDULE_DRAFT_UNITS).exists()


def is_drafter(actor: Actor) -> bool:
    """The drafting unit's staff, and the approvers (who may fix an entry themselves)."""
    return in_drafting_unit(actor) or is_approver(actor)


def sees_drafts(actor: Actor) -> bool:
    """Drafts and weeks waiting for approval: drafters, approvers and the agency's leaders."""
    return actor.is_leader or in_drafting_unit(actor)


def approvers_of(agency: Agency) -> list[User]:
    """The people told that a week waits for approval."""
    leaders = Membership.objects.filter(agency=agency, role=Role.LEADER).select_related("user")
    positions = [p.casefold() for p in settings.EOFFICE_SCHEDULE_APPROVERS]
    return [m.user for m in leaders if "*" in positions or m.position.casefold() in positions]
