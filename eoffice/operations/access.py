"""The one way views and the API fetch an operations record the caller may see."""

from django.http import Http404

from eoffice.audit.services import audit_record
from eoffice.operations.models import Task
from eoffice.organisation.selectors import Actor


def get_task_for_user(actor: Actor, pk) -> Task:
    """The task if `actor` may see it (Task.objects.visible_to), else Http404:
    another agency's or another unit's task is not even confirmed to exist.
    Every read of a confidential task is audited."""
    try:
        task = (
            Task.objects.visible_to(actor)
            .select_related("agency", "assigner", "created_by", "lead_unit", "lead_person", "incoming", "outgoing")
            .get(pk=pk)
        )
    except (Task.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy nhiệm vụ hoặc bạn không có quyền xem.") from None
    if task.confidential:
        audit_record(actor=actor.user, action="operations.task.read", obj=task, agency=task.agency, summary="Xem nhiệm vụ mật")
    return task
