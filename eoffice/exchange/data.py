"""Plain values carried by edXML packages (QCVN 102:2016/BTTTT). Field names are
the snake_case of the edXML element they fill; see docs/edxml.md."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO


@dataclass(frozen=True)
class Organisation:
    """Cơ quan gửi/nhận (From, To, Status/From). `organ_id` is the mã định danh
    điện tử of QĐ 20/2020/QĐ-TTg; `organization_in_charge` that of the parent agency."""

    organ_id: str
    organ_name: str
    organ_add: str = ""
    email: str = ""
    telephone: str = ""
    fax: str = ""
    website: str = ""
    organization_in_charge: str = ""


@dataclass(frozen=True)
class Attachment:
    """Tệp đính kèm: one manifest Reference plus its AttachmentEncoded content.
    A package read from a stream (`edxml.read_envelope`) leaves `data` empty and
    gives the decoded file as `file`, positioned at its start, with its `size`."""

    name: str
    content_type: str
    data: bytes
    description: str = ""
    file: IO[bytes] | None = field(default=None, compare=False, repr=False)
    size: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ResponseFor:
    """The document a package answers (MessageHeader/ResponseFor, Status/ResponseFor).
    `code` is "số/ký hiệu" in one string, as edXML carries it."""

    organ_id: str
    code: str
    promulgation_date: date | None
    document_id: str


@dataclass(frozen=True)
class StaffInfo:
    """Cán bộ phụ trách (Bussiness/StaffInfo, Status/StaffInfo)."""

    department: str = ""
    staff: str = ""
    mobile: str = ""
    email: str = ""


@dataclass(frozen=True)
class Receiver:
    """A change of the recipient list in an update (ReceiverList/Receiver):
    receiver_type 0 = agency removed, 1 = agency added."""

    receiver_type: int
    organ_id: str


@dataclass(frozen=True)
class ReplacementInfo:
    """Văn bản bị thay thế (ReplacementInfoList/ReplacementInfo) and the agencies
    that received it."""

    document_id: str
    organ_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class TraceHeader:
    """One hop of the package: the agency it passed through and when (None when
    the sending system left the time out)."""

    organ_id: str
    timestamp: datetime | None


@dataclass(frozen=True, kw_only=True)
class EdxmlDocument:
    """One outgoing or received document as an edXML package carries it.

    `document_id` may be left empty when building: it is then made as
    "{OrganId},{yyyy/MM/dd},{số}/{ký hiệu}". `trace` holds the hops already
    travelled; building a package appends the sender's hop.
    """

    # MessageHeader
    sender: Organisation
    recipients: tuple[Organisation, ...]
    code_number: str
    code_notation: str
    promulgation_place: str
    promulgation_date: date
    type_name: str
    type_code: str | None = None
    type_detail: str = ""
    subject: str
    content: str = ""
    signer_full_name: str
    signer_position: str
    signer_competence: str = ""
    due_date: date | None = None
    to_places: tuple[str, ...] = ()
    priority: int = 0
    sphere_of_promulgation: str = ""
    typer_notation: str = ""
    promulgation_amount: int = 0
    page_amount: int = 0
    appendixes: tuple[str, ...] = ()
    response_for: tuple[ResponseFor, ...] = ()
    steering_type: int | None = None
    document_id: str = ""
    # TraceHeaderList / Bussiness
    business_doc_type: int = 0
    business_doc_reason: str = ""
    business_document_info: str = ""
    business_document_receiver: str = ""
    business_receivers: tuple[Receiver, ...] = ()
    business_document_id: str = ""
    staff_info: tuple[StaffInfo, ...] = ()
    paper: int = 0
    replacement_info: tuple[ReplacementInfo, ...] = ()
    trace: tuple[TraceHeader, ...] = ()
    # edXMLBody / AttachmentEncoded
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class StatusMessage:
    """Gói tin trạng thái: what the recipient did with a document we sent."""

    response_for: ResponseFor
    sender: Organisation
    status_code: str
    description: str
    timestamp: datetime
    staff_info: StaffInfo
