"""The one way views and the API fetch outgoing documents."""

from django.http import Http404

from eoffice.audit.services import audit_record
from eoffice.core.choices import Confidentiality
from eoffice.organisation.selectors import Actor
from eoffice.outgoing.models import OutgoingDocument


def get_outgoing_for_user(actor: Actor, pk) -> OutgoingDocument:
    """The document if `actor` may see it, else Http404; reading a
    confidential one is audited."""
    try:
        document = (
            OutgoingDocument.objects.visible_to(actor).select_related("agency", "drafting_unit", "drafter", "signer").get(pk=pk)
        )
    except (OutgoingDocument.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy văn bản hoặc bạn không có quyền xem.") from None
    if document.confidentiality > Confidentiality.NORMAL:
        audit_record(
            actor=actor.user,
            action="outgoing.read_confidential",
            obj=document,
            agency=document.agency,
            summary=f"Xem văn bản đi mật: {document.symbol_display}",
        )
    return document
