"""Status messages (gói tin trạng thái, QCVN 102:2016/BTTTT; codes in docs/edxml.md): the
recipient tells the sender that a document arrived, was accepted or refused,
is being handled or is done, and answers recalls. ND30 Art.21 §2c requires the
receipt notice on the day of arrival."""

from datetime import date, datetime
from typing import cast

from eoffice.core.errors import ValidationFailed
from eoffice.exchange.data import Organisation, ResponseFor, StaffInfo, StatusMessage
from eoffice.exchange.elements import (
    NOT_EDXML,
    VIETNAM,
    child,
    envelope_of,
    new_envelope,
    organ_id_problem,
    organisation_element,
    organisation_of,
    parse_date,
    parse_timestamp,
    parse_xml,
    response_for_element,
    response_for_of,
    serialise,
    staff_info_element,
    staff_info_of,
    sub,
    text,
    vietnam_timestamp,
)

# Verbatim from the field descriptions [EDX-json]. Codes 07–12 and 14 are used by
# nobody we could read (UNCONFIRMED); a received unknown code is kept as it is.
STATUS_CODES = {
    "01": "Đã đến",
    "02": "Từ chối tiếp nhận",
    "03": "Đã tiếp nhận",
    "04": "Đã đến, đang chờ phân công",
    "05": "Đã phân công, đang xử lý",
    "06": "Đã xử lý xong",
    "13": "Thu hồi văn bản",
    "15": "Đồng ý thu hồi/cập nhật văn bản",
    "16": "Từ chối thu hồi/cập nhật văn bản",
}
# UNCONFIRMED: where Status sits. The field descriptions put it in the header
# (header.status); we wrap it like the document package, in edXMLHeader, with an
# empty edXMLBody.


def status_label(status_code: str) -> str:
    return STATUS_CODES.get(status_code, f"Trạng thái mã {status_code} (chưa xác định)")


def build_status(
    *,
    response_for_organ_id: str,
    response_for_code: str,
    response_for_document_id: str,
    sender: Organisation,
    status_code: str,
    description: str,
    staff: str = "",
    department: str = "",
    mobile: str = "",
    email: str = "",
    response_for_promulgation_date: date | None = None,
    now: datetime | None = None,
) -> bytes:
    """The status package answering the document `response_for_document_id` sent
    by `response_for_organ_id`. Its promulgation date, when not given, is read
    from the DocumentId ("{OrganId},{yyyy/MM/dd},{số}/{ký hiệu}")."""
    _check(response_for_organ_id, response_for_document_id, sender, status_code)
    now = now or datetime.now(tz=VIETNAM)
    if response_for_promulgation_date is None:
        response_for_promulgation_date = _date_in_document_id(response_for_document_id)
    root, envelope = new_envelope()
    status = sub(sub(envelope, "edXMLHeader"), "Status")
    response_for_element(
        status,
        ResponseFor(
            organ_id=response_for_organ_id,
            code=response_for_code,
            promulgation_date=response_for_promulgation_date,
            document_id=response_for_document_id,
        ),
    )
    organisation_element(status, "From", sender)
    sub(status, "StatusCode", status_code)
    sub(status, "Description", description)
    sub(status, "Timestamp", vietnam_timestamp(now))
    staff_info_element(status, StaffInfo(department=department, staff=staff, mobile=mobile, email=email))
    sub(envelope, "edXMLBody")
    return serialise(root)


def _check(organ_id: str, document_id: str, sender: Organisation, status_code: str) -> None:
    messages, fields = [], {}
    if status_code not in STATUS_CODES:
        messages.append(f"Mã trạng thái “{status_code}” không thuộc danh mục trạng thái liên thông.")
        fields["status_code"] = ["Mã trạng thái không hợp lệ."]
    problem = organ_id_problem(sender.organ_id)
    if problem:
        messages.append(f"Cơ quan gửi trạng thái “{sender.organ_name}” {problem}, không thể gửi liên thông.")
        fields["sender"] = [problem]
    problem = organ_id_problem(organ_id)
    if problem:
        messages.append(f"Cơ quan đã gửi văn bản {problem}, không thể gửi trạng thái.")
        fields["response_for_organ_id"] = [problem]
    if not document_id.strip():
        messages.append("Chưa có mã văn bản (DocumentId) của văn bản được phản hồi.")
        fields["response_for_document_id"] = ["Chưa có mã văn bản."]
    if messages:
        raise ValidationFailed(" ".join(messages), fields=fields)


def _date_in_document_id(document_id: str) -> date | None:
    parts = document_id.split(",")
    if len(parts) < 3:
        return None
    try:
        return parse_date(parts[1].strip(), label="ngày ban hành")
    except ValidationFailed:
        return None


def parse_status(data: bytes) -> StatusMessage:
    """The status carried by a status package. Raises ValidationFailed when it is
    not safe, well-formed edXML or lacks the answered document, the responding
    agency, the status code or its time."""
    return status_of(parse_xml(data))


def is_status(root) -> bool:
    """Whether a parsed package is a status package (not a document package)."""
    return child(envelope_of(root), "edXMLHeader", "Status") is not None


def status_of(root) -> StatusMessage:
    """The StatusMessage of a parsed status package (see parse_status)."""
    envelope = envelope_of(root)
    status = child(envelope, "edXMLHeader", "Status")
    if status is None:
        raise ValidationFailed(NOT_EDXML + " Thiếu phần Status.", fields={"envelope": ["Status"]})
    code = text(status, "StatusCode")
    # Some systems drop the leading zero ("1" for "01").
    code = code.zfill(2) if code.isdigit() else code
    response_for = response_for_of(child(status, "ResponseFor"))
    sender = organisation_of(child(status, "From"))
    timestamp = parse_timestamp(text(status, "Timestamp"), label="thời điểm gửi trạng thái")
    required = {
        "response_for": (response_for.organ_id and (response_for.document_id or response_for.code), "văn bản được phản hồi"),
        "sender": (sender.organ_id, "mã định danh cơ quan phản hồi"),
        "status_code": (code.isdigit(), "mã trạng thái"),
        "timestamp": (timestamp, "thời điểm"),
    }
    missing = [name for name, (present, _) in required.items() if not present]
    if missing:
        labels = ", ".join(required[name][1] for name in missing)
        raise ValidationFailed(
            f"Gói tin trạng thái thiếu hoặc sai thông tin bắt buộc: {labels}.", fields={name: ["Thiếu."] for name in missing}
        )
    return StatusMessage(
        response_for=response_for,
        sender=sender,
        status_code=code,
        description=text(status, "Description"),
        timestamp=cast(datetime, timestamp),  # required above
        staff_info=staff_info_of(child(status, "StaffInfo")),
    )
