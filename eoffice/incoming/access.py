"""The one way views and the API fetch incoming documents and assignments."""

from django.http import Http404

from eoffice.audit.services import audit_record
from eoffice.incoming.models import Assignment, IncomingDocument
from eoffice.organisation.selectors import Actor


def get_incoming_for_user(actor: Actor, pk) -> IncomingDocument:
    """Return the document if `actor` may see it, else raise Http404 (another
    agency's or an ungranted confidential document is not even confirmed to
    exist). Reading a confidential document is audited."""
    try:
        document = IncomingDocument.objects.visible_to(actor).select_related("agency", "register").get(pk=pk)
    except (IncomingDocument.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy văn bản hoặc bạn không có quyền xem.") from None
    if document.is_confidential:
        audit_record(
            actor=actor.user,
            action="incoming.read_confidential",
            obj=document,
            agency=document.agency,
            summary=f"Xem văn bản mật, số đến {document.arrival_number}",
        )
    return document


def get_assignment_for_user(actor: Actor, pk) -> Assignment:
    try:
        assignment = Assignment.objects.select_related("document", "unit", "user", "parent").get(pk=pk)
    except (Assignment.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy nhiệm vụ.") from None
    get_incoming_for_user(actor, assignment.document_id)
    return assignment
