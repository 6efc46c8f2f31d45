"""What the document page shows, gathered in one place so views stay thin:
the assignments, the lead task's result, the trace, and the actions this user may take now on the
document and on each of their tasks (asked of incoming.workflow)."""

from eoffice.attachments.http import pdf_page_count
from eoffice.core.workflow import Bound
from eoffice.incoming.models import IncomingAttachment, IncomingDocument
from eoffice.incoming.selectors import handling_result
from eoffice.incoming.workflow import ASSIGNMENT, DOCUMENT
from eoffice.organisation.selectors import Actor


def _is_mine(actor: Actor, assignment) -> bool:
    own = assignment.user_id in actor.acting_user_ids
    return assignment.is_open and (own or (assignment.user_id is None and assignment.unit_id in actor.head_unit_ids))


def attachments(document: IncomingDocument) -> list[tuple[IncomingAttachment, range]]:
    """The document's files, each with the numbers of its pages (a PDF's; none
    for other files): the page shows them as images, which every browser
    shows, phones too."""
    files = document.attachments.select_related("stored_file")
    return [(a, range(1, (pdf_page_count(a.stored_file) if a.stored_file.is_pdf else 0) + 1)) for a in files]


def detail_context(actor: Actor, document: IncomingDocument, bound: Bound | None = None) -> dict:
    """`bound` is a refused step's form (on the document or on one of its
    assignments), drawn again with what the user typed."""
    assignments = list(document.assignments.select_related("unit", "user", "assigned_by", "document").order_by("id"))
    # Each unit's task directly followed by the specialists' tasks given under it.
    assignments.sort(key=lambda a: (a.parent_id or a.pk, a.parent_id is not None, a.pk))
    my_tasks = [(a, ASSIGNMENT.available(actor, a, bound)) for a in assignments if _is_mine(actor, a)]
    return {
        "document": document,
        "attachments": attachments(document),
        "assignments": assignments,
        "trace": document.trace.select_related("actor"),
        "actions": DOCUMENT.available(actor, document, bound),
        "my_tasks": my_tasks,
        "result": handling_result(document),
    }
