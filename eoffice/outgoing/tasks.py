"""The background job of outgoing documents: an edXML package handed to the
exchange after the issuing (or recalling) transaction commits, retried while
the transport refuses it. issuance/delivery.py queues it; it imports nothing back."""

import logging
from typing import cast

from huey.contrib.djhuey import db_task

from eoffice.attachments.models import StoredFile
from eoffice.outgoing.models import Delivery, Recipient

logger = logging.getLogger(__name__)


class NotSent(Exception):
    """Raised so that huey retries a package the transport refused."""


@db_task(retries=3, retry_delay=60)  # type: ignore[untyped-decorator]  # huey ships no type information
def send_package_task(recipient_id: int) -> None:
    recipient = Recipient.objects.select_related("agency", "package").filter(pk=recipient_id).first()
    if recipient is not None and send_package(recipient=recipient).status == Delivery.FAILED:
        raise NotSent(f"edXML package {recipient.message_id} not sent")


def send_package(*, recipient: Recipient) -> Recipient:
    """Hand the package to the exchange transport; idempotent. A failed
    package stays FAILED until a retry (send_package_task) succeeds."""
    from eoffice.exchange.transport import send

    if recipient.status not in (Delivery.QUEUED, Delivery.FAILED):
        return recipient
    try:
        reference = send(
            cast(StoredFile, recipient.package).file.open("rb").read(),  # queued and failed ones have their package
            message_id=recipient.message_id,
            recipient_organ_id=cast(str, recipient.agency.organ_id),  # an agency on the exchange
        )
    except OSError as error:
        # The cause goes to the log; users see the package id, not server paths.
        logger.warning("edXML package %s not sent: %s", recipient.message_id, error)
        recipient.status, recipient.note = Delivery.FAILED, f"Gửi lỗi, hệ thống tự gửi lại. Mã gói tin {recipient.message_id}"
    else:
        logger.info("edXML package %s sent: %s", recipient.message_id, reference)
        recipient.status, recipient.note = Delivery.SENT, f"Mã gói tin {recipient.message_id}"
    recipient.save(update_fields=["status", "note", "updated_at"])
    return recipient
