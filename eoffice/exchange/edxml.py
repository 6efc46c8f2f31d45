"""Build and parse the edXML document package (gói tin văn bản điện tử,
QCVN 102:2016/BTTTT). The layout is reconstructed from public implementations
(docs/edxml.md); what is unconfirmed is kept in the constants below."""

import base64
import io
import secrets
import uuid
from datetime import date, datetime
from typing import IO, Any

from lxml import etree

from eoffice.core.errors import ValidationFailed
from eoffice.core.text import nfc
from eoffice.exchange.data import Attachment, EdxmlDocument, Receiver, ReplacementInfo, TraceHeader
from eoffice.exchange.elements import (
    DATE_FORMAT,
    NOT_EDXML,
    NS,
    VIETNAM,
    XLINK_NS,
    child,
    children,
    code_of,
    envelope_of,
    new_envelope,
    organ_id_problem,
    organisation_element,
    organisation_of,
    parse_date,
    parse_int,
    parse_timestamp,
    response_for_element,
    response_for_of,
    serialise,
    staff_info_element,
    staff_info_of,
    sub,
    text,
    vietnam_timestamp,
    xml_text,
)
from eoffice.exchange.reader import Limits, Read, Spool, read_xml

# UNCONFIRMED (docs/edxml.md): copied from the VPCP sample as
# implementers reproduce it; the regulation text itself was not available.
TRACE_HEADER_LIST_ATTRIBUTES = {"version": "1.0", "mustUnderstand": "1", "actor": "http://schemas.xmlsoap.org/soap/actor/next"}
MANIFEST_VERSION = "1.0"
XLINK_ROLE = "XLinkRole"
# UNCONFIRMED: every known builder sends SteeringType 0 and Paper 0, although the
# field description says SteeringType is 1/2/3. Pass these when nothing better is known.
STEERING_TYPE_DEFAULT = 0
PAPER_DEFAULT = 0

_REQUIRED = {
    "code_number": "số",
    "code_notation": "ký hiệu",
    "promulgation_place": "địa danh",
    "promulgation_date": "ngày ban hành",
    "type_name": "tên loại văn bản",
    "subject": "trích yếu",
    "signer_full_name": "họ tên người ký",
    "signer_position": "chức vụ người ký",
}


def type_code_for(type_name: str) -> str | None:
    """The edXML DocumentType/Type code of a document type name, or None.

    UNCONFIRMED table: one builder sends 18 for Công văn ("C# SDK default"), which is
    its place in the ND30 Art.7 list, another sends 1. We number the ND30 list in
    order; an installation overrides it with the setting EOFFICE_EDXML_TYPE_CODES
    ({"Công văn": "18", ...})."""
    from django.conf import settings

    from eoffice.core.choices import DOCUMENT_TYPES

    table = getattr(settings, "EOFFICE_EDXML_TYPE_CODES", None) or {name: str(i) for i, (name, _) in enumerate(DOCUMENT_TYPES, 1)}
    return table.get(nfc(type_name))


def document_id_for(*, organ_id: str, promulgation_date: date, code_number: str, code_notation: str) -> str:
    """DocumentId "{OrganId},{yyyy/MM/dd},{số}/{ký hiệu}", e.g. 000.00.04.G14,2012/08/06,267/VPCP-TTĐT."""
    return f"{organ_id},{promulgation_date.strftime(DATE_FORMAT)},{code_of(code_number, code_notation)}"


# --- building -----------------------------------------------------------------


def build_envelope(doc: EdxmlDocument, *, now: datetime | None = None) -> bytes:
    """The UTF-8 edXML package of `doc`, to every recipient at once. Raises
    ValidationFailed when an agency has no valid mã định danh or a mandatory
    header field is empty."""
    check_document(doc)
    now = now or datetime.now(tz=VIETNAM)
    root, envelope = new_envelope()
    header = sub(envelope, "edXMLHeader")
    _message_header(sub(header, "MessageHeader"), doc)
    _trace_header_list(header, doc, now)
    sub(header, "DigitalSignature")
    manifest = sub(sub(envelope, "edXMLBody"), "edXMLManifest", version=MANIFEST_VERSION)
    # AttachmentEncoded sits outside the envelope and stays unprefixed, as in the VPCP sample.
    encoded = etree.SubElement(root, f"{{{NS}}}AttachmentEncoded")
    for attachment in doc.attachments:
        content_id = str(uuid.uuid4())
        reference = sub(manifest, "Reference", nsmap={"xlink": XLINK_NS})
        reference.set(f"{{{XLINK_NS}}}href", f"cid:{content_id}")
        reference.set(f"{{{XLINK_NS}}}role", XLINK_ROLE)
        reference.set(f"{{{XLINK_NS}}}type", "simple")
        sub(reference, "Description", attachment.description)
        sub(reference, "AttachmentName", attachment.name)
        sub(reference, "ContentType", attachment.content_type)
        sub(reference, "ContentId", f"cid:{content_id}")
        item = sub(encoded, "Attachment")
        sub(item, "ContentType", attachment.content_type)
        sub(item, "ContentId", content_id)
        sub(item, "Description", attachment.description)
        sub(item, "ContentTransferEncoded", base64.b64encode(attachment.data).decode("ascii"))
        sub(item, "AttachmentName", attachment.name)
    return serialise(root)


def _is_blank(value) -> bool:
    return not xml_text(value) if isinstance(value, str) else value is None


def check_document(doc: EdxmlDocument) -> None:
    """Refuse, with every problem named in Vietnamese, a document that cannot be sent."""
    messages, fields = [], {}
    problem = organ_id_problem(doc.sender.organ_id)
    if problem:
        messages.append(f"Cơ quan gửi “{doc.sender.organ_name}” {problem}, không thể gửi liên thông.")
        fields["sender"] = [problem]
    if not doc.recipients:
        messages.append("Văn bản chưa có nơi nhận liên thông.")
        fields["recipients"] = ["Chưa có nơi nhận."]
    for recipient in doc.recipients:
        problem = organ_id_problem(recipient.organ_id)
        if problem:
            messages.append(f"Nơi nhận “{recipient.organ_name}” {problem}, không thể gửi liên thông.")
            fields.setdefault("recipients", []).append(f"{recipient.organ_name}: {problem}")
    missing = [name for name in _REQUIRED if _is_blank(getattr(doc, name))]
    if missing:
        messages.append(
            "Văn bản còn thiếu thông tin bắt buộc để gửi liên thông: " + ", ".join(_REQUIRED[n] for n in missing) + "."
        )
        fields.update({name: [f"Chưa có {_REQUIRED[name]}."] for name in missing})
    if doc.priority not in range(5):
        messages.append("Độ khẩn phải từ 0 (thường) đến 4 (hỏa tốc hẹn giờ).")
        fields["priority"] = ["Giá trị không hợp lệ."]
    if doc.business_doc_type not in range(4):
        messages.append("Loại nghiệp vụ phải là 0 (mới), 1 (thu hồi), 2 (cập nhật) hoặc 3 (thay thế).")
        fields["business_doc_type"] = ["Giá trị không hợp lệ."]
    if any(not xml_text(a.name) for a in doc.attachments):
        messages.append("Tệp đính kèm phải có tên.")
        fields["attachments"] = ["Tệp đính kèm phải có tên."]
    if messages:
        raise ValidationFailed(" ".join(messages), fields=fields)


def _message_header(header, doc: EdxmlDocument) -> None:
    organisation_element(header, "From", doc.sender)
    for recipient in doc.recipients:
        organisation_element(header, "To", recipient)
    code = sub(header, "Code")
    sub(code, "CodeNumber", doc.code_number)
    sub(code, "CodeNotation", doc.code_notation)
    promulgation = sub(header, "PromulgationInfo")
    sub(promulgation, "Place", doc.promulgation_place)
    sub(promulgation, "PromulgationDate", doc.promulgation_date.strftime(DATE_FORMAT))
    document_type = sub(header, "DocumentType")
    if doc.type_code is not None:
        sub(document_type, "Type", doc.type_code)
    sub(document_type, "TypeName", doc.type_name)
    if doc.type_detail:
        sub(document_type, "TypeDetail", doc.type_detail)
    sub(header, "Subject", doc.subject)
    sub(header, "Content", doc.content)
    signer = sub(header, "SignerInfo")
    sub(signer, "Competence", doc.signer_competence)
    sub(signer, "Position", doc.signer_position)
    sub(signer, "FullName", doc.signer_full_name)
    if doc.due_date:
        sub(header, "DueDate", doc.due_date.strftime(DATE_FORMAT))
    places = sub(header, "ToPlaces")
    for place in doc.to_places:
        sub(places, "Place", place)
    other = sub(header, "OtherInfo")
    sub(other, "Priority", doc.priority)
    sub(other, "SphereOfPromulgation", doc.sphere_of_promulgation)
    sub(other, "TyperNotation", doc.typer_notation)
    sub(other, "PromulgationAmount", doc.promulgation_amount)
    sub(other, "PageAmount", doc.page_amount)
    appendixes = sub(other, "Appendixes")
    for appendix in doc.appendixes:
        sub(appendixes, "Appendix", appendix)
    for response in doc.response_for:
        response_for_element(header, response)
    if doc.steering_type is not None:
        sub(header, "SteeringType", doc.steering_type)
    sub(
        header,
        "DocumentId",
        doc.document_id
        or document_id_for(
            organ_id=doc.sender.organ_id,
            promulgation_date=doc.promulgation_date,
            code_number=doc.code_number,
            code_notation=doc.code_notation,
        ),
    )


def _trace_header_list(header, doc: EdxmlDocument, now: datetime) -> None:
    # id: 8 random hex characters as in the VPCP sample; a required format is UNCONFIRMED.
    trace = sub(header, "TraceHeaderList", id=secrets.token_hex(4), **TRACE_HEADER_LIST_ATTRIBUTES)
    for hop in (*doc.trace, TraceHeader(doc.sender.organ_id, now)):
        element = sub(trace, "TraceHeader")
        sub(element, "OrganId", hop.organ_id)
        sub(element, "Timestamp", vietnam_timestamp(hop.timestamp) if hop.timestamp else "")
    business = sub(trace, "Bussiness")  # sic: the standard spells it with a double "s"
    sub(business, "BussinessDocType", doc.business_doc_type)
    sub(business, "BussinessDocReason", doc.business_doc_reason)
    if doc.business_document_info or doc.business_document_receiver or doc.business_receivers:
        info = sub(business, "BussinessDocumentInfo")
        sub(info, "DocumentInfo", doc.business_document_info)
        sub(info, "DocumentReceiver", doc.business_document_receiver)
        receivers = sub(info, "ReceiverList")
        for receiver in doc.business_receivers:
            element = sub(receivers, "Receiver")
            sub(element, "ReceiverType", receiver.receiver_type)
            sub(element, "OrganId", receiver.organ_id)
    if doc.business_document_id:
        sub(business, "DocumentId", doc.business_document_id)
    for staff in doc.staff_info:
        staff_info_element(business, staff)
    sub(business, "Paper", doc.paper)
    if doc.replacement_info:
        replacements = sub(business, "ReplacementInfoList")
        for replacement in doc.replacement_info:
            element = sub(replacements, "ReplacementInfo")
            sub(element, "DocumentId", replacement.document_id)
            organ_ids = sub(element, "OrganIdList")
            for organ_id in replacement.organ_ids:
                sub(organ_ids, "OrganId", organ_id)


# --- parsing ------------------------------------------------------------------

_PARSE_REQUIRED = {
    "sender": "mã định danh và tên cơ quan gửi",
    "recipients": "cơ quan nhận",
    "code_notation": "ký hiệu",
    "promulgation_date": "ngày ban hành",
    "subject": "trích yếu",
}


def parse_envelope(data: bytes) -> EdxmlDocument:
    """The document carried by an edXML package. Raises ValidationFailed (in
    Vietnamese) when the package is not safe, well-formed edXML with the
    mandatory header fields and intact attachments."""
    with read_xml(io.BytesIO(data)) as read:
        return document_of(read, load=True)


def read_envelope(stream: IO[bytes], limits: Limits) -> tuple[EdxmlDocument, Read]:
    """The document of the package read from `stream`, its attachments left in
    spool files (`Attachment.file`) that live until the returned Read is closed.
    Raises ValidationFailed like parse_envelope, and for a package over `limits`."""
    read = read_xml(stream, limits)
    try:
        return document_of(read, load=False), read
    except BaseException:
        read.close()
        raise


def document_of(read: Read, *, load: bool) -> EdxmlDocument:
    """The EdxmlDocument of a parsed package; `load` reads the files into `data`."""
    root = read.root
    envelope = envelope_of(root)
    header = child(envelope, "edXMLHeader", "MessageHeader")
    if header is None:
        raise ValidationFailed(NOT_EDXML + " Thiếu phần MessageHeader.", fields={"envelope": ["MessageHeader"]})
    trace = child(envelope, "edXMLHeader", "TraceHeaderList")
    business = child(trace, "Bussiness")
    business = business if business is not None else child(trace, "Business")
    sender = organisation_of(child(header, "From"))
    header_fields: dict[str, Any] = {
        "sender": sender,
        "recipients": tuple(organisation_of(element) for element in children(header, "To")),
        "code_number": text(header, "Code", "CodeNumber"),
        "code_notation": text(header, "Code", "CodeNotation"),
        "promulgation_place": text(header, "PromulgationInfo", "Place"),
        "promulgation_date": parse_date(text(header, "PromulgationInfo", "PromulgationDate"), label="ngày ban hành"),
        "subject": text(header, "Subject"),
    }
    missing = [name for name in _PARSE_REQUIRED if name != "sender" and not header_fields[name]]
    if not (sender.organ_id and sender.organ_name):
        missing.insert(0, "sender")
    if missing:
        labels = ", ".join(_PARSE_REQUIRED[name] for name in missing)
        raise ValidationFailed(
            f"Gói tin edXML thiếu thông tin bắt buộc: {labels}.", fields={name: ["Thiếu."] for name in missing}
        )
    other = child(header, "OtherInfo")
    return EdxmlDocument(
        **header_fields,
        type_name=text(header, "DocumentType", "TypeName"),
        type_code=text(header, "DocumentType", "Type") or None,
        type_detail=text(header, "DocumentType", "TypeDetail"),
        content=text(header, "Content"),
        signer_full_name=text(header, "SignerInfo", "FullName"),
        signer_position=text(header, "SignerInfo", "Position"),
        signer_competence=text(header, "SignerInfo", "Competence"),
        due_date=parse_date(text(header, "DueDate"), label="hạn xử lý"),
        to_places=tuple(text(element) for element in children(child(header, "ToPlaces"), "Place")),
        priority=parse_int(text(other, "Priority"), default=0, label="độ khẩn"),
        sphere_of_promulgation=text(other, "SphereOfPromulgation"),
        typer_notation=text(other, "TyperNotation"),
        promulgation_amount=parse_int(text(other, "PromulgationAmount"), default=0, label="số lượng phát hành"),
        page_amount=parse_int(text(other, "PageAmount"), default=0, label="số trang"),
        appendixes=tuple(text(element) for element in children(child(other, "Appendixes"), "Appendix")),
        response_for=tuple(response_for_of(element) for element in children(header, "ResponseFor")),
        steering_type=parse_int(text(header, "SteeringType"), default=None, label="loại chỉ đạo"),
        document_id=text(header, "DocumentId")
        or document_id_for(
            organ_id=sender.organ_id,
            promulgation_date=header_fields["promulgation_date"],
            code_number=header_fields["code_number"],
            code_notation=header_fields["code_notation"],
        ),
        **_business_fields(business),
        trace=tuple(
            TraceHeader(text(element, "OrganId"), parse_timestamp(text(element, "Timestamp"), label="thời điểm chuyển"))
            for element in children(trace, "TraceHeader")
        ),
        attachments=_attachments(read, envelope, load=load),
    )


def _business_fields(business) -> dict:
    info = child(business, "BussinessDocumentInfo")
    return {
        "business_doc_type": parse_int(text(business, "BussinessDocType"), default=0, label="loại nghiệp vụ"),
        "business_doc_reason": text(business, "BussinessDocReason"),
        "business_document_info": text(info, "DocumentInfo"),
        "business_document_receiver": text(info, "DocumentReceiver"),
        "business_receivers": tuple(
            Receiver(
                parse_int(text(element, "ReceiverType"), default=0, label="loại cập nhật nơi nhận"), text(element, "OrganId")
            )
            for element in children(child(info, "ReceiverList"), "Receiver")
        ),
        "business_document_id": text(business, "DocumentId"),
        "staff_info": tuple(staff_info_of(element) for element in children(business, "StaffInfo")),
        "paper": parse_int(text(business, "Paper"), default=0, label="Paper"),
        "replacement_info": tuple(
            ReplacementInfo(
                text(element, "DocumentId"),
                tuple(text(organ) for organ in children(child(element, "OrganIdList"), "OrganId")),
            )
            for element in children(child(business, "ReplacementInfoList"), "ReplacementInfo")
        ),
    }


def _content_id(value: str) -> str:
    return value.removeprefix("cid:").strip("<>")


def _attachments(read: Read, envelope, *, load: bool) -> tuple[Attachment, ...]:
    """Files in AttachmentEncoded, described by the manifest references with the
    same ContentId (prefixed "cid:" in the manifest only)."""
    references = {
        _content_id(text(reference, "ContentId")): reference
        for reference in children(child(envelope, "edXMLBody", "edXMLManifest"), "Reference")
    }
    root = read.root
    encoded = next((e for e in (child(root, "AttachmentEncoded"), child(envelope, "AttachmentEncoded")) if e is not None), None)
    attachments = []
    for item in children(encoded, "Attachment"):
        reference = references.pop(_content_id(text(item, "ContentId")), None)
        name = text(item, "AttachmentName") or text(reference, "AttachmentName")
        spool = read.spool_of(child(item, "ContentTransferEncoded"))
        _check_spool(spool, name, read.limit_mb)
        attachments.append(
            Attachment(
                name=name,
                content_type=text(item, "ContentType") or text(reference, "ContentType"),
                data=spool.file.read() if spool and load else b"",
                description=text(item, "Description") or text(reference, "Description"),
                file=None if load or spool is None else spool.file,
                size=spool.size if spool else 0,
            )
        )
    if references:
        names = ", ".join(f"“{text(reference, 'AttachmentName')}”" for reference in references.values())
        raise ValidationFailed(f"Gói tin thiếu nội dung của tệp đính kèm {names}.", fields={"attachments": [names]})
    return tuple(attachments)


def _check_spool(spool: Spool | None, name: str, limit_mb: int) -> None:
    if spool is None or spool.problem is None:
        return
    if spool.problem == "too_big":
        raise ValidationFailed(
            f"Tệp đính kèm “{name}” vượt quá dung lượng cho phép ({limit_mb} MB).", fields={"attachments": [name]}
        )
    raise ValidationFailed(f"Tệp đính kèm “{name}” bị hỏng: nội dung mã hóa base64 không hợp lệ.", fields={"attachments": [name]})
