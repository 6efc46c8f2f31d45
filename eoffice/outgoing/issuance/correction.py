"""Đính chính: an issued document with an error is corrected by a new Công
văn linked to it (ND30 Art.18). The draft starts from the
original's data and its placeholder lines must be filled before submission."""

from django.db import transaction

from eoffice.core.workflow import refuse_unless
from eoffice.organisation.selectors import Actor
from eoffice.outgoing import workflow
from eoffice.outgoing.drafting.services import outgoing_create
from eoffice.outgoing.drafting.templating import CORRECTION_LINES
from eoffice.outgoing.models import OutgoingDocument
from eoffice.outgoing.services import audit_step


def correction_body(original: OutgoingDocument) -> str:
    issued = original.issued_date.strftime("%d/%m/%Y") if original.issued_date else ""
    opening = (
        f"Ngày {issued}, {original.agency.name} đã ban hành {original.type_name} số "
        f"{original.symbol_display} về việc {original.subject.rstrip('.')}."
    )
    closing = f"{original.agency.name} thông báo để các cơ quan, đơn vị biết và thực hiện./."
    return "\n".join([opening, *CORRECTION_LINES, closing])


@transaction.atomic
def outgoing_correct(*, actor: Actor, original: OutgoingDocument) -> OutgoingDocument:
    """Start the correcting Công văn: same signer, recipients and Nơi nhận as
    the original, linked to it by `corrects`."""
    original = OutgoingDocument.objects.select_for_update().get(pk=original.pk)
    refuse_unless(workflow.can_correct(actor, original))
    issued = original.issued_date.strftime("%d/%m/%Y") if original.issued_date else ""
    data = {
        "type_name": "Công văn",
        "subject": f"Đính chính {original.type_name} số {original.symbol_display} ngày {issued}",
        "body": correction_body(original),
        "recipients_text": original.recipients_text or "\n".join(r.agency.name for r in original.recipients.all()),
        "places_text": original.places_text,
        "copies": original.copies,
        "priority": original.priority,
        "confidentiality": original.confidentiality,
        "authority": original.authority,
        "on_behalf_of": original.on_behalf_of,
        "signer_position": original.signer_position,
    }
    agencies = [r.agency for r in original.recipients.select_related("agency")]
    document = outgoing_create(actor=actor, data=data, signer=original.signer, recipients=agencies)
    document.corrects = original
    document.save(update_fields=["corrects", "updated_at"])
    audit_step(original, actor, "correct", f"Soạn văn bản đính chính (dự thảo #{document.pk})", correction=document.pk)
    return document
