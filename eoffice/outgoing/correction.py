"""Đính chính: an issued document with an error is corrected by a new Công
văn linked to it (ND30 Art.18; domain.md §1.9). The draft starts from the
original's data and its placeholder lines must be filled before submission."""

from django.db import transaction

from eoffice.core.errors import NotAllowed, require_state
from eoffice.organisation.selectors import Actor
from eoffice.outgoing.models import OutgoingDocument, Status
from eoffice.outgoing.services import _audit, outgoing_create
from eoffice.outgoing.templating import PLACEHOLDER

# The lines the drafter replaces; check_filled refuses them as they are.
CORRECTION_LINES = (
    f"Do sơ suất trong quá trình soạn thảo, văn bản nêu trên có sai sót tại {PLACEHOLDER}",
    f"Nay xin đính chính như sau: {PLACEHOLDER}",
)


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
    require_state(original, {Status.ISSUED}, "đính chính")
    if not actor.unit_ids or original.agency_id != actor.agency.pk:
        raise NotAllowed("Chỉ cán bộ của cơ quan ban hành mới được soạn văn bản đính chính.")
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
    _audit(original, actor, "correct", f"Soạn văn bản đính chính (dự thảo #{document.pk})", correction=document.pk)
    return document
