"""Status messages (gói tin trạng thái): building, reading, the code table."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from lxml import etree

from eoffice.core.errors import ValidationFailed
from eoffice.exchange.data import Organisation, ResponseFor, StaffInfo, StatusMessage
from eoffice.exchange.status import STATUS_CODES, build_status, parse_status, status_label

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
E = f"{{{NS}}}"
CONSTRUCTION = Organisation(organ_id="000.00.12.H31", organ_name="Sở Xây dựng", organization_in_charge="000.00.00.H31")
NOW = datetime(2026, 3, 5, 8, 0, 0, tzinfo=UTC)  # 15:00 in Hà Nội
SAMPLES = Path(__file__).parent / "samples"


def a_status(**changes) -> bytes:
    arguments = {
        "response_for_organ_id": "000.00.00.H31",
        "response_for_code": "125/UBND-VP",
        "response_for_document_id": "000.00.00.H31,2026/03/05,125/UBND-VP",
        "sender": CONSTRUCTION,
        "status_code": "01",
        "description": "Văn bản đã đến hệ thống của Sở.",
        "staff": "Lê Văn Cường",
        "department": "Văn phòng Sở",
        "now": NOW,
    }
    return build_status(**arguments | changes)


def test_the_status_table_has_the_codes_of_the_standard_with_vietnamese_labels():
    assert list(STATUS_CODES) == ["01", "02", "03", "04", "05", "06", "13", "15", "16"]
    assert STATUS_CODES["02"] == "Từ chối tiếp nhận"
    assert STATUS_CODES["13"] == "Thu hồi văn bản"
    assert status_label("09") == "Trạng thái mã 09 (chưa xác định)"


@pytest.mark.parametrize("code", ["01", "03", "06", "13"])
def test_a_built_status_reads_back_unchanged(code):
    message = parse_status(a_status(status_code=code, description=f"Trạng thái {STATUS_CODES[code]}"))
    assert message == StatusMessage(
        response_for=ResponseFor(
            organ_id="000.00.00.H31",
            code="125/UBND-VP",
            promulgation_date=date(2026, 3, 5),
            document_id="000.00.00.H31,2026/03/05,125/UBND-VP",
        ),
        sender=CONSTRUCTION,
        status_code=code,
        description=f"Trạng thái {STATUS_CODES[code]}",
        timestamp=NOW,
        staff_info=StaffInfo(department="Văn phòng Sở", staff="Lê Văn Cường"),
    )


def test_every_status_element_inside_the_envelope_is_prefixed_and_in_the_namespace():
    root = etree.fromstring(a_status())
    envelope = root.find(f"{E}edXMLEnvelope")
    assert [el.prefix for el in envelope.iter()] == ["edXML"] * len(list(envelope.iter()))
    assert {etree.QName(el).namespace for el in root.iter()} == {NS}


def test_the_status_timestamp_is_vietnam_time_yyyy_mm_dd_hh_mm_ss():
    root = etree.fromstring(a_status())
    assert root.findtext(f"{E}edXMLEnvelope/{E}edXMLHeader/{E}Status/{E}Timestamp") == "2026/03/05 15:00:00"


def test_the_promulgation_date_of_the_answered_document_comes_from_its_document_id():
    root = etree.fromstring(a_status())
    assert root.findtext(f"{E}edXMLEnvelope/{E}edXMLHeader/{E}Status/{E}ResponseFor/{E}PromulgationDate") == "2026/03/05"
    root = etree.fromstring(a_status(response_for_promulgation_date=date(2026, 3, 4)))
    assert root.findtext(f"{E}edXMLEnvelope/{E}edXMLHeader/{E}Status/{E}ResponseFor/{E}PromulgationDate") == "2026/03/04"


@pytest.mark.parametrize("code", ["1", "07", "99", ""])
def test_a_code_outside_the_table_is_not_sent(code):
    with pytest.raises(ValidationFailed, match="không thuộc danh mục trạng thái") as refused:
        a_status(status_code=code)
    assert "status_code" in refused.value.fields


def test_a_responding_agency_without_organ_id_cannot_send_a_status():
    with pytest.raises(ValidationFailed, match="Cơ quan gửi trạng thái “Sở Xây dựng” chưa có mã định danh điện tử"):
        a_status(sender=Organisation(organ_id="", organ_name="Sở Xây dựng"))


def test_a_status_without_the_answered_document_id_is_not_sent():
    with pytest.raises(ValidationFailed) as refused:
        a_status(response_for_document_id=" ")
    assert "response_for_document_id" in refused.value.fields


def test_another_systems_status_with_a_short_code_and_a_day_first_timestamp_is_read():
    message = parse_status((SAMPLES / "status_other_system.edxml").read_bytes())
    assert message.status_code == "03"
    assert status_label(message.status_code) == "Đã tiếp nhận"
    assert message.timestamp == datetime(2026, 3, 6, 1, 15, tzinfo=UTC)
    assert message.response_for.document_id == "000.00.00.H31,2026/03/05,125/UBND-VP"
    assert message.staff_info == StaffInfo(department="Văn phòng Sở", staff="Lê Văn C")


def test_a_status_package_without_status_code_is_refused():
    raw = (SAMPLES / "status_other_system.edxml").read_text(encoding="utf-8").replace("<StatusCode>3</StatusCode>", "")
    with pytest.raises(ValidationFailed, match="mã trạng thái"):
        parse_status(raw.encode())


def test_a_document_package_is_not_taken_for_a_status():
    with pytest.raises(ValidationFailed, match="Thiếu phần Status"):
        parse_status((SAMPLES / "default_namespace.edxml").read_bytes())


def test_a_status_with_a_doctype_is_refused():
    raw = (SAMPLES / "status_other_system.edxml").read_text(encoding="utf-8")
    payload = raw.replace("<edXML xmlns", '<!DOCTYPE edXML [<!ENTITY x "y">]>\n<edXML xmlns', 1)
    with pytest.raises(ValidationFailed, match="DOCTYPE"):
        parse_status(payload.encode())


def test_a_received_code_outside_the_table_is_kept_with_a_neutral_label():
    raw = (SAMPLES / "status_other_system.edxml").read_text(encoding="utf-8").replace(">3</StatusCode>", ">9</StatusCode>")
    message = parse_status(raw.encode())
    assert message.status_code == "09"
    assert status_label(message.status_code) == "Trạng thái mã 09 (chưa xác định)"
