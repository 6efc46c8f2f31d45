"""Gửi gói tin: every package we send (a document to a recipient, a status back
to a sender) is a Dispatch, handed to the configured transport by a job after
the transaction that made it commits.

An attempt first claims the row (one UPDATE that moves `next_attempt_at` a
lease ahead), so two workers never send the same package at once, and a worker
killed mid-send leaves it due again when the lease runs out; the periodic sweep
(tasks.send_due_task) then sends it. A receiver takes a repeat of the same
package without a second document (exchange.receiving), so a send repeated
after such a crash duplicates nothing. A failed attempt is tried again after
1, 2, 4 … minutes (capped at an hour); a package the receiver refuses for good
(transport.Rejected), or still failing after EOFFICE_EXCHANGE_SEND_ATTEMPTS, is a
dead letter until someone sends it again (retry)."""

import logging
import uuid
from datetime import timedelta
from typing import BinaryIO, cast

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from eoffice.attachments.models import StoredFile
from eoffice.core.choices import Confidentiality
from eoffice.exchange import transport
from eoffice.exchange.loopback import LoopbackTransport, is_hosted
from eoffice.exchange.models import Dispatch, SendState
from eoffice.exchange.signals import dispatch_settled
from eoffice.exchange.transport import Rejected
from eoffice.organisation.models import Agency

logger = logging.getLogger(__name__)
LEASE = timedelta(minutes=15)  # longer than the slowest transport's timeout
MAX_DELAY = timedelta(hours=1)
PENDING = [SendState.QUEUED, SendState.RETRYING]


def dispatch(
    *, kind: str, envelope: StoredFile, recipient_organ_id: str, message_id: str = "", confidentiality: int = 0
) -> Dispatch:
    """Queue one package; the job sends it once the current transaction commits."""
    row = Dispatch.objects.create(
        kind=kind,
        envelope=envelope,
        recipient_organ_id=recipient_organ_id,
        message_id=message_id or uuid.uuid4().hex,
        confidentiality=confidentiality,
    )
    transaction.on_commit(lambda: _enqueue(row.pk))
    return row


def _enqueue(dispatch_id: int) -> None:
    from eoffice.exchange.tasks import send_dispatch_task

    send_dispatch_task(dispatch_id)


def attempt(dispatch_id: int) -> Dispatch | None:
    """Send the package if it is due and no other worker holds it; None otherwise."""
    now = timezone.now()
    claimed = Dispatch.objects.filter(pk=dispatch_id, state__in=PENDING, next_attempt_at__lte=now).update(
        next_attempt_at=now + LEASE
    )
    if not claimed:
        return None
    row = Dispatch.objects.select_related("envelope").get(pk=dispatch_id)
    try:
        with row.envelope.file.open("rb") as envelope:  # handed over as a stream, never read whole
            stream = cast(BinaryIO, envelope)  # a Django File: read() in blocks like any binary file
            reference = _send(row, stream)
        row.reference = str(reference)
    except Rejected as refusal:
        _failed(row, str(refusal), dead=True)
    except OSError as error:
        _failed(row, str(error), dead=row.attempts + 1 >= settings.EOFFICE_EXCHANGE_SEND_ATTEMPTS)
    else:
        row.state, row.sent_at, row.last_error = SendState.SENT, timezone.now(), ""
        logger.info("edXML package %s sent: %s", row.message_id, row.reference)
    row.attempts += 1
    row.reference = row.reference[:500]
    row.save(update_fields=["state", "attempts", "last_error", "next_attempt_at", "reference", "sent_at"])
    dispatch_settled.send(sender=Dispatch, dispatch=row)
    return row


def _send(row: Dispatch, envelope: BinaryIO) -> str:
    """Loopback for an agency hosted here, whatever transport is configured for
    the others; a confidential package never leaves the installation."""
    if is_hosted(row.recipient_organ_id):
        return LoopbackTransport(row.confidentiality).send(
            envelope, message_id=row.message_id, recipient_organ_id=row.recipient_organ_id
        )
    if row.confidentiality > Confidentiality.NORMAL:
        raise Rejected("Văn bản mật không được gửi qua trục liên thông: nơi nhận không dùng hệ thống này.")
    return transport.send(envelope, message_id=row.message_id, recipient_organ_id=row.recipient_organ_id)


def _failed(row: Dispatch, error: str, *, dead: bool) -> None:
    # The cause goes to the log and the administrator's list; users see the package id.
    logger.warning("edXML package %s not sent (attempt %s): %s", row.message_id, row.attempts + 1, error)
    row.last_error = error[:500]
    if dead:
        row.state = SendState.DEAD
        return
    row.state = SendState.RETRYING
    delay = timedelta(seconds=settings.EOFFICE_EXCHANGE_RETRY_SECONDS) * 2**row.attempts
    row.next_attempt_at = timezone.now() + min(delay, MAX_DELAY)


def due() -> list[int]:
    """The packages whose next attempt is due (the periodic sweep sends them)."""
    rows = Dispatch.objects.filter(state__in=PENDING, next_attempt_at__lte=timezone.now())
    return list(rows.order_by("next_attempt_at").values_list("pk", flat=True)[:500])


def send_hosted_now() -> int:
    """Send at once every package due for an agency of this installation, and
    the statuses their receipt queues, until none is left; the count sent. For
    a story built in one transaction (the demo), whose jobs would run only after it."""
    sent = 0
    while True:
        hosted = Agency.objects.filter(hosted=True).exclude(organ_id=None).values("organ_id")
        rows = Dispatch.objects.filter(state__in=PENDING, next_attempt_at__lte=timezone.now(), recipient_organ_id__in=hosted)
        due_now = list(rows.order_by("next_attempt_at", "pk").values_list("pk", flat=True))
        if not due_now:
            return sent
        sent += sum(attempt(pk) is not None for pk in due_now)


@transaction.atomic
def retry(row: Dispatch) -> Dispatch:
    """Gửi lại: a dead letter (or a package waiting for its next attempt) is
    sent again now, with the same message id, so the receiver sees one message.
    The callers check who may do it and audit it."""
    row = Dispatch.objects.select_for_update().get(pk=row.pk)
    if row.state == SendState.SENT:
        return row
    row.state, row.next_attempt_at = SendState.QUEUED, timezone.now()
    if row.attempts >= settings.EOFFICE_EXCHANGE_SEND_ATTEMPTS:
        row.attempts = 0  # a fresh round of attempts
    row.save(update_fields=["state", "next_attempt_at", "attempts"])
    transaction.on_commit(lambda: _enqueue(row.pk))
    return row
