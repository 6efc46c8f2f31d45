"""Pieces shared by the edXML document and status packages (QCVN 102:2016/BTTTT):
namespace, element writers and readers, date formats, and the safe XML parser."""

import io
import re
from datetime import date, datetime
from typing import cast
from zoneinfo import ZoneInfo

from lxml import etree

from eoffice.core.errors import ValidationFailed
from eoffice.core.text import nfc
from eoffice.exchange.data import Organisation, ResponseFor, StaffInfo
from eoffice.exchange.reader import read_xml

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
PREFIX = "edXML"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
XLINK_NS = "http://www.w3.org/1999/xlink"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DATE_FORMAT = "%Y/%m/%d"
TIMESTAMP_FORMAT = "%Y/%m/%d %H:%M:%S"
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def code_of(code_number: str, code_notation: str) -> str:
    return f"{code_number}/{code_notation}" if code_number else code_notation


def vietnam_timestamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("edXML timestamps need a timezone-aware datetime")
    return moment.astimezone(VIETNAM).strftime(TIMESTAMP_FORMAT)


def organ_id_problem(organ_id: str) -> str | None:
    """Why `organ_id` is not a mã định danh điện tử per QĐ 20/2020, or None."""
    # Imported here: the rule lives beside the Agency model, and this module must
    # stay importable before the app registry is ready.
    from eoffice.organisation.models import ORGAN_ID_RE

    if not organ_id:
        return "chưa có mã định danh điện tử"
    if len(organ_id) > 35 or not ORGAN_ID_RE.match(organ_id):
        return f"có mã định danh điện tử “{organ_id}” không hợp lệ"
    return None


def xml_text(value) -> str:
    """NFC text without the control characters XML 1.0 cannot carry."""
    return _XML_UNSAFE.sub("", nfc(str(value))).strip()


def sub(parent, name: str, text=None, *, nsmap=None, **attributes):
    element = etree.SubElement(parent, f"{{{NS}}}{name}", attributes, nsmap=nsmap)
    if text is not None:
        element.text = xml_text(text)
    return element


def new_envelope():
    """The outer edXML element (default namespace) and its edXML:edXMLEnvelope.
    Everything created under the envelope is serialised with the edXML: prefix,
    which VPCP's .NET XmlSerializer requires."""
    root = etree.Element(f"{{{NS}}}edXML", nsmap={"xsi": XSI_NS, "xsd": XSD_NS, None: NS})
    envelope = etree.SubElement(root, f"{{{NS}}}edXMLEnvelope", nsmap={PREFIX: NS})
    return root, envelope


def serialise(root) -> bytes:
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + etree.tostring(root, encoding="utf-8", xml_declaration=False)


def organisation_element(parent, name: str, organisation: Organisation):
    element = sub(parent, name)
    sub(element, "OrganId", organisation.organ_id)
    sub(element, "OrganizationInCharge", organisation.organization_in_charge)
    sub(element, "OrganName", organisation.organ_name)
    sub(element, "OrganAdd", organisation.organ_add)
    sub(element, "Email", organisation.email)
    sub(element, "Telephone", organisation.telephone)
    sub(element, "Fax", organisation.fax)
    sub(element, "Website", organisation.website)
    return element


def response_for_element(parent, response: ResponseFor):
    element = sub(parent, "ResponseFor")
    sub(element, "OrganId", response.organ_id)
    sub(element, "Code", response.code)
    sub(element, "PromulgationDate", response.promulgation_date.strftime(DATE_FORMAT) if response.promulgation_date else "")
    sub(element, "DocumentId", response.document_id)
    return element


def staff_info_element(parent, staff: StaffInfo):
    element = sub(parent, "StaffInfo")
    sub(element, "Department", staff.department)
    sub(element, "Staff", staff.staff)
    sub(element, "Mobile", staff.mobile)
    sub(element, "Email", staff.email)
    return element


NOT_EDXML = "Gói tin không phải gói tin edXML theo QCVN 102:2016/BTTTT."
_DATE_PATTERNS = (
    (re.compile(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})"), (1, 2, 3)),
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})"), (3, 2, 1)),  # dd/MM/yyyy, seen on provincial axes
)
_TIME = re.compile(r"[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")


def parse_xml(data: bytes):
    """The root element of `data`, parsed without entities, DTDs or network
    access; a DOCTYPE is refused outright (XXE, billion laughs)."""
    with read_xml(io.BytesIO(data)) as read:
        return read.root


def _is(element, name: str) -> bool:
    # Other systems write children with the edXML: prefix or in the default
    # namespace (the same namespace to a namespace-aware reader); a few put
    # AttachmentEncoded in no namespace at all.
    if not isinstance(element.tag, str):
        return False
    qname = etree.QName(element)
    return qname.localname == name and qname.namespace in (NS, None)


def children(parent, name: str) -> list:
    return [] if parent is None else [element for element in parent if _is(element, name)]


def child(parent, *path: str):
    for name in path:
        if parent is None:
            return None
        parent = next((element for element in parent if _is(element, name)), None)
    return parent


def text(parent, *path: str) -> str:
    element = child(parent, *path)
    return "" if element is None else nfc("".join(element.itertext()).strip())


def parse_date(value: str, *, label: str) -> date | None:
    if not value:
        return None
    for pattern, (y, m, d) in _DATE_PATTERNS:
        match = pattern.match(value)
        if match:
            try:
                return date(int(match[y]), int(match[m]), int(match[d]))
            except ValueError:
                break
    raise ValidationFailed(f"{label.capitalize()} “{value}” không đúng định dạng yyyy/MM/dd.", fields={"envelope": [label]})


def parse_timestamp(value: str, *, label: str) -> datetime | None:
    """yyyy/MM/dd HH:mm:ss in Vietnam time; also dd/MM/yyyy HH:mm:ss and ISO 8601."""
    if not value:
        return None
    if "T" in value or value.endswith("Z"):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return moment if moment.tzinfo else moment.replace(tzinfo=VIETNAM)
        except ValueError:
            pass
    day = cast(date, parse_date(value, label=label))  # `value` is not empty: a date or ValidationFailed
    time = _TIME.search(value)
    hour, minute, second = (int(time[1]), int(time[2]), int(time[3] or 0)) if time else (0, 0, 0)
    try:
        return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=VIETNAM)
    except ValueError as exc:
        raise ValidationFailed(f"{label.capitalize()} “{value}” không hợp lệ.", fields={"envelope": [label]}) from exc


def parse_int(value: str, *, default, label: str):
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ValidationFailed(f"{label.capitalize()} “{value}” phải là số.", fields={"envelope": [label]}) from exc


def organisation_of(element) -> Organisation:
    return Organisation(
        organ_id=text(element, "OrganId"),
        organ_name=text(element, "OrganName"),
        organ_add=text(element, "OrganAdd"),
        email=text(element, "Email"),
        telephone=text(element, "Telephone"),
        fax=text(element, "Fax"),
        website=text(element, "Website"),
        organization_in_charge=text(element, "OrganizationInCharge"),
    )


def response_for_of(element) -> ResponseFor:
    return ResponseFor(
        organ_id=text(element, "OrganId"),
        code=text(element, "Code"),
        promulgation_date=parse_date(text(element, "PromulgationDate"), label="ngày ban hành văn bản được phản hồi"),
        document_id=text(element, "DocumentId"),
    )


def staff_info_of(element) -> StaffInfo:
    return StaffInfo(
        department=text(element, "Department"),
        staff=text(element, "Staff"),
        mobile=text(element, "Mobile"),
        email=text(element, "Email"),
    )


def envelope_of(root):
    """The edXMLEnvelope element, which must be in the QCVN 102:2016 namespace."""
    local = etree.QName(root).localname
    envelope = None
    if local == "edXMLEnvelope":
        envelope = root
    elif local == "edXML":
        envelope = child(root, "edXMLEnvelope")
    if envelope is None or etree.QName(envelope).namespace != NS:
        raise ValidationFailed(NOT_EDXML, fields={"envelope": [f"Phần tử gốc: {local}"]})
    return envelope
