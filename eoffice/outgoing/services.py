"""Drafting and review of outgoing documents (ND30 Art.10–13). Signing and
issuance are in issuance.py."""

from typing import cast

from django.db import transaction
from django.utils import timezone

from eoffice.attachments.services import stored_file_create
from eoffice.audit.services import audit_record
from eoffice.core.choices import Confidentiality
from eoffice.core.errors import InvalidState, ValidationFailed, require, require_state
from eoffice.core.text import nfc
from eoffice.incoming.models import IncomingDocument
from eoffice.organisation.models import Agency, Membership, Role, User
from eoffice.organisation.selectors import Actor, today
from eoffice.outgoing import chain
from eoffice.outgoing.models import (
    AccessGrant,
    Comment,
    DraftVersion,
    OutgoingAttachment,
    OutgoingDocument,
    Recipient,
    ReviewStep,
    Status,
)
from eoffice.outgoing.validation import DRAFT_FIELDS, check_draft_data

EDITABLE = {Status.DRAFT, Status.RETURNED}


def _audit(document, actor: Actor, action: str, summary: str, **data) -> None:
    audit_record(actor=actor.user, action=f"outgoing.{action}", obj=document, agency=document.agency, summary=summary, data=data)


def _clean(data: dict) -> dict:
    return {key: nfc(data[key]) for key in DRAFT_FIELDS if key in data and data[key] is not None}


def _snapshot(document) -> dict:
    fields = {name: getattr(document, name) for name in DRAFT_FIELDS}
    fields["due_date"] = document.due_date.isoformat() if document.due_date else None
    fields["signer_id"] = document.signer_id
    return fields


def _save_version(document, actor: Actor, note: str = "") -> DraftVersion:
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


def grant_next_actors(document, actor: Actor) -> None:
    """A confidential draft is seen by whoever must act on it next (the format
    checker, the signer, the registry): the chain grants them access, audited."""
    if document.confidentiality == Confidentiality.NORMAL:
        return
    for user_id in chain.next_actor_ids(document):
        _, created = AccessGrant.objects.get_or_create(document=document, user_id=user_id, defaults={"granted_by": actor.user})
        if created:
            _audit(document, actor, "grant", "Cấp quyền xem văn bản mật theo quy trình duyệt", user=user_id)


def _position_of(agency: Agency, user: User) -> str:
    """The signer's title in the agency, for a draft that leaves it blank."""
    titles = Membership.objects.filter(agency=agency, user=user).exclude(position="").values_list("position", flat=True)
    return next(iter(titles), "")


def _set_answers(document, actor: Actor, answers) -> None:
    for incoming in answers:
        require(
            isinstance(incoming, IncomingDocument) and incoming.agency_id == document.agency_id,
            "Chỉ trả lời được văn bản đến của chính cơ quan.",
        )
    document.answers.set(answers)


def _set_recipients(document, agencies) -> None:
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
    *, actor: Actor, data: dict, signer: User, recipients=(), answers=(), files=(), files_appendix=False, unit=None
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
    _audit(document, actor, "create", f"Tạo dự thảo {document.type_name}: {document.subject[:200]}")
    return document


@transaction.atomic
def outgoing_update(
    *, actor: Actor, document, data: dict, signer: User | None = None, recipients=None, answers=None, note=""
) -> OutgoingDocument:
    """A new version of the draft. Approvals given to earlier versions no
    longer count (ND30 Art.11), so the chain starts again on re-submission."""
    document = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
    require(actor.user.pk == document.drafter_id, "Chỉ người soạn thảo mới được sửa dự thảo.")
    require_state(document, EDITABLE, "sửa dự thảo")
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
    _audit(document, actor, "update", f"Sửa dự thảo, phiên bản {document.version}", version=document.version)
    return document


def _attachment_kind(is_appendix: bool) -> str:
    return "phụ lục" if is_appendix else "tệp đính kèm"


def _editing(actor: Actor, document, action: str) -> None:
    """The draft's files change only by its drafter while it may be edited."""
    require(actor.user.pk == document.drafter_id, "Chỉ người soạn thảo mới được thay đổi tệp của dự thảo.")
    require_state(document, EDITABLE, action)


def _own_attachment(document, attachment) -> OutgoingAttachment:
    if attachment is None or attachment.document_id != document.pk:
        raise ValidationFailed("Tệp không thuộc dự thảo này.", fields={"attachment": ["Không có tệp này."]})
    return attachment


@transaction.atomic
def attachment_add(*, actor: Actor, document, upload, is_appendix: bool = False) -> OutgoingAttachment:
    """Tệp đính kèm or phụ lục uploaded to a draft (checked for type and size by stored_file_create)."""
    _editing(actor, document, "đính kèm tệp")
    stored = stored_file_create(upload=upload)
    attachment = OutgoingAttachment.objects.create(
        document=document, stored_file=stored, filename=nfc(upload.name)[:255], is_appendix=is_appendix, uploaded_by=actor.user
    )
    summary = f"Đính kèm {_attachment_kind(is_appendix)} “{attachment.filename}”"
    _audit(document, actor, "attachment_add", summary, attachment=attachment.pk)
    return attachment


@transaction.atomic
def attachment_remove(*, actor: Actor, document, attachment) -> None:
    """Bỏ a file from the draft. The stored file stays (earlier versions and the
    audit trail may name it); only its link to the draft goes."""
    document = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
    _editing(actor, document, "bỏ tệp đính kèm")
    attachment = _own_attachment(document, attachment)
    summary = f"Bỏ {_attachment_kind(attachment.is_appendix)} “{attachment.filename}”"
    _audit(document, actor, "attachment_remove", summary, attachment=attachment.pk, stored_file=attachment.stored_file_id)
    # Through the queryset: the caller's instance keeps its pk should a later step roll this back.
    OutgoingAttachment.objects.filter(pk=attachment.pk).delete()


@transaction.atomic
def attachment_mark(*, actor: Actor, document, attachment, is_appendix: bool) -> OutgoingAttachment:
    """Mark a file of the draft as phụ lục (appendix) or as an ordinary attachment."""
    document = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
    _editing(actor, document, "sửa tệp đính kèm")
    attachment = _own_attachment(document, attachment)
    if attachment.is_appendix != is_appendix:
        attachment.is_appendix = is_appendix
        attachment.save(update_fields=["is_appendix"])
        summary = f"“{attachment.filename}” là {_attachment_kind(is_appendix)}"
        _audit(document, actor, "attachment_mark", summary, attachment=attachment.pk, is_appendix=is_appendix)
    return attachment


@transaction.atomic
def outgoing_comment(*, actor: Actor, document, text: str) -> Comment:
    """Ý kiến on the current version, by anyone taking part in the chain."""
    text = nfc(text).strip()
    if not text:
        raise ValidationFailed("Ý kiến không được để trống.", fields={"text": ["Bắt buộc."]})
    comment = Comment.objects.create(document=document, version=document.version, author=actor.user, text=text)
    _audit(document, actor, "comment", f"Ý kiến về phiên bản {document.version}: {text[:200]}")
    return comment


@transaction.atomic
def outgoing_submit(*, actor: Actor, document, note: str = "") -> OutgoingDocument:
    """Trình duyệt: the drafter sends the draft into the review chain. Steps
    already approved for this very version stay approved."""
    document = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
    require(actor.user.pk == document.drafter_id, "Chỉ người soạn thảo mới được trình dự thảo.")
    require_state(document, EDITABLE, "trình")
    from eoffice.outgoing.templating import check_filled

    check_filled(document)
    if not document.steps.exists():
        kinds = chain.chain_for(agency=document.agency, type_name=document.type_name)
        ReviewStep.objects.bulk_create(ReviewStep(document=document, order=i, kind=k) for i, k in enumerate(kinds))
    document.status = Status.IN_REVIEW
    document.save(update_fields=["status", "updated_at"])
    if note.strip():
        Comment.objects.create(document=document, version=document.version, author=actor.user, text=nfc(note).strip())
    step = cast(ReviewStep, chain.current_step(document))  # the chain was just made or kept
    grant_next_actors(document, actor)
    _audit(document, actor, "submit", f"Trình dự thảo phiên bản {document.version}: {step.get_kind_display()}")
    return document


def _acting_step(actor: Actor, document, action: str) -> ReviewStep:
    require_state(document, {Status.IN_REVIEW}, action)
    step = chain.current_step(document)
    require(step is not None and chain.may_act(actor, document), "Chưa đến lượt anh/chị xử lý dự thảo này.")
    return cast(ReviewStep, step)  # require() refused None


@transaction.atomic
def outgoing_approve(*, actor: Actor, document, comment: str = "") -> ReviewStep:
    """Duyệt: the current reviewer approves this version (content, format or
    leader's review). The signer approves by signing (issuance.outgoing_sign)."""
    document = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
    step = _acting_step(actor, document, "duyệt")
    if step.kind == "sign":
        raise InvalidState("Dự thảo đã đến bước ký: người ký duyệt bằng cách ký số.")
    step.approved_version, step.acted_by, step.acted_at = document.version, actor.user, timezone.now()
    step.save()
    if comment.strip():
        Comment.objects.create(document=document, version=document.version, author=actor.user, text=nfc(comment).strip())
    document.save(update_fields=["updated_at"])
    grant_next_actors(document, actor)
    _audit(document, actor, "approve", f"{step.get_kind_display()}: đồng ý phiên bản {document.version}")
    return step


@transaction.atomic
def outgoing_return(*, actor: Actor, document, comment: str) -> OutgoingDocument:
    """Trả lại: the current reviewer sends the draft back with comments."""
    document = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
    step = _acting_step(actor, document, "trả lại")
    comment = nfc(comment).strip()
    if not comment:
        raise ValidationFailed("Trả lại dự thảo cần ghi ý kiến.", fields={"comment": ["Bắt buộc."]})
    Comment.objects.create(document=document, version=document.version, author=actor.user, text=comment)
    document.status = Status.RETURNED
    document.save(update_fields=["status", "updated_at"])
    _audit(document, actor, "return", f"{step.get_kind_display()}: trả lại — {comment[:200]}")
    return document
