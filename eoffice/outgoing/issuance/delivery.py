"""Phát hành: delivering an issued document to each recipient as an edXML
package, sent by a job after the issuing transaction commits: over the exchange
to an agency outside the installation, by loopback (exchange.loopback) to one
inside it, where it waits for that agency's registry like any electronic
arrival, and the statuses come back the same way; and recalling it."""

import uuid
from typing import Any, cast

from django.db import transaction
from django.dispatch import receiver

from eoffice.attachments.services import stored_file_from_bytes
from eoffice.core.choices import Confidentiality
from eoffice.core.errors import InvalidState, ValidationFailed
from eoffice.core.workflow import refuse_unless
from eoffice.exchange import sending
from eoffice.exchange.models import Dispatch, DispatchKind, SendState, TransportKind
from eoffice.exchange.signals import dispatch_settled
from eoffice.incoming.models import IncomingDocument
from eoffice.incoming.receiving.interagency import incoming_answered, incoming_withdrawn_by_issuer
from eoffice.organisation.selectors import Actor
from eoffice.outgoing import workflow
from eoffice.outgoing.models import Delivery, OutgoingDocument, Recipient
from eoffice.outgoing.services import audit_step


def check_recipients(document: OutgoingDocument) -> None:
    """Every recipient needs an electronic identifier (mã định danh) for its
    package, and so does the sender; a confidential document goes only to
    agencies of this installation."""
    recipients = list(document.recipients.select_related("agency"))
    missing = [r.agency.name for r in recipients if not r.agency.organ_id]
    if missing:
        raise ValidationFailed(
            f"Nơi nhận “{missing[0]}” chưa có mã định danh điện tử, không thể gửi văn bản điện tử. "
            "Hãy bổ sung mã định danh của cơ quan này hoặc bỏ khỏi danh sách nơi nhận.",
            fields={"recipients": [f"“{name}” chưa có mã định danh." for name in missing]},
        )
    external = any(not r.agency.hosted for r in recipients)
    if external and document.confidentiality > Confidentiality.NORMAL:
        raise ValidationFailed(
            "Văn bản mật không được gửi qua trục liên thông: hãy gửi bản giấy cho nơi nhận ngoài hệ thống "
            "và bỏ họ khỏi danh sách gửi điện tử.",
            fields={"recipients": ["Văn bản mật chỉ gửi điện tử trong hệ thống."]},
        )
    if recipients and not document.agency.organ_id:
        raise ValidationFailed(f"{document.agency.name} chưa có mã định danh điện tử, không thể gửi văn bản điện tử.")


def deliver(*, actor: Actor, document: OutgoingDocument) -> None:
    """Inside the issuing transaction: the packages built now and sent by a job
    after commit. Answered documents are closed."""
    for recipient in document.recipients.select_related("agency"):
        _queue_package(document, recipient)
        recipient.save()
    for answered in document.answers.all():
        incoming_answered(actor=actor, document=answered, answer_reference=document.symbol_display)


def _queue_package(document: OutgoingDocument, recipient: Recipient) -> None:
    from eoffice.outgoing.issuance.edxml import envelope_for

    recipient.message_id = uuid.uuid4().hex
    package = envelope_for(document, recipient)
    recipient.package = stored_file_from_bytes(data=package, extension="edxml", content_type="application/xml")
    recipient.status = Delivery.QUEUED
    recipient.dispatch = sending.dispatch(
        kind=DispatchKind.DOCUMENT,
        envelope=recipient.package,
        recipient_organ_id=cast(str, recipient.agency.organ_id),  # check_recipients: every one has it
        message_id=recipient.message_id,
        confidentiality=document.confidentiality,  # check_recipients: only to agencies hosted here
    )


def recall(*, actor: Actor, document: OutgoingDocument, reason: str) -> None:
    """Every recipient the package went to gets a revocation package
    (BussinessDocType 1) for its registry to accept (15) or refuse (16). A copy
    registered directly by an earlier version of eOffice leaves its inboxes now."""
    for recipient in document.recipients.select_related("agency", "incoming"):
        if recipient.incoming_id:
            copy = IncomingDocument.objects.get(pk=recipient.incoming_id)
            incoming_withdrawn_by_issuer(actor=actor, document=copy, reason=reason)
        elif recipient.status in (Delivery.QUEUED, Delivery.SENT, Delivery.DELIVERED):
            _queue_package(document, recipient)
        recipient.status = Delivery.RECALLED if recipient.incoming_id else recipient.status
        recipient.note = f"Thu hồi: {reason}"[:500]
        recipient.save()


@transaction.atomic
def outgoing_resend(*, actor: Actor, document: OutgoingDocument, recipient: int) -> Recipient:
    """Gửi lại: the registry sends a package again after the automatic retries
    gave up (the same package and message id: the receiver sees one message)."""
    refuse_unless(workflow.can_resend(actor, document))
    row = Recipient.objects.filter(pk=recipient, document=document)
    if not row:
        raise ValidationFailed("Không có nơi nhận này.", fields={"recipient": ["Không tìm thấy."]})
    return resend(actor=actor, recipient=row[0])


@transaction.atomic
def resend(*, actor: Actor, recipient: Recipient) -> Recipient:
    """Gửi lại the package of one recipient (see outgoing_resend)."""
    # Only the recipient's row is locked: PostgreSQL cannot lock the nullable side of
    # the outer join to its dispatch (sending.retry locks that one itself).
    rows = Recipient.objects.select_for_update(of=("self",)).select_related("document", "agency", "dispatch")
    recipient = rows.get(pk=recipient.pk)
    document = recipient.document
    refuse_unless(workflow.can_resend(actor, document))
    if recipient.status != Delivery.FAILED or recipient.dispatch is None:
        state = recipient.get_status_display()
        raise InvalidState(f"Chỉ gửi lại được khi gửi lỗi; nơi nhận “{recipient.agency.name}” đang ở trạng thái “{state}”.")
    sending.retry(recipient.dispatch)
    recipient.status = Delivery.QUEUED
    recipient.save(update_fields=["status", "updated_at"])
    audit_step(document, actor, "resend", f"Gửi lại gói tin cho {recipient.agency.name}", recipient=recipient.pk)
    return recipient


@receiver(dispatch_settled, sender=Dispatch, dispatch_uid="outgoing-recipient-delivery")
def follow_dispatch(sender: Any, dispatch: Dispatch, **kwargs: Any) -> None:
    """A recipient's package was sent, failed (retried later) or given up on."""
    notes = {
        SendState.SENT: (Delivery.SENT, "Mã gói tin {id}"),
        SendState.RETRYING: (Delivery.FAILED, "Gửi lỗi, hệ thống tự gửi lại. Mã gói tin {id}"),
        SendState.DEAD: (Delivery.FAILED, "Không gửi được sau {n} lần, hãy gửi lại. Mã gói tin {id}"),
    }
    if dispatch.kind != DispatchKind.DOCUMENT or dispatch.state not in notes:
        return
    status, note = notes[SendState(dispatch.state)]
    if status == Delivery.SENT and dispatch.reference.startswith(f"{TransportKind.LOOPBACK}:"):
        status = Delivery.DELIVERED
    for recipient in Recipient.objects.filter(dispatch=dispatch).exclude(status=Delivery.RECALLED):
        recipient.status, recipient.note = status, note.format(id=dispatch.message_id, n=dispatch.attempts)
        recipient.save(update_fields=["status", "note", "updated_at"])
