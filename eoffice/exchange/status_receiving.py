"""A status package that arrived (receiving.receive_package hands it here): kept
whole as a ReceivedStatus and offered to the apps that send documents
(signals.status_received), whose receiver records it against the document and
recipient it answers. One nobody recognises is kept unmatched, with the reason,
and logged: no crash, no guess, and no answer is sent."""

import logging
from fnmatch import fnmatchcase
from typing import IO

from django.db import transaction

from eoffice.attachments.services import stored_file_from_stream
from eoffice.audit.services import audit_record
from eoffice.core.errors import ValidationFailed
from eoffice.exchange.models import ReceivedStatus
from eoffice.exchange.signals import status_received
from eoffice.exchange.status import status_of

logger = logging.getLogger(__name__)
UNMATCHED = "Không có văn bản nào đã gửi từ hệ thống khớp với trạng thái này (DocumentId và cơ quan phản hồi)."


def record_status(root, stream: IO[bytes], transport: str, reference: str, senders: list[str] | None = None) -> ReceivedStatus:
    """Keep the status package parsed as `root`, and have it matched (when its
    sender is one the delivering peer may send for: see receiving.receive_package)."""
    with transaction.atomic():
        raw = stored_file_from_stream(stream=stream, extension="edxml", content_type="application/xml")
        status = ReceivedStatus(raw=raw, transport=transport, reference=reference[:200])
        try:
            message = status_of(root)
            if senders is not None and not any(fnmatchcase(message.sender.organ_id, p) for p in senders):
                raise ValidationFailed(f"Bên liên thông này không được gửi trạng thái thay {message.sender.organ_id}.")
        except ValidationFailed as refusal:
            status.problem = refusal.message
            status.save()
        else:
            status.sender_organ_id, status.sender_name = message.sender.organ_id[:35], message.sender.organ_name[:200]
            status.document_id = message.response_for.document_id[:200]
            status.code, status.description = message.status_code[:2], message.description[:500]
            status.status_at, status.staff = message.timestamp, message.staff_info.staff[:200]
            status.save()
            replies = status_received.send(sender=ReceivedStatus, status=status)
            status.matched = any(reply is True for _, reply in replies)
            status.problem = "" if status.matched else UNMATCHED
            status.save(update_fields=["matched", "problem"])
        if not status.matched:
            logger.warning("status package %s not recorded: %s", reference or status.pk, status.problem)
        summary = f"Nhận trạng thái {status.code} của {status.sender_name or '?'} cho {status.document_id or '?'}"
        audit_record(actor=None, action="exchange.status_received", obj=status, summary=summary[:500])
    return status
