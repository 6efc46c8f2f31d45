"""Who is who on a task: the assigner's side (the assigner, whoever acts for
them, the agency's leaders) and the lead's side (the lead person, the lead
unit's heads and members). The workflow's checks and the inboxes read these."""

from eoffice.operations.models import ExtensionRequest, ExtensionStatus, Task
from eoffice.organisation.selectors import Actor


def in_agency(actor: Actor, task: Task) -> bool:
    return actor.agency.pk == task.agency_id


def is_assigner(actor: Actor, task: Task) -> bool:
    """The assigner or their delegate (ủy quyền)."""
    return in_agency(actor, task) and task.assigner_id in actor.acting_user_ids


def directs(actor: Actor, task: Task) -> bool:
    """The assigner or a leader of the agency: who decides on extensions and acceptance."""
    return is_assigner(actor, task) or (in_agency(actor, task) and actor.is_leader)


def heads_lead(actor: Actor, task: Task) -> bool:
    """The lead person, or a head of the lead unit: who answers for the task."""
    if not in_agency(actor, task):
        return False
    return task.lead_person_id in actor.acting_user_ids or task.lead_unit_id in actor.head_unit_ids


def works_on_lead(actor: Actor, task: Task) -> bool:
    """Anyone of the lead side, specialists of the lead unit included: who may report progress."""
    return heads_lead(actor, task) or (in_agency(actor, task) and task.lead_unit_id in actor.unit_ids)


def pending_extension(task: Task) -> ExtensionRequest | None:
    return task.extensions.filter(status=ExtensionStatus.PENDING).first()
