"""What the document page shows, gathered in one place so views stay thin:
the assignments, the lead task's result, the trace, and the actions this user may take now on the
document and on each of their tasks (asked of incoming.workflow)."""

from eoffice.core.workflow import Bound
from eoffice.incoming.models import IncomingDocument
from eoffice.incoming.selectors import handling_result
from eoffice.incoming.workflow import ASSIGNMENT, DOCUMENT
from eoffice.organisation.selectors import Actor


def _is_mine(actor: Actor, assignment) -> bool:
    own = assignment.user_id in actor.acting_user_ids
    return assignment.is_open and (own or (assignment.user_id is None and assignment.unit_id in actor.head_unit_ids))


def detail_context(actor: Actor, document: IncomingDocument, bound: Bound | None = None) -> dict:
    """`bound` is a refused step's form (on the document or on one of its
    assignments), drawn again with what the user typed."""
    assignments = list(document.assignments.select_related("unit", "user", "assigned_by", "document").order_by("id"))
    # Each unit's task directly followed by the specialists' tasks given under it.
    assignments.sort(key=lambda a: (a.parent_id or a.pk, a.parent_id is not None, a.pk))
    my_tasks = [(a, ASSIGNMENT.available(actor, a, bound)) for a in assignments if _is_mine(actor, a)]
    return {
        "document": document,
        "attachments": document.attachments.select_related("stored_file"),
        "assignments": assignments,
        "trace": document.trace.select_related("actor"),
        "actions": DOCUMENT.available(actor, document, bound),
        "my_tasks": my_tasks,
        "result": handling_result(document),
    }
