"""Who is who on a meeting: the organiser side (the schedule's drafting unit and
the agency's leaders, schedule/roles.py), the invitees and whom each may answer
for. The workflow's checks, the access helper and the pages read these."""

from eoffice.operations.models import Invitation, Meeting
from eoffice.operations.schedule.roles import in_drafting_unit
from eoffice.organisation.selectors import Actor


def is_organiser(actor: Actor) -> bool:
    """Who creates meetings, invites, shares papers, drafts the documents."""
    return actor.is_leader or in_drafting_unit(actor)


def organises(actor: Actor, meeting: Meeting) -> bool:
    return actor.agency.pk == meeting.agency_id and is_organiser(actor)


def answerable(actor: Actor, meeting: Meeting) -> list[Invitation]:
    """The invitations `actor` answers: their own (or of whom they act for), and
    those of the units they head."""
    if actor.agency.pk != meeting.agency_id:
        return []
    return [
        invitation
        for invitation in meeting.invitations.select_related("person", "unit", "deputy")
        if invitation.person_id in actor.acting_user_ids or invitation.unit_id in actor.head_unit_ids
    ]
