"""Ký số, cấp số, ban hành, thu hồi (ND30 Art.13–18).

The signer signs the unnumbered PDF; at issuance the registry fills the
number and date into the form fields the renderer left for them (an
incremental update the signer's signature allows), then applies the agency's
signature. A failed issuance rolls back whole, number included."""

from typing import cast

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from eoffice.attachments.models import StoredFile
from eoffice.attachments.services import stored_file_create
from eoffice.core.errors import ValidationFailed
from eoffice.core.text import nfc
from eoffice.core.workflow import refuse_unless
from eoffice.organisation.selectors import Actor
from eoffice.outgoing import chain, notices, workflow
from eoffice.outgoing.drafting.templating import layout_for
from eoffice.outgoing.issuance import delivery
from eoffice.outgoing.models import OutgoingDocument, Status
from eoffice.outgoing.register.numbering import code_number_for, rules_for, symbol_for, take_number
from eoffice.outgoing.rendering import render_pdf
from eoffice.outgoing.rendering.layout import format_issue_date, format_number_line
from eoffice.outgoing.services import audit_step, grant_next_actors
from eoffice.outgoing.signals import document_issued
from eoffice.signatures import confirmation, images
from eoffice.signatures.filling import fill_fields
from eoffice.signatures.models import SigningKey, agency_key, personal_key
from eoffice.signatures.services import sign_pdf, top_right_box


def _file_name(document: OutgoingDocument) -> str:
    if document.code_number:
        return f"{document.code_number}-{document.code_notation}.pdf".replace("/", "-")
    return f"du-thao-{document.pk}-v{document.version}.pdf"


def _store(data: bytes, name: str) -> StoredFile:
    return stored_file_create(upload=ContentFile(data, name=name))


@transaction.atomic
def outgoing_sign(*, actor: Actor, document: OutgoingDocument, pin: str = "") -> OutgoingDocument:
    """Ký số: the signer signs the approved draft with their own certificate
    (confirmed with the key's PIN when the key has one)."""
    document = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
    refuse_unless(workflow.can_sign(actor, document))
    step = chain.acting_step(document)
    key = personal_key(document.signer if actor.user.pk != document.signer_id else actor.user, document.agency)
    if key is None:
        raise ValidationFailed(f"{document.signer} chưa được cấp chứng thư số để ký văn bản.")
    confirmation.confirm(key, pin)
    rendered = render_pdf(layout_for(document))
    # The signature image at its printed size, centred between position and name.
    box = images.centred(key, rendered.signer_box) if key.image else rendered.signer_box
    signed = sign_pdf(
        data=rendered.data,
        key=key,
        field_name="eoffice_signer",
        box=box,
        reason=f"Ký ban hành {document.type_name}",
        location=layout_for(document).place,
    )
    document.signed_file = _store(signed, _file_name(document))
    # whole_lines: the number and date fields span their lines (filled as typed).
    document.boxes = {"signer": list(box), "agency": list(rendered.agency_box), "whole_lines": True}
    document.page_amount = rendered.pages
    document.signed_at = timezone.now()
    document.status = Status.SIGNED
    document.save(update_fields=["signed_file", "boxes", "page_amount", "signed_at", "status", "updated_at"])
    step.approved_version, step.acted_by, step.acted_at = document.version, actor.user, document.signed_at
    step.save()
    grant_next_actors(document, actor)  # the registry, for a confidential document
    audit_step(document, actor, "sign", f"Ký số văn bản (phiên bản {document.version})", certificate=key.label)
    notices.signed(document, actor)
    return document


@transaction.atomic
def outgoing_issue(*, actor: Actor, document: OutgoingDocument, pin: str = "") -> OutgoingDocument:
    """Cấp số, đăng ký, ký số của cơ quan và phát hành, in one transaction (the
    agency key confirmed with its PIN when it has one); then the modules above
    are told (signals.document_issued), still inside it."""
    # Lock the document row only: a bare FOR UPDATE would also lock the joined
    # agency row, stalling every insert that references the agency (its FK
    # check) for the whole issuance, signing included.
    document = (
        OutgoingDocument.objects.select_for_update(of=("self",)).select_related("agency", "drafting_unit").get(pk=document.pk)
    )
    refuse_unless(workflow.can_issue(actor, document))
    delivery.check_recipients(document)
    key = agency_key(document.agency)
    if key is None:
        raise ValidationFailed(f"{document.agency} chưa có chứng thư số của cơ quan để ký ban hành.")
    confirmation.confirm(key, pin)
    now = timezone.localtime()
    rules = rules_for(document.agency)
    register_id, number = take_number(document, rules=rules, year=now.year)
    document.register_id, document.number = register_id, number
    document.code_number = code_number_for(number, year=now.year, normative=document.normative)
    document.code_notation = symbol_for(document, rules)
    document.issued_date, document.issued_at, document.issued_by = now.date(), now, actor.user
    number_line = format_number_line(document.code_number, document.code_notation)
    filled = fill_fields(
        data=cast(StoredFile, document.signed_file).file.open("rb").read(),  # can_issue: only a SIGNED document
        values={"eoffice_number": document.code_number, "eoffice_day": f"{now.day:02d}", "eoffice_month": _month(now.month)},
        title=f"{document.type_name} {number_line}",
        lines=_whole_lines(document, number_line) if document.boxes.get("whole_lines") else None,
    )
    if key.image:  # the seal, over the left third of the signature (ND30 PL1 II.8.a)
        document.boxes["agency"] = list(images.over_signature(key, tuple(document.boxes["signer"])))
    final = sign_pdf(
        data=filled,
        key=key,
        field_name="eoffice_agency",
        box=tuple(document.boxes["agency"]),
        reason="Ban hành văn bản",
        location=layout_for(document).place,
        stamp_lines=[document.agency.name, f"{document.code_number}/{document.code_notation}", now.isoformat(timespec="seconds")],
        color="black",
    )
    document.issued_file = _store(final, _file_name(document))
    _sign_attachments(document, key)
    document.status = Status.ISSUED
    document.save()
    audit_step(document, actor, "issue", f"Cấp số {document.symbol_display} và ban hành", certificate=key.label)
    notices.issued(document, actor)
    delivery.deliver(actor=actor, document=document)
    document_issued.send(sender=OutgoingDocument, document=document, actor=actor)
    return document


def _sign_attachments(document: OutgoingDocument, key: SigningKey) -> None:
    """II.8.b: a PDF sent in a file of its own beside the document gets the
    agency's signature too, top right of page 1, no image: the agency, the
    number and symbol, the time (ISO 8601). The upload stays linked."""
    for attachment in document.attachments.select_related("stored_file"):
        if not attachment.stored_file.is_pdf:
            continue  # DOCX, XLSX, images: sent as uploaded (PAdES signs PDFs only)
        with attachment.stored_file.file.open("rb") as handle:
            data = handle.read()
        try:
            signed = sign_pdf(
                data=data,
                key=key,
                field_name="eoffice_agency",
                box=top_right_box(data),
                reason=f"Văn bản kèm theo {document.code_number}/{document.code_notation}",
                location=layout_for(document).place,
                stamp_lines=[document.agency.name, f"{document.code_number}/{document.code_notation}", "{signing_time}"],
                show_image=False,
            )
        except ValidationFailed as error:
            raise ValidationFailed(f"Tệp đính kèm “{attachment.filename}” không ký số được: {error.message}") from error
        attachment.uploaded_file = attachment.stored_file
        attachment.stored_file = _store(signed, attachment.filename)
        attachment.save(update_fields=["uploaded_file", "stored_file"])


def _whole_lines(document: OutgoingDocument, number_line: str) -> dict[str, tuple[str, str]]:
    """The number and date lines as a person types them: "Số: 05/QĐ-VP",
    "Hải Phòng, ngày 07 tháng 12 năm 2026" (the year of issue, too)."""
    date_line = format_issue_date(layout_for(document).place, document.issued_date)
    return {"eoffice_number": (number_line, "regular"), "eoffice_day": (date_line, "italic"), "eoffice_month": ("", "italic")}


def _month(month: int) -> str:
    """Months 1 and 2 take a leading zero on documents, the others none."""
    return f"{month:02d}" if month <= 2 else str(month)


@transaction.atomic
def outgoing_recall(*, actor: Actor, document: OutgoingDocument, reason: str) -> OutgoingDocument:
    """Thu hồi: the document is frozen and every recipient's copy recalled."""
    document = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
    refuse_unless(workflow.can_recall(actor, document))
    reason = nfc(reason or "").strip()
    if len(reason) < 5:
        raise ValidationFailed("Cần nêu lý do thu hồi.", fields={"reason": ["Lý do thu hồi là bắt buộc."]})
    document.status, document.recalled_at, document.recall_reason = Status.RECALLED, timezone.now(), reason[:500]
    document.save(update_fields=["status", "recalled_at", "recall_reason", "updated_at"])
    delivery.recall(actor=actor, document=document, reason=reason)
    audit_step(document, actor, "recall", f"Thu hồi văn bản {document.symbol_display}: {reason[:200]}")
    return document
