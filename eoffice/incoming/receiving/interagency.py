"""Incoming documents that arrive from another agency of this installation
(liên thông nội bộ), and what the issuer does to them later: answer, recall.
outgoing.delivery calls these when it issues or recalls a document."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from eoffice.attachments.models import StoredFile
from eoffice.core.choices import Confidentiality
from eoffice.core.text import nfc
from eoffice.incoming import notices
from eoffice.incoming.handling.assignments import close_assignment, mark_document_done
from eoffice.incoming.models import AssignmentStatus, IncomingAttachment, IncomingDocument, Source, Status
from eoffice.incoming.trace import grant_access, write_trace
from eoffice.organisation.models import Agency, Role, User
from eoffice.organisation.selectors import Actor
from eoffice.registers.models import RegisterKind
from eoffice.registers.services import register_take_number


@transaction.atomic
def incoming_receive_internal(
    *, actor: Actor, agency: Agency, data: dict[str, Any], files: Iterable[tuple[StoredFile | None, str]]
) -> IncomingDocument:
    """Register in `agency` the document `actor`'s agency issued to it: every
    field comes from the outgoing document, the files are shared, not copied.
    The recipient's registry finds it in its queue with its arrival number."""
    arrival = timezone.localdate()
    secret = data.get("confidentiality", 0) > Confidentiality.NORMAL
    kind = RegisterKind.INCOMING_SECRET if secret else RegisterKind.INCOMING
    register_id, number = register_take_number(agency=agency, kind=kind, year=arrival.year)
    document = IncomingDocument.objects.create(
        agency=agency,
        register_id=register_id,
        arrival_number=number,
        arrival_date=arrival,
        source=Source.INTERNAL,
        registered_by=None,
        **{key: nfc(value) for key, value in data.items()},
    )
    IncomingAttachment.objects.bulk_create(
        IncomingAttachment(document=document, stored_file=stored, filename=nfc(name)[:255], uploaded_by=actor.user)
        for stored, name in files
    )
    clerks = list(User.objects.filter(memberships__agency=agency, memberships__role=Role.CLERK).distinct())
    if secret:
        # The recipient's registry handles its confidential mail (ND30 Art.20 §2).
        grant_access(document, clerks, actor)
    notices.arrived(document, clerks, actor)
    write_trace(document, actor, "receive", f"Nhận văn bản điện tử từ {actor.agency.name} (liên thông nội bộ), số đến {number}")
    return document


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
