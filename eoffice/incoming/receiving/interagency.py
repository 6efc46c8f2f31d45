"""What an issuing agency's acts do to incoming documents of this installation:
its answer closes the letter it answers; its recall (accepted by the registry
through exchange packages, or at once for a copy an earlier version of eOffice
registered directly) withdraws the document. outgoing.delivery and
receiving.electronic call these. Documents from another agency of this
installation arrive as packages by loopback (exchange.loopback)."""

from django.db import transaction

from eoffice.core.text import nfc
from eoffice.incoming.handling.assignments import close_assignment, mark_document_done
from eoffice.incoming.models import AssignmentStatus, IncomingDocument, Status
from eoffice.incoming.trace import write_trace
from eoffice.organisation.selectors import Actor


@transaction.atomic
def incoming_answered(*, actor: Actor, document: IncomingDocument, answer_reference: str) -> IncomingDocument:
    """The agency issued the document that answers this one: it is done."""
    if document.status in (Status.DONE, Status.RECALLED):
        return document
    mark_document_done(actor, document, answer_reference)
    return document


@transaction.atomic
def incoming_withdrawn_by_issuer(*, actor: Actor, document: IncomingDocument, reason: str, issuer: str = "") -> IncomingDocument:
    """The issuing agency recalled its document (ND30 Art.18 §4): it leaves
    every inbox, and its trace says why. `issuer`: the agency's name when the
    actor is not of it (the registry accepting an electronic recall)."""
    if document.status == Status.RECALLED:
        return document
    for assignment in document.assignments.filter(is_open=True):
        close_assignment(assignment, AssignmentStatus.CANCELLED, actor)
    document.status = Status.RECALLED
    document.save(update_fields=["status", "updated_at"])
    write_trace(document, actor, "recall", f"{issuer or actor.agency.name} thu hồi văn bản", opinion=nfc(reason))
    return document
