"""Drafting of outgoing documents (ND30 Art.10–11): the draft and every
version of it, its recipients and the incoming documents it answers, its files
(tệp đính kèm, phụ lục). Review is in review/services.py; signing and issuance
in issuance/services.py."""

from collections.abc import Collection, Iterable
from typing import Any, cast

from django.core.files.base import File
from django.db import transaction

from eoffice.attachments.services import stored_file_create
from eoffice.core.choices import Confidentiality
from eoffice.core.errors import ValidationFailed, require
from eoffice.core.text import nfc
from eoffice.core.workflow import refuse_unless
from eoffice.incoming.models import IncomingDocument
from eoffice.organisation.models import Agency, Membership, Role, Unit, User
from eoffice.organisation.selectors import Actor, today
from eoffice.outgoing import workflow
from eoffice.outgoing.drafting.validation import DRAFT_FIELDS, check_draft_data
from eoffice.outgoing.models import AccessGrant, DraftVersion, OutgoingAttachment, OutgoingDocument, Recipient
from eoffice.outgoing.services import audit_step


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {key: nfc(data[key]) for key in DRAFT_FIELDS if key in data and data[key] is not None}


def _snapshot(document: OutgoingDocument) -> dict[str, Any]:
    fields = {name: getattr(document, name) for name in DRAFT_FIELDS}
    fields["due_date"] = document.due_date.isoformat() if document.due_date else None
    fields["signer_id"] = document.signer_id
    return fields


def _save_version(document: OutgoingDocument, actor: Actor, note: str = "") -> DraftVersion:
    return DraftVersion.objects.create(
        document=document, number=document.version, fields=_snapshot(document), created_by=actor.user, note=nfc(note)[:500]
    )


def _check_signer(agency: Agency, signer: User) -> None:
    roles = set(Membership.objects.filter(agency=agency, user=signer).values_list("role", flat=True))
    if not roles & {Role.LEADER, Role.UNIT_HEAD}:
        raise ValidationFailed(
            "Người ký phải là lãnh đạo của cơ quan hoặc lãnh đạo đơn vị (ký thừa lệnh).",
            fields={"signer": ["Không có thẩm quyền ký văn bản của cơ quan."]},
        )


def _position_of(agency: Agency, user: User) -> str:
    """The signer's title in the agency, for a draft that leaves it blank."""
    titles = Membership.objects.filter(agency=agency, user=user).exclude(position="").values_list("position", flat=True)
    return next(iter(titles), "")


def _set_answers(document: OutgoingDocument, actor: Actor, answers: Collection[IncomingDocument]) -> None:
    for incoming in answers:
        require(
            isinstance(incoming, IncomingDocument) and incoming.agency_id == document.agency_id,
            "Chỉ trả lời được văn bản đến của chính cơ quan.",
        )
    document.answers.set(answers)


def _set_recipients(document: OutgoingDocument, agencies: Collection[Agency]) -> None:
    wanted = {agency.pk for agency in agencies}
    if document.agency_id in wanted:
        raise ValidationFailed(
            "Không gửi văn bản cho chính cơ quan ban hành.", fields={"recipients": ["Trùng cơ quan ban hành."]}
        )
    document.recipients.exclude(agency_id__in=wanted).delete()
    existing = set(document.recipients.values_list("agency_id", flat=True))
    # In the order given: the register and the recipients' list print them so.
    new = [agency.pk for agency in dict.fromkeys(agencies) if agency.pk not in existing]
    Recipient.objects.bulk_create(Recipient(document=document, agency_id=pk) for pk in new)


@transaction.atomic
def outgoing_create(
    *,
    actor: Actor,
    data: dict[str, Any],
    signer: User,
    recipients: Collection[Agency] = (),
    answers: Collection[IncomingDocument] = (),
    files: Iterable["File[bytes]"] = (),
    files_appendix: bool = False,
    unit: Unit | None = None,
) -> OutgoingDocument:
    """Dự thảo: a specialist or unit head starts a draft in their unit."""
    units = actor.unit_ids if unit is None else {unit.pk} & set(actor.unit_ids)
    require(bool(units), "Chỉ cán bộ thuộc một đơn vị của cơ quan mới được soạn thảo văn bản.")
    data = _clean(data)
    if not (data.get("signer_position") or "").strip():
        data["signer_position"] = _position_of(actor.agency, signer)
    check_draft_data(data, today=today())
    _check_signer(actor.agency, signer)
    document = OutgoingDocument.objects.create(
        agency=actor.agency, drafting_unit_id=min(units), drafter=actor.user, signer=signer, **data
    )
    _set_recipients(document, recipients)
    _set_answers(document, actor, answers)
    for upload in files:
        attachment_add(actor=actor, document=document, upload=upload, is_appendix=files_appendix)
    if document.confidentiality > Confidentiality.NORMAL:
        AccessGrant.objects.get_or_create(document=document, user=actor.user, defaults={"granted_by": actor.user})
    _save_version(document, actor, "Dự thảo đầu tiên")
    audit_step(document, actor, "create", f"Tạo dự thảo {document.type_name}: {document.subject[:200]}")
    return document


@transaction.atomic
def outgoing_update(
    *,
    actor: Actor,
    document: OutgoingDocument,
    data: dict[str, Any],
    signer: User | None = None,
    recipients: Collection[Agency] | None = None,
    answers: Collection[IncomingDocument] | None = None,
    note: str = "",
    files: Iterable["File[bytes]"] = (),
    files_appendix: bool = False,
    remove_attachments: Iterable[int | str] = (),
    appendix_attachments: Collection[int | str] | None = None,
) -> OutgoingDocument:
    """A new version of the draft. Approvals given to earlier versions no
    longer count (ND30 Art.11), so the chain starts again on re-submission.
    The draft's files change in the same transaction: `remove_attachments`
    (ids) are taken off, `appendix_attachments` (ids, None = unchanged) is the
    set of files that are phụ lục afterwards, `files` are new uploads."""
    document = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
    refuse_unless(workflow.can_edit(actor, document))
    changes = _clean(data)
    merged = {name: getattr(document, name) for name in DRAFT_FIELDS} | changes
    check_draft_data(merged, today=today())
    if signer is not None:
        _check_signer(document.agency, signer)
        document.signer = signer
    for name, value in changes.items():
        setattr(document, name, value)
    document.version += 1
    document.save()
    if recipients is not None:
        _set_recipients(document, recipients)
    if answers is not None:
        _set_answers(document, actor, answers)
    _save_version(document, actor, note)
    audit_step(document, actor, "update", f"Sửa dự thảo, phiên bản {document.version}", version=document.version)
    _change_files(actor, document, files, files_appendix, remove_attachments, appendix_attachments)
    return document


def _change_files(
    actor: Actor,
    document: OutgoingDocument,
    files: Iterable["File[bytes]"],
    files_appendix: bool,
    remove_ids: Iterable[int | str],
    appendix_ids: Collection[int | str] | None,
) -> None:
    attachments = {str(a.pk): a for a in document.attachments.select_related("stored_file")}
    removed = {str(pk) for pk in remove_ids}
    unknown = removed - set(attachments) | ({str(pk) for pk in appendix_ids or ()} - set(attachments))
    if unknown:
        raise ValidationFailed("Tệp không thuộc dự thảo này.", fields={"attachment": [f"Không có tệp id {min(unknown)}."]})
    for key in removed:
        attachment_remove(actor=actor, document=document, attachment=attachments[key])
    if appendix_ids is not None:
        appendix = {str(pk) for pk in appendix_ids}
        for key, attachment in attachments.items():
            if key not in removed and attachment.is_appendix != (key in appendix):
                attachment_mark(actor=actor, document=document, attachment=attachment, is_appendix=key in appendix)
    for upload in files:
        attachment_add(actor=actor, document=document, upload=upload, is_appendix=files_appendix)


def _attachment_kind(is_appendix: bool) -> str:
    return "phụ lục" if is_appendix else "tệp đính kèm"


def _own_attachment(document: OutgoingDocument, attachment: OutgoingAttachment | None) -> OutgoingAttachment:
    if attachment is None or attachment.document_id != document.pk:
        raise ValidationFailed("Tệp không thuộc dự thảo này.", fields={"attachment": ["Không có tệp này."]})
    return attachment


@transaction.atomic
def attachment_add(
    *, actor: Actor, document: OutgoingDocument, upload: "File[bytes]", is_appendix: bool = False
) -> OutgoingAttachment:
    """Tệp đính kèm or phụ lục uploaded to a draft (checked for type and size by stored_file_create)."""
    refuse_unless(workflow.can_change_files(actor, document, "đính kèm tệp"))
    stored = stored_file_create(upload=upload)
    name = cast(str, upload.name)  # stored_file_create accepted it: an upload always carries a name
    attachment = OutgoingAttachment.objects.create(
        document=document, stored_file=stored, filename=nfc(name)[:255], is_appendix=is_appendix, uploaded_by=actor.user
    )
    summary = f"Đính kèm {_attachment_kind(is_appendix)} “{attachment.filename}”"
    audit_step(document, actor, "attachment_add", summary, attachment=attachment.pk)
    return attachment


@transaction.atomic
def attachment_remove(*, actor: Actor, document: OutgoingDocument, attachment: OutgoingAttachment | None) -> None:
    """Bỏ a file from the draft. The stored file stays (earlier versions and the
    audit trail may name it); only its link to the draft goes."""
    document = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
    refuse_unless(workflow.can_change_files(actor, document, "bỏ tệp đính kèm"))
    attachment = _own_attachment(document, attachment)
    summary = f"Bỏ {_attachment_kind(attachment.is_appendix)} “{attachment.filename}”"
    audit_step(document, actor, "attachment_remove", summary, attachment=attachment.pk, stored_file=attachment.stored_file_id)
    # Through the queryset: the caller's instance keeps its pk should a later step roll this back.
    OutgoingAttachment.objects.filter(pk=attachment.pk).delete()


@transaction.atomic
def attachment_mark(
    *, actor: Actor, document: OutgoingDocument, attachment: OutgoingAttachment | None, is_appendix: bool
) -> OutgoingAttachment:
    """Mark a file of the draft as phụ lục (appendix) or as an ordinary attachment."""
    document = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
    refuse_unless(workflow.can_change_files(actor, document, "sửa tệp đính kèm"))
    attachment = _own_attachment(document, attachment)
    if attachment.is_appendix != is_appendix:
        attachment.is_appendix = is_appendix
        attachment.save(update_fields=["is_appendix"])
        summary = f"“{attachment.filename}” là {_attachment_kind(is_appendix)}"
        audit_step(document, actor, "attachment_mark", summary, attachment=attachment.pk, is_appendix=is_appendix)
    return attachment
