"""What a copy is made from: an issued outgoing document, a registered
incoming document, or an earlier sao y. Each gives its file, whether it is
paper or electronic at heart, and how the register names it."""

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from eoffice.copies.models import CopyForm, CopyMedium, DocumentCopy
from eoffice.core.errors import NotAllowed, ValidationFailed
from eoffice.incoming.access import get_incoming_for_user
from eoffice.incoming.models import Source
from eoffice.incoming.models import Status as IncomingStatus
from eoffice.organisation.selectors import Actor
from eoffice.outgoing.access import get_outgoing_for_user
from eoffice.outgoing.models import Status as OutgoingStatus

# The query parameter (and API field) naming each kind of source.
KINDS = ("outgoing", "incoming", "original")


@dataclass(frozen=True)
class CopySource:
    kind: str  # one of KINDS
    record: Any
    medium: str  # CopyMedium of the source itself: a scanned paper is paper
    description: str  # "Quyết định số 05/QĐ-VP ngày 07/12/2026 của Văn phòng …: trích yếu"
    stored_file: Any

    def data(self) -> bytes:
        with self.stored_file.file.open("rb") as handle:
            return handle.read()

    def link(self) -> dict[str, Any]:
        return {self.kind: self.record}


def _outgoing(actor: Actor, pk: Any) -> CopySource:
    document = get_outgoing_for_user(actor, pk)
    if document.status != OutgoingStatus.ISSUED or document.issued_file is None:
        raise ValidationFailed("Chỉ sao văn bản đã ban hành (chưa bị thu hồi).")
    when = f" ngày {document.issued_date:%d/%m/%Y}" if document.issued_date else ""
    description = f"{document.type_name} số {document.symbol_display}{when} của {document.agency.name}: {document.subject}"
    return CopySource("outgoing", document, CopyMedium.ELECTRONIC, description, document.issued_file)


def _incoming(actor: Actor, pk: Any) -> CopySource:
    document = get_incoming_for_user(actor, pk)
    if document.status == IncomingStatus.RECALLED:
        raise ValidationFailed("Văn bản đến đã bị thu hồi, không sao được.")
    attachment = next((a for a in document.attachments.select_related("stored_file") if a.stored_file.is_pdf), None)
    if attachment is None:
        raise ValidationFailed("Văn bản đến chưa có tệp PDF để sao.")
    medium = CopyMedium.PAPER if document.source == Source.PAPER else CopyMedium.ELECTRONIC
    description = (
        f"{document.type_name} số {document.symbol_display} ngày {document.issued_date:%d/%m/%Y} "
        f"của {document.organ_name}: {document.subject} (số đến {document.arrival_number})"
    )
    return CopySource("incoming", document, medium, description, attachment.stored_file)


def _original(actor: Actor, pk: Any) -> CopySource:
    from eoffice.copies.selectors import get_copy_for_user

    copy = get_copy_for_user(actor, pk)
    if copy.form != CopyForm.TRUE_COPY:
        raise ValidationFailed("Sao lục được làm từ bản sao y.")
    description = f"Bản sao y số {copy.code} ngày {copy.copied_on:%d/%m/%Y} của {source_of(copy)}"
    return CopySource("original", copy, copy.medium, description, copy.file)


def source_for(actor: Actor, kind: str, pk: Any) -> CopySource:
    """The source `kind` `pk` if `actor` may see it (else Http404) and copy it."""
    if kind not in KINDS:
        raise Http404("Không tìm thấy văn bản.")
    source = {"outgoing": _outgoing, "incoming": _incoming, "original": _original}[kind](actor, pk)
    if source.record.agency_id != actor.agency.pk:
        raise Http404("Không tìm thấy văn bản.")
    if getattr(source.record, "confidentiality", 0) > 0:
        raise NotAllowed("Văn bản mật được sao theo quy định về bảo vệ bí mật nhà nước, không sao trên Hệ thống.")
    return source


def source_of(copy: DocumentCopy) -> str:
    """The register's "văn bản được sao" cell of a copy made earlier."""
    if copy.outgoing is not None:
        out = copy.outgoing
        return f"{out.type_name} số {out.symbol_display} ngày {out.issued_date:%d/%m/%Y} của {out.agency.name}: {out.subject}"
    if copy.incoming is not None:
        inc = copy.incoming
        return f"{inc.type_name} số {inc.symbol_display} ngày {inc.issued_date:%d/%m/%Y} của {inc.organ_name}: {inc.subject}"
    if copy.original is None:
        return ""
    return f"Bản sao y số {copy.original.code} của {source_of(copy.original)}"
