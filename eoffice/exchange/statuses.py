"""Gói tin trạng thái sent back to the agency a package came from (ND30 Art.21
§2c: the receipt notice on the day of arrival; Appendix VI III.1.o: the sender
follows the handling). Queued inside the transaction that changes the package or
its document, sent as a Dispatch (exchange.sending: after commit, retried while
it fails); each code goes once per package."""

import logging

from eoffice.attachments.services import stored_file_from_bytes
from eoffice.core.errors import ValidationFailed
from eoffice.exchange.data import Organisation
from eoffice.exchange.elements import code_of
from eoffice.exchange.models import DispatchKind, ReceivedPackage, SentStatus
from eoffice.exchange.sending import dispatch
from eoffice.exchange.status import build_status, status_label

logger = logging.getLogger(__name__)

ARRIVED, REFUSED, ACCEPTED, WAITING, IN_PROGRESS, DONE = "01", "02", "03", "04", "05", "06"
RECALL_ACCEPTED, RECALL_REFUSED = "15", "16"


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
            response_for_promulgation_date=package.header_date("promulgation_date"),
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
    sent = dispatch(kind=DispatchKind.STATUS, envelope=stored, recipient_organ_id=package.sender_organ_id)
    text = (description or status_label(code))[:500]
    return SentStatus.objects.create(package=package, code=code, description=text, dispatch=sent)
