"""Statuses received for the documents we issued (exchange.signals.status_received):
the answered DocumentId ("{OrganId},{yyyy/MM/dd},{số}/{ký hiệu}") names one of our
issued documents, the responding agency one of its recipients; the status joins
that recipient's timeline. Anything else is not ours: the exchange logs it."""

from typing import Any

from django.dispatch import receiver

from eoffice.core.errors import ValidationFailed
from eoffice.exchange.elements import parse_date
from eoffice.exchange.models import ReceivedStatus
from eoffice.exchange.signals import status_received
from eoffice.exchange.status import status_label
from eoffice.exchange.statuses import RECALL_ACCEPTED
from eoffice.outgoing.models import Delivery, Recipient, RecipientStatus, Status


@receiver(status_received, sender=ReceivedStatus, dispatch_uid="outgoing-recipient-status")
def record_recipient_status(sender: Any, status: ReceivedStatus, **kwargs: Any) -> bool:
    recipient = recipient_answered(status.document_id, status.sender_organ_id)
    if recipient is None:
        return False
    RecipientStatus.objects.get_or_create(
        recipient=recipient,
        code=status.code,
        at=status.status_at or status.received_at,
        defaults={"description": status.description or status_label(status.code), "received": status},
    )
    if status.code == RECALL_ACCEPTED and recipient.document.status == Status.RECALLED:
        recipient.status = Delivery.RECALLED  # the recipient withdrew it (15 on an update means the new version replaced it)
        recipient.save(update_fields=["status", "updated_at"])
    return True


def recipient_answered(document_id: str, organ_id: str) -> Recipient | None:
    """The recipient `organ_id` of our issued document `document_id`, or None."""
    parts = [part.strip() for part in document_id.split(",", 2)]
    if len(parts) != 3 or "/" not in parts[2] or not organ_id:
        return None
    sender, when, code = parts
    try:
        issued = parse_date(when, label="ngày ban hành")
    except ValidationFailed:
        return None
    number, notation = code.split("/", 1)
    rows = Recipient.objects.filter(
        agency__organ_id=organ_id,
        document__agency__organ_id=sender,
        document__issued_date=issued,
        document__code_number=number,
        document__code_notation=notation,
    )
    return rows.select_related("document").first()
