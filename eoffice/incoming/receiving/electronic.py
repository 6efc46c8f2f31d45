"""Văn bản điện tử chờ vào sổ: the registry registers or refuses the document
packages that arrived for its agency (exchange.receiving keeps them). Registering
takes the arrival number through incoming_register (gap-free, in the same
transaction) and shares the package's stored files; refusing keeps the package
with the reason (ND30 Art.21 §2b: the registry checks what arrives). The
sender is told: 03 and 04 on registering, 02 with the reason on refusing; the
handling services tell it 05 when the leader assigns and 06 when it is done.
A recall request (a package of business type 1) is accepted (15: the document
is withdrawn) or refused with the reason (16). An update or a replacement
(business type 2 or 3) is registered as a new document linked to the version
it supersedes (15 besides 03 and 04), or refused (16)."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from eoffice.audit.services import audit_record
from eoffice.core.errors import ValidationFailed
from eoffice.core.text import nfc
from eoffice.core.workflow import Check, refuse_unless
from eoffice.exchange import statuses
from eoffice.exchange.models import PackageState, ReceivedPackage
from eoffice.exchange.statuses import queue_status
from eoffice.incoming.models import IncomingAttachment, IncomingDocument, Source
from eoffice.incoming.receiving import workflow
from eoffice.incoming.receiving.interagency import incoming_withdrawn_by_issuer
from eoffice.incoming.receiving.packages import package_incoming_data, source_of
from eoffice.incoming.receiving.services import incoming_register
from eoffice.incoming.trace import write_trace
from eoffice.organisation.selectors import Actor

# Business types of a package that bring a new version of a document sent before.
UPDATES = {2: "Cập nhật", 3: "Thay thế"}


@transaction.atomic
def package_register(
    *, actor: Actor, package: ReceivedPackage, data: dict[str, Any] | None = None, confirm_duplicate: bool = False
) -> IncomingDocument:
    """Vào sổ: the package's fields, as the registry corrected them in `data`."""
    package = _locked(package)
    refuse_unless(workflow.can_handle_package(actor, package))
    values = {**package_incoming_data(package), **(data or {}), "source": source_of(package)}
    # The registry may mark it more confidential than its sender did, never less.
    values["confidentiality"] = max(int(values.get("confidentiality") or 0), package.confidentiality)
    earlier = _earlier_version(package)
    # A new version keeps the number and symbol of the one it supersedes: not a duplicate.
    document = incoming_register(actor=actor, data=values, confirm_duplicate=confirm_duplicate or earlier is not None)
    IncomingAttachment.objects.bulk_create(
        IncomingAttachment(document=document, stored_file_id=f.stored_file_id, filename=f.filename, uploaded_by=actor.user)
        for f in package.files.all()
    )
    document.package = package
    document.supersedes = earlier
    document.save(update_fields=["package", "supersedes", "updated_at"])
    _handled(actor, package, PackageState.REGISTERED)
    queue_status(package, statuses.ACCEPTED, staff=actor.user.full_name)
    queue_status(package, statuses.WAITING, staff=actor.user.full_name)
    way = "liên thông nội bộ" if document.source == Source.INTERNAL else "qua trục liên thông"
    write_trace(document, actor, "receive", f"Nhận văn bản điện tử từ {package.sender_name} ({way})")
    if package.business_doc_type in UPDATES:  # the update accepted: 15, and both versions say so
        queue_status(package, statuses.RECALL_ACCEPTED, staff=actor.user.full_name)
        _link_versions(actor, package, document)
    audit_record(
        actor=actor.user,
        action="exchange.registered",
        obj=package,
        agency=actor.agency,
        summary=f"Vào sổ gói tin, số đến {document.arrival_number}",
    )
    return document


@transaction.atomic
def package_refuse(*, actor: Actor, package: ReceivedPackage, reason: str) -> ReceivedPackage:
    """Từ chối tiếp nhận: the package stays, with the reason the sender is told
    (02; 16 for an update or a replacement, "từ chối cập nhật")."""
    code = statuses.RECALL_REFUSED if package.business_doc_type in UPDATES else statuses.REFUSED
    return _refused(actor, package, reason, workflow.can_handle_package, code, "exchange.refused", "Từ chối")


def _earlier_version(package: ReceivedPackage) -> IncomingDocument | None:
    """The registered document an update or a replacement is for (None for a new one,
    or when its first version never reached the register)."""
    if package.business_doc_type not in UPDATES or not package.previous_id:
        return None
    return IncomingDocument.objects.filter(package_id=package.previous_id).first()


def _link_versions(actor: Actor, package: ReceivedPackage, document: IncomingDocument) -> None:
    earlier = document.supersedes
    verb = UPDATES[package.business_doc_type]
    reason = package.header.get("business_doc_reason") or ""
    if earlier is None:
        write_trace(document, actor, "supersede", f"{verb} văn bản chưa vào sổ ở đây", opinion=reason)
        return
    write_trace(document, actor, "supersede", f"{verb} văn bản số đến {earlier.arrival_number}", opinion=reason)
    write_trace(earlier, actor, "superseded", f"Có bản {verb.lower()}: văn bản số đến {document.arrival_number}", opinion=reason)


@transaction.atomic
def package_recall_accept(*, actor: Actor, package: ReceivedPackage) -> ReceivedPackage:
    """Đồng ý thu hồi (ND30 Art.18 §4): the recalled document leaves every inbox
    with the reason in its trace (or, not registered yet, its package is marked
    withdrawn); the sender is told 15."""
    package = _locked(package)
    refuse_unless(workflow.can_handle_recall(actor, package))
    reason = package.header.get("business_doc_reason") or "Nơi gửi thu hồi văn bản"
    target = ReceivedPackage.objects.select_for_update().filter(pk=package.previous_id or 0).first()
    recalled = IncomingDocument.objects.filter(package=target).first() if target else None
    if recalled is not None:
        incoming_withdrawn_by_issuer(actor=actor, document=recalled, reason=reason, issuer=package.sender_name)
    elif target is not None and target.state == PackageState.RECEIVED:
        target.problem = f"Nơi gửi đã thu hồi: {reason}"[:1000]
        _handled(actor, target, PackageState.WITHDRAWN)
    _handled(actor, package, PackageState.ACCEPTED)
    queue_status(package, statuses.RECALL_ACCEPTED, staff=actor.user.full_name)
    summary = f"Đồng ý thu hồi văn bản {package.document_id}"[:500]
    audit_record(actor=actor.user, action="exchange.recall_accepted", obj=package, agency=actor.agency, summary=summary)
    return package


@transaction.atomic
def package_recall_refuse(*, actor: Actor, package: ReceivedPackage, reason: str) -> ReceivedPackage:
    """Từ chối thu hồi: the document stays; the sender is told 16 with the reason."""
    check = workflow.can_handle_recall
    return _refused(actor, package, reason, check, statuses.RECALL_REFUSED, "exchange.recall_refused", "Từ chối thu hồi")


def _refused(
    actor: Actor, package: ReceivedPackage, reason: str, check: Check, code: str, action: str, verb: str
) -> ReceivedPackage:
    reason = nfc(reason or "").strip()
    if len(reason) < 5:
        raise ValidationFailed(f"Hãy ghi lý do {verb.lower()} (ít nhất 5 ký tự).", fields={"reason": ["Thiếu lý do."]})
    package = _locked(package)
    refuse_unless(check(actor, package))
    package.problem = reason
    _handled(actor, package, PackageState.REFUSED)
    queue_status(package, code, reason, staff=actor.user.full_name)
    audit_record(actor=actor.user, action=action, obj=package, agency=actor.agency, summary=f"{verb}: {reason}"[:500])
    return package


def _locked(package: ReceivedPackage) -> ReceivedPackage:
    # Two clerks on the same package: the second sees it handled, not a second document.
    return ReceivedPackage.objects.select_for_update().get(pk=package.pk)


def _handled(actor: Actor, package: ReceivedPackage, state: str) -> None:
    package.state, package.handled_by, package.handled_at = state, actor.user, timezone.now()
    package.save(update_fields=["state", "problem", "handled_by", "handled_at"])
