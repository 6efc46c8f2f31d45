"""The edXML (QCVN 102:2016) package of an issued outgoing document: every
field the public descriptions name is filled from the document when we know it
(docs/edxml.md, "Where the fields come from")."""

import re

from eoffice.exchange.data import Attachment, EdxmlDocument, Organisation, ResponseFor, StaffInfo
from eoffice.exchange.edxml import STEERING_TYPE_DEFAULT, build_envelope, document_id_for, type_code_for
from eoffice.outgoing.models import Status

# Content (nội dung tóm tắt) is the body cut here, on a word boundary. UNCONFIRMED:
# the public descriptions give no length; a summary, not the document (the PDF is).
CONTENT_CHARACTERS = 1000


def _organisation(agency) -> Organisation:
    parent = agency.parent.organ_id if agency.parent_id and agency.parent.organ_id else ""
    return Organisation(
        organ_id=agency.organ_id or "",
        organ_name=agency.name,
        organ_add=agency.address,
        email=agency.email,
        telephone=agency.phone,
        organization_in_charge=parent,
    )


def summary(body: str, limit: int = CONTENT_CHARACTERS) -> str:
    """The body on one line, cut before `limit` characters at a space, "…" when cut."""
    text = re.sub(r"\s+", " ", body).strip()
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def own_document_id(document) -> str:
    return document_id_for(
        organ_id=document.agency.organ_id or "",
        promulgation_date=document.issued_date,
        code_number=document.code_number,
        code_notation=document.code_notation,
    )


def _answers(document) -> tuple[ResponseFor, ...]:
    """The incoming documents this one answers; one without the sender's mã định
    danh or its number cannot be named in edXML and is left out."""
    answered = document.answers.filter(organ_id__gt="").exclude(code_number="").order_by("issued_date", "pk")
    return tuple(
        ResponseFor(
            organ_id=incoming.organ_id,
            code=f"{incoming.code_number}/{incoming.code_notation}",
            promulgation_date=incoming.issued_date,
            document_id=document_id_for(
                organ_id=incoming.organ_id,
                promulgation_date=incoming.issued_date,
                code_number=incoming.code_number,
                code_notation=incoming.code_notation,
            ),
        )
        for incoming in answered
    )


def _staff(document) -> tuple[StaffInfo, ...]:
    """The clerk who issued it (văn thư), whom the recipient may contact."""
    clerk = document.issued_by
    if clerk is None:
        return ()
    return (StaffInfo(department="Văn thư", staff=clerk.full_name or clerk.username, email=clerk.email or ""),)


def edxml_document(document, recipient) -> EdxmlDocument:
    """The package's content for one recipient; a recalled document's is a
    revocation (BussinessDocType 1) naming the recalled DocumentId."""
    extra = list(document.attachments.select_related("stored_file").order_by("pk"))
    files = [(document.issued_file, f"{document.code_number}-{document.code_notation}.pdf".replace("/", "-"))]
    files += [(a.stored_file, a.filename) for a in extra]
    recalled = document.status == Status.RECALLED
    return EdxmlDocument(
        sender=_organisation(document.agency),
        recipients=(_organisation(recipient.agency),),
        code_number=document.code_number,
        code_notation=document.code_notation,
        promulgation_place=getattr(getattr(document.agency, "outgoing_settings", None), "place_name", "Hải Phòng"),
        promulgation_date=document.issued_date,
        type_name=document.type_name,
        type_code=type_code_for(document.type_name),
        subject=document.subject,
        content=summary(document.body),
        signer_full_name=document.signer.full_name or str(document.signer),
        signer_position=document.signer_position,
        signer_competence=" ".join(filter(None, [document.authority, document.on_behalf_of])),
        priority=document.priority,
        due_date=document.due_date,
        # Nơi nhận as printed (for the record), not the routing: one package goes to one agency.
        to_places=tuple(document.lines("places_text") or document.lines("recipients_text")),
        sphere_of_promulgation=document.circulation,
        typer_notation=document.drafter_initials,
        page_amount=document.page_amount or 1,
        promulgation_amount=document.issued_amount,
        appendixes=tuple(a.filename for a in extra if a.is_appendix),
        response_for=_answers(document),
        steering_type=STEERING_TYPE_DEFAULT,
        business_doc_type=1 if recalled else 0,
        business_doc_reason=document.recall_reason if recalled else "",
        business_document_id=own_document_id(document) if recalled else "",
        staff_info=_staff(document),
        attachments=tuple(Attachment(name=name, content_type=stored.content_type, data=_read(stored)) for stored, name in files),
    )


def _read(stored) -> bytes:
    with stored.file.open("rb") as handle:
        return handle.read()


def envelope_for(document, recipient) -> bytes:
    """One envelope per recipient (see edxml_document)."""
    return build_envelope(edxml_document(document, recipient))
