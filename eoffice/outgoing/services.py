"""What the services of every part of outgoing share: the audit row of a
step, and the access the chain grants to whoever acts next on a confidential
document. The state changes themselves are in each part's services.py:
drafting/ (the draft and its files), review/ (submit, approve, return,
comment), issuance/ (sign, issue, recall; delivery.py, correction.py). The
steps table in workflow.py names them relative to this package
("review.services.outgoing_submit")."""

from typing import Any

from eoffice.audit.services import audit_record
from eoffice.core.choices import Confidentiality
from eoffice.organisation.selectors import Actor
from eoffice.outgoing import chain
from eoffice.outgoing.models import AccessGrant, OutgoingDocument


def audit_step(document: OutgoingDocument, actor: Actor, action: str, summary: str, **data: Any) -> None:
    audit_record(actor=actor.user, action=f"outgoing.{action}", obj=document, agency=document.agency, summary=summary, data=data)


def grant_next_actors(document: OutgoingDocument, actor: Actor) -> None:
    """A confidential draft is seen by whoever must act on it next (the format
    checker, the signer, the registry): the chain grants them access, audited."""
    if document.confidentiality == Confidentiality.NORMAL:
        return
    for user_id in chain.next_actor_ids(document):
        _, created = AccessGrant.objects.get_or_create(document=document, user_id=user_id, defaults={"granted_by": actor.user})
        if created:
            audit_step(document, actor, "grant", "Cấp quyền xem văn bản mật theo quy trình duyệt", user=user_id)
