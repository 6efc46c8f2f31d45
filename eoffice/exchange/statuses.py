"""Gói tin trạng thái sent back to the agency a package came from (ND30 Art.21
§2c: the receipt notice on the day of arrival; Appendix VI III.1.o: the sender
follows the handling). Queued inside the transaction that changes the package or
its document, sent by a job after commit through the configured transport, retried
while the transport refuses it; each code goes once per package."""

import logging
import uuid
from datetime import date

from django.db import transaction
from django.utils import timezone

from eoffice.attachments.services import stored_file_from_bytes
from eoffice.core.errors import ValidationFailed
from eoffice.exchange.data import Organisation
from eoffice.exchange.elements import code_of
from eoffice.exchange.models import ReceivedPackage, SendState, SentStatus
from eoffice.exchange.status import build_status, status_label

logger = logging.getLogger(__name__)

ARRIVED, REFUSED, ACCEPTED, WAITING, IN_PROGRESS, DONE = "01", "02", "03", "04", "05", "06"


def queue_status(package: ReceivedPackage | None, code: str, description: str = "", *, staff: str = "") -> SentStatus | None:
    """Queue status `code` about `package` (once per code). Nothing is sent for a
    package without a known agency or a sender that cannot be answered (its
    mã định danh is invalid, or it had no DocumentId): that is logged."""
    agency = package.agency if package is not None else None
    if package is None or agency is None or not package.document_id:
        return None
    existing = SentStatus.objects.filter(package=package, code=code).first()
    if existing:
        return existing
    try:
        envelope = build_status(
            response_for_organ_id=package.sender_organ_id,
            response_for_code=code_of(package.header.get("code_number", ""), package.header.get("code_notation", "")),
            response_for_document_id=package.document_id,
            response_for_promulgation_date=_date(package.header.get("promulgation_date")),
            sender=Organisation(organ_id=agency.organ_id or "", organ_name=agency.name),
            status_code=code,
            description=(description or status_label(code))[:500],
            staff=staff,
            department="Văn thư" if staff else "",
        )
    except ValidationFailed as refusal:
        logger.warning("no status %s for package %s: %s", code, package.pk, refusal.message)
        return None
    stored = stored_file_from_bytes(data=envelope, extension="edxml", content_type="application/xml")
    status = SentStatus.objects.create(
        package=package,
        code=code,
        description=(description or status_label(code))[:500],
        message_id=uuid.uuid4().hex,
        envelope=stored,
    )
    transaction.on_commit(lambda: _enqueue(status.pk))
    return status


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _enqueue(status_id: int) -> None:
    from eoffice.exchange.tasks import send_status_task

    send_status_task(status_id)


def send_status(status: SentStatus) -> SentStatus:
    """Hand the status package to the transport; idempotent (a sent one stays sent)."""
    from eoffice.exchange.transport import send

    if status.state == SendState.SENT:
        return status
    try:
        with status.envelope.file.open("rb") as handle:
            reference = send(handle.read(), message_id=status.message_id, recipient_organ_id=status.package.sender_organ_id)
    except OSError as error:
        logger.warning("status %s not sent: %s", status.message_id, error)
        status.state = SendState.FAILED
    else:
        status.state, status.reference, status.sent_at = SendState.SENT, str(reference)[:500], timezone.now()
    status.save(update_fields=["state", "reference", "sent_at"])
    return status
