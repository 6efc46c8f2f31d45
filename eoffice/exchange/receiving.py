"""Nhận gói tin: a document package that arrived by any transport becomes a
ReceivedPackage for each agency of this installation it is addressed to, with
its files stored, waiting for the registry (incoming.receiving.electronic).

The sender is told (exchange.statuses): 01 "đã đến" for each package waiting, 02
with the reason for one refused here, when its sender can be answered.

Whatever happens, the raw package is stored and a row says what became of it:
a package that cannot be read, or is not for us, is kept as FAILED with the
reason in Vietnamese; nothing is half-imported (the files are stored inside a
savepoint that a refusal rolls back). The same package twice, or a new document
with a DocumentId we already hold from that sender, is one document."""

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import IO, Any

from django.core.files.base import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction

from eoffice.attachments.models import StoredFile
from eoffice.attachments.services import stored_file_create, stored_file_from_stream
from eoffice.attachments.validation import HEAD_BYTES, check_upload
from eoffice.audit.services import audit_record
from eoffice.core.errors import ValidationFailed
from eoffice.exchange.data import Attachment, EdxmlDocument
from eoffice.exchange.edxml import document_of
from eoffice.exchange.elements import code_of, organ_id_problem, parse_date
from eoffice.exchange.models import STANDING_STATES, PackageState, ReceivedFile, ReceivedPackage, ReceivedStatus
from eoffice.exchange.reader import Limits, read_xml
from eoffice.exchange.signals import package_received
from eoffice.exchange.status import is_status
from eoffice.exchange.status_receiving import record_status
from eoffice.exchange.statuses import ARRIVED, REFUSED, queue_status
from eoffice.organisation.models import Agency

# Declared content types that say nothing about the file: not compared with its bytes.
_VAGUE_TYPES = {"", "application/octet-stream", "binary/octet-stream"}


@dataclass
class Receipt:
    packages: list[ReceivedPackage]
    duplicate: bool = False  # the package, or its document, was already here: nothing new was created
    statuses: list[ReceivedStatus] = field(default_factory=list)  # a status package: its record


def receive_package(
    *,
    stream: IO[bytes],
    transport: str,
    reference: str = "",
    limits: Limits | None = None,
    senders: list[str] | None = None,
    confidentiality: int = 0,
) -> Receipt:
    """Receive one edXML package, a document or a status, from a seekable binary
    stream. `senders`: the OrganId patterns the transport's peer may send for
    (exchange.peers); None when the transport does not say who delivered it.
    `confidentiality`: the độ mật a loopback delivery knows (edXML has none)."""
    sha256 = _sha256(stream)
    same = list(ReceivedPackage.objects.filter(raw__sha256=sha256))
    same_statuses = list(ReceivedStatus.objects.filter(raw__sha256=sha256))
    if same or same_statuses:
        return Receipt(same, duplicate=True, statuses=same_statuses)
    stream.seek(0)
    try:
        read = read_xml(stream, limits or Limits.from_settings())
    except ValidationFailed as refusal:
        return Receipt([_failed(stream, transport, reference, refusal)])
    with read:
        try:
            if is_status(read.root):
                return Receipt([], statuses=[record_status(read.root, stream, transport, reference, senders)])
            doc = document_of(read, load=False)
        except ValidationFailed as refusal:
            return Receipt([_failed(stream, transport, reference, refusal)])
        return _receive(doc, stream, transport, reference, senders, confidentiality)


def _receive(
    doc: EdxmlDocument, stream: IO[bytes], transport: str, reference: str, senders: list[str] | None, confidentiality: int
) -> Receipt:
    agencies: list[Agency] = []
    try:
        agencies = addressed_agencies(doc)
        # Not answered with a status: the peer hears the refusal in its reply, and the
        # agency named as sender did not send it.
        check_sender(doc.sender.organ_id, senders)
    except ValidationFailed as refusal:
        return Receipt([_failed(stream, transport, reference, refusal, doc, agency=next(iter(agencies), None), answer=False)])
    try:
        check_received(doc)
    except ValidationFailed as refusal:
        return Receipt([_failed(stream, transport, reference, refusal, doc, agency=next(iter(agencies), None))])
    existing = _standing(doc, agencies)
    if existing and len(existing) == len(agencies):
        return Receipt(existing, duplicate=True)
    new = [agency for agency in agencies if agency.pk not in {p.agency_id for p in existing}]
    try:
        with transaction.atomic():
            raw = _store_raw(stream)
            files = [_store_file(attachment) for attachment in doc.attachments]
            packages = [_create(doc, raw, agency, transport, reference, files, confidentiality) for agency in new]
    except ValidationFailed as refusal:
        return Receipt([_failed(stream, transport, reference, refusal, doc, agency=new[0])])
    except IntegrityError:  # the same document received at the same moment by another worker
        return Receipt(_standing(doc, agencies), duplicate=True)
    return Receipt(existing + packages)


def check_received(doc: EdxmlDocument) -> None:
    """What a package must satisfy beyond being readable edXML: a valid sender
    identifier, a DocumentId that agrees with its number and date, and a file."""
    problem = organ_id_problem(doc.sender.organ_id)
    if problem:
        raise ValidationFailed(f"Cơ quan gửi “{doc.sender.organ_name}” {problem} (QĐ 20/2020/QĐ-TTg).")
    contradiction = _document_id_contradiction(doc)
    if contradiction:
        raise ValidationFailed(
            f"Mã văn bản (DocumentId) “{doc.document_id}” không khớp với {contradiction} của văn bản.",
            fields={"document_id": [contradiction]},
        )
    if not doc.attachments and doc.business_doc_type != 1:  # a recall need not carry the document again
        raise ValidationFailed("Gói tin không có tệp văn bản đính kèm.", fields={"attachments": ["Thiếu tệp."]})


def check_sender(organ_id: str, senders: list[str] | None) -> None:
    """A peer sends only for the agencies it stands for (its routes)."""
    if senders is not None and not any(fnmatchcase(organ_id, pattern) for pattern in senders):
        raise ValidationFailed(f"Bên liên thông này không được gửi gói tin thay cơ quan có mã định danh {organ_id}.")


def _document_id_contradiction(doc: EdxmlDocument) -> str | None:
    # "{OrganId},{yyyy/MM/dd},{số}/{ký hiệu}"; another shape is not ours to judge.
    parts = doc.document_id.split(",", 2)
    if len(parts) != 3:
        return None
    organ_id, when, code = (part.strip() for part in parts)
    if organ_id != doc.sender.organ_id:
        return "mã định danh cơ quan gửi"
    try:
        date = parse_date(when, label="ngày trong DocumentId")
    except ValidationFailed:
        return "ngày ban hành"
    if date != doc.promulgation_date:
        return "ngày ban hành"
    if code.casefold() != code_of(doc.code_number, doc.code_notation).casefold():
        return "số, ký hiệu"
    return None


def addressed_agencies(doc: EdxmlDocument) -> list[Agency]:
    organ_ids = {recipient.organ_id for recipient in doc.recipients if recipient.organ_id}
    agencies = list(Agency.objects.filter(hosted=True, organ_id__in=organ_ids).order_by("pk"))
    if not agencies:
        names = ", ".join(f"{r.organ_name} ({r.organ_id})" for r in doc.recipients) or "không rõ"
        raise ValidationFailed(f"Gói tin gửi đến cơ quan không dùng hệ thống này: {names}.", fields={"recipients": [names]})
    return agencies


def _standing(doc: EdxmlDocument, agencies: list[Agency]) -> list[ReceivedPackage]:
    if doc.business_doc_type != 0:
        return []
    return list(
        ReceivedPackage.objects.filter(
            agency__in=agencies,
            sender_organ_id=doc.sender.organ_id,
            document_id=doc.document_id,
            business_doc_type=0,
            state__in=STANDING_STATES,
        )
    )


def _store_raw(stream: IO[bytes]) -> StoredFile:
    return stored_file_from_stream(stream=stream, extension="edxml", content_type="application/xml")


def _store_file(attachment: Attachment) -> tuple[StoredFile, Attachment]:
    """Through the upload checks (type by content, size, expansion): an .exe
    declared as application/pdf is refused, as it would be from a user."""
    file = attachment.file
    assert file is not None  # read_envelope spools every file
    head = file.read(HEAD_BYTES)
    file.seek(0)
    _, detected = check_upload(attachment.name, head, attachment.size)
    declared = attachment.content_type.split(";")[0].strip().lower()
    if declared not in _VAGUE_TYPES and declared != detected:
        raise ValidationFailed(
            f"Tệp “{attachment.name}” khai báo loại “{declared}” nhưng nội dung là “{detected}”.",
            fields={"attachments": [attachment.name]},
        )
    return stored_file_create(upload=File(file, name=attachment.name)), attachment


def _create(
    doc: EdxmlDocument,
    raw: StoredFile,
    agency: Agency,
    transport: str,
    reference: str,
    files: list[tuple[StoredFile, Attachment]],
    confidentiality: int,
) -> ReceivedPackage:
    package = ReceivedPackage.objects.create(
        agency=agency,
        confidentiality=confidentiality,
        transport=transport,
        reference=reference[:200],
        raw=raw,
        previous=_previous(doc, agency),
        header=header_of(doc),
        **_summary(doc),
    )
    ReceivedFile.objects.bulk_create(
        ReceivedFile(package=package, stored_file=stored, filename=a.name[:255], description=a.description[:500])
        for stored, a in files
    )
    queue_status(package, ARRIVED)
    package_received.send(sender=ReceivedPackage, package=package)
    audit_record(
        actor=None,
        action="exchange.received",
        obj=package,
        agency=agency,
        summary=f"Nhận gói tin văn bản {doc.code_number}/{doc.code_notation} từ {doc.sender.organ_name}"[:500],
    )
    return package


def _previous(doc: EdxmlDocument, agency: Agency) -> ReceivedPackage | None:
    if doc.business_doc_type not in (1, 2, 3):
        return None
    target = doc.business_document_id or doc.document_id
    rows = ReceivedPackage.objects.filter(agency=agency, document_id=target, state__in=STANDING_STATES)
    # A version of the document, never a recall request that names the same DocumentId.
    return rows.exclude(business_doc_type=1).order_by("-received_at").first()


def _failed(
    stream: IO[bytes],
    transport: str,
    reference: str,
    refusal: ValidationFailed,
    doc: EdxmlDocument | None = None,
    *,
    agency: Agency | None = None,
    answer: bool = True,
) -> ReceivedPackage:
    """The package kept as FAILED with the reason (a savepoint rolled back anything
    else); `answer`: status 02 goes back to its sender, when it can be answered."""
    with transaction.atomic():
        package = ReceivedPackage.objects.create(
            agency=agency,
            transport=transport,
            reference=reference[:200],
            raw=_store_raw(stream),
            state=PackageState.FAILED,
            problem=refusal.message,
            header=header_of(doc) if doc else {},
            **(_summary(doc) if doc else {}),
        )
        summary = f"Gói tin lỗi: {refusal.message}"[:500]
        audit_record(actor=None, action="exchange.failed", obj=package, agency=agency, summary=summary)
        if answer:
            queue_status(package, REFUSED, refusal.message)  # when the sender can be answered
    return package


def _summary(doc: EdxmlDocument) -> dict[str, Any]:
    return {
        "sender_organ_id": doc.sender.organ_id[:35],
        "sender_name": doc.sender.organ_name[:200],
        "document_id": doc.document_id[:200],
        "business_doc_type": max(doc.business_doc_type, 0),
        "subject": doc.subject[:500],
    }


def header_of(doc: EdxmlDocument) -> dict[str, Any]:
    """The package's fields as JSON (dates as ISO strings), the files by name only."""
    header = dataclasses.asdict(dataclasses.replace(doc, attachments=()))
    header["attachments"] = [{"name": a.name, "content_type": a.content_type, "size": a.size} for a in doc.attachments]
    return json.loads(json.dumps(header, cls=DjangoJSONEncoder))


def _sha256(stream: IO[bytes]) -> str:
    stream.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(65536), b""):
        digest.update(chunk)
    return digest.hexdigest()
