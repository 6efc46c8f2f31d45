"""The edXML (QCVN 102:2016) package of an issued outgoing document."""

from eoffice.exchange.data import Attachment, EdxmlDocument, Organisation
from eoffice.exchange.edxml import build_envelope
from eoffice.outgoing.models import Status


def _organisation(agency) -> Organisation:
    return Organisation(organ_id=agency.organ_id or "", organ_name=agency.name)


def _read(stored) -> bytes:
    with stored.file.open("rb") as handle:
        return handle.read()


def envelope_for(document, recipient) -> bytes:
    """One envelope per recipient; a recalled document's envelope is a
    revocation (BussinessDocType 1)."""
    files = [(document.issued_file, f"{document.code_number}-{document.code_notation}.pdf".replace("/", "-"))]
    files += [(a.stored_file, a.filename) for a in document.attachments.select_related("stored_file")]
    recalled = document.status == Status.RECALLED
    return build_envelope(
        EdxmlDocument(
            sender=_organisation(document.agency),
            recipients=(_organisation(recipient.agency),),
            code_number=document.code_number,
            code_notation=document.code_notation,
            promulgation_place=getattr(getattr(document.agency, "outgoing_settings", None), "place_name", "Hải Phòng"),
            promulgation_date=document.issued_date,
            type_name=document.type_name,
            type_code=None,
            subject=document.subject,
            content="",
            signer_full_name=document.signer.full_name or str(document.signer),
            signer_position=document.signer_position,
            signer_competence=" ".join(filter(None, [document.authority, document.on_behalf_of])),
            priority=document.priority,
            due_date=document.due_date,
            to_places=tuple(r.agency.name for r in document.recipients.select_related("agency")),
            page_amount=document.page_amount or 1,
            promulgation_amount=document.issued_amount,
            steering_type=None,
            document_id="",
            business_doc_type=1 if recalled else 0,
            business_doc_reason=document.recall_reason if recalled else "",
            attachments=tuple(
                Attachment(name=name, content_type=stored.content_type, data=stored.file.open("rb").read())
                for stored, name in files
            ),
        )
    )
