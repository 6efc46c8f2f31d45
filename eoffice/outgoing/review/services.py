"""Review of outgoing drafts (ND30 Art.10–13): the drafter submits the draft
into the chain (trình), each step approves (duyệt) or returns it (trả lại),
anyone who sees it may comment (ý kiến). Whose turn it is: outgoing/chain.py,
which the workflow's checks read too. The signer approves by signing
(issuance/services.py)."""

from typing import cast

from django.db import transaction
from django.utils import timezone

from eoffice.core.errors import ValidationFailed
from eoffice.core.text import nfc
from eoffice.core.workflow import refuse_unless
from eoffice.organisation.selectors import Actor
from eoffice.outgoing import chain, notices, workflow
from eoffice.outgoing.drafting.templating import check_filled
from eoffice.outgoing.models import Comment, OutgoingDocument, ReviewStep, Status
from eoffice.outgoing.services import audit_step, grant_next_actors


@transaction.atomic
def outgoing_comment(*, actor: Actor, document: OutgoingDocument, text: str) -> Comment:
    """Ý kiến on the current version, by anyone taking part in the chain."""
    refuse_unless(workflow.can_comment(actor, document))
    text = nfc(text).strip()
    if not text:
        raise ValidationFailed("Ý kiến không được để trống.", fields={"text": ["Bắt buộc."]})
    comment = Comment.objects.create(document=document, version=document.version, author=actor.user, text=text)
    audit_step(document, actor, "comment", f"Ý kiến về phiên bản {document.version}: {text[:200]}")
    return comment


@transaction.atomic
def outgoing_submit(*, actor: Actor, document: OutgoingDocument, note: str = "") -> OutgoingDocument:
    """Trình duyệt: the drafter sends the draft into the review chain. Steps
    already approved for this very version stay approved."""
    document = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
    refuse_unless(workflow.can_submit(actor, document))
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
    audit_step(document, actor, "submit", f"Trình dự thảo phiên bản {document.version}: {step.get_kind_display()}")
    notices.next_step(document, actor)
    return document


@transaction.atomic
def outgoing_approve(*, actor: Actor, document: OutgoingDocument, comment: str = "") -> ReviewStep:
    """Duyệt: the current reviewer approves this version (content, format or
    leader's review). The signer approves by signing (issuance.services.outgoing_sign)."""
    document = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
    refuse_unless(workflow.can_approve(actor, document))
    step = chain.acting_step(document)
    step.approved_version, step.acted_by, step.acted_at = document.version, actor.user, timezone.now()
    step.save()
    if comment.strip():
        Comment.objects.create(document=document, version=document.version, author=actor.user, text=nfc(comment).strip())
    document.save(update_fields=["updated_at"])
    grant_next_actors(document, actor)
    audit_step(document, actor, "approve", f"{step.get_kind_display()}: đồng ý phiên bản {document.version}")
    notices.next_step(document, actor)
    return step


@transaction.atomic
def outgoing_return(*, actor: Actor, document: OutgoingDocument, comment: str) -> OutgoingDocument:
    """Trả lại: the current reviewer sends the draft back with comments."""
    document = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
    refuse_unless(workflow.can_return(actor, document))
    step = chain.acting_step(document)
    comment = nfc(comment).strip()
    if not comment:
        raise ValidationFailed("Trả lại dự thảo cần ghi ý kiến.", fields={"comment": ["Bắt buộc."]})
    Comment.objects.create(document=document, version=document.version, author=actor.user, text=comment)
    document.status = Status.RETURNED
    document.save(update_fields=["status", "updated_at"])
    audit_step(document, actor, "return", f"{step.get_kind_display()}: trả lại — {comment[:200]}")
    notices.returned(document, actor)
    return document
