"""Building the edXML document package (QCVN 102:2016/BTTTT)."""

import base64
import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from lxml import etree

from eoffice.core.errors import ValidationFailed
from eoffice.exchange.data import Organisation, TraceHeader
from eoffice.exchange.edxml import build_envelope, document_id_for, type_code_for
from eoffice.exchange.tests.documents import CONSTRUCTION, PDF, a_document, a_full_document

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
E = f"{{{NS}}}"
NOW = datetime(2026, 3, 5, 2, 30, 15, tzinfo=UTC)  # 09:30:15 in Hà Nội


def built(doc=None, now=NOW):
    return etree.fromstring(build_envelope(doc or a_full_document(), now=now))


def find_text(root, path):
    return root.findtext(path.replace("e:", E))


def test_every_element_inside_the_envelope_carries_the_edxml_prefix():
    root = built()
    envelope = root.find(f"{E}edXMLEnvelope")
    elements = list(envelope.iter())
    assert len(elements) > 80
    unprefixed = [etree.QName(el).localname for el in elements if el.prefix != "edXML"]
    assert unprefixed == []


def test_attachment_encoded_stays_outside_the_envelope_and_unprefixed_like_the_vpcp_sample():
    root = built()
    encoded = root.find(f"{E}AttachmentEncoded")
    assert encoded is not None
    assert [el.prefix for el in encoded.iter()] == [None] * len(list(encoded.iter()))
    assert root.prefix is None


def test_every_element_is_in_the_qcvn_102_2016_namespace():
    root = built()
    assert {etree.QName(el).namespace for el in root.iter()} == {NS}
    assert root.nsmap[None] == NS
    assert root.find(f"{E}edXMLEnvelope").nsmap["edXML"] == NS


def test_the_package_is_utf8_with_an_xml_declaration():
    data = build_envelope(a_document(), now=NOW)
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert "UBND thành phố Hải Phòng".encode() in data


def test_the_message_header_follows_the_order_of_the_standard():
    header = built().find(f"{E}edXMLEnvelope/{E}edXMLHeader/{E}MessageHeader")
    order = [etree.QName(el).localname for el in header]
    assert order == [
        "From", "To", "To", "Code", "PromulgationInfo", "DocumentType", "Subject", "Content", "SignerInfo",
        "DueDate", "ToPlaces", "OtherInfo", "ResponseFor", "SteeringType", "DocumentId",
    ]  # fmt: skip


def test_each_recipient_gets_its_own_to_element_with_its_organ_id():
    header = built().find(f"{E}edXMLEnvelope/{E}edXMLHeader/{E}MessageHeader")
    assert [to.findtext(f"{E}OrganId") for to in header.findall(f"{E}To")] == ["000.00.12.H31", "000.00.13.H31"]
    assert header.findtext(f"{E}To/{E}OrganizationInCharge") == "000.00.00.H31"


def test_an_empty_document_id_is_built_from_organ_id_date_and_number_symbol():
    root = built(a_document(document_id=""))
    assert find_text(root, "e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader/e:DocumentId") == "000.00.00.H31,2026/03/05,125/UBND-VP"


def test_a_given_document_id_is_sent_unchanged():
    root = built(a_document(document_id="000.00.00.H31,2026/03/05,125/UBND-VP-X"))
    assert (
        find_text(root, "e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader/e:DocumentId") == "000.00.00.H31,2026/03/05,125/UBND-VP-X"
    )


def test_document_id_for_pads_nothing_and_keeps_vietnamese_letters():
    document_id = document_id_for(
        organ_id="000.00.04.G14", promulgation_date=date(2012, 8, 6), code_number="267", code_notation="VPCP-TTĐT"
    )
    assert document_id == "000.00.04.G14,2012/08/06,267/VPCP-TTĐT"


def test_dates_are_written_as_yyyy_mm_dd():
    header = built().find(f"{E}edXMLEnvelope/{E}edXMLHeader/{E}MessageHeader")
    assert header.findtext(f"{E}PromulgationInfo/{E}PromulgationDate") == "2026/03/05"
    assert header.findtext(f"{E}DueDate") == "2026/03/20"
    assert header.findtext(f"{E}ResponseFor/{E}PromulgationDate") == "2026/02/20"


def test_the_trace_timestamp_is_the_sender_in_vietnam_time_as_yyyy_mm_dd_hh_mm_ss():
    trace = built().find(f"{E}edXMLEnvelope/{E}edXMLHeader/{E}TraceHeaderList")
    hops = trace.findall(f"{E}TraceHeader")
    assert [(h.findtext(f"{E}OrganId"), h.findtext(f"{E}Timestamp")) for h in hops] == [("000.00.00.H31", "2026/03/05 09:30:15")]
    assert len(trace.get("id")) == 8
    assert trace.get("mustUnderstand") == "1"


def test_hops_already_travelled_are_kept_before_the_senders_hop():
    earlier = TraceHeader("000.00.12.H31", datetime(2026, 3, 4, 23, 59, 59, tzinfo=UTC))
    trace = built(a_document(trace=(earlier,))).find(f"{E}edXMLEnvelope/{E}edXMLHeader/{E}TraceHeaderList")
    assert [h.findtext(f"{E}Timestamp") for h in trace.findall(f"{E}TraceHeader")] == [
        "2026/03/05 06:59:59",
        "2026/03/05 09:30:15",
    ]


def test_a_naive_now_is_refused():
    with pytest.raises(ValueError):
        build_envelope(a_document(), now=datetime(2026, 3, 5, 9, 30))


def test_the_business_type_and_reason_are_in_bussiness():
    business = built().find(f"{E}edXMLEnvelope/{E}edXMLHeader/{E}TraceHeaderList/{E}Bussiness")
    assert business.findtext(f"{E}BussinessDocType") == "2"
    assert business.findtext(f"{E}BussinessDocReason") == "Bổ sung nơi nhận"
    assert business.findtext(f"{E}BussinessDocumentInfo/{E}ReceiverList/{E}Receiver/{E}OrganId") == "000.00.13.H31"


def test_the_manifest_references_the_content_id_with_cid_and_the_attachment_without():
    root = built()
    references = root.findall(f"{E}edXMLEnvelope/{E}edXMLBody/{E}edXMLManifest/{E}Reference")
    attachments = root.findall(f"{E}AttachmentEncoded/{E}Attachment")
    assert len(references) == len(attachments) == 2
    for reference, attachment in zip(references, attachments, strict=True):
        content_id = attachment.findtext(f"{E}ContentId")
        assert not content_id.startswith("cid:")
        assert reference.findtext(f"{E}ContentId") == f"cid:{content_id}"
        assert reference.get("{http://www.w3.org/1999/xlink}href") == f"cid:{content_id}"
    assert len({a.findtext(f"{E}ContentId") for a in attachments}) == 2


def test_attachment_content_is_the_base64_of_its_bytes():
    attachment = built(a_document()).find(f"{E}AttachmentEncoded/{E}Attachment")
    assert base64.b64decode(attachment.findtext(f"{E}ContentTransferEncoded")) == PDF
    assert attachment.findtext(f"{E}AttachmentName") == "125-UBND-VP.pdf"
    assert attachment.findtext(f"{E}ContentType") == "application/pdf"


def test_text_is_written_in_nfc():
    decomposed = unicodedata.normalize("NFD", "Về việc kiểm tra")
    root = built(a_document(subject=decomposed))
    subject = find_text(root, "e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader/e:Subject")
    assert subject == unicodedata.normalize("NFC", decomposed)
    assert subject != decomposed


def test_a_recipient_without_organ_id_is_refused_with_a_vietnamese_message():
    doc = a_document(recipients=(CONSTRUCTION, Organisation(organ_id="", organ_name="Sở Xây dựng")))
    with pytest.raises(ValidationFailed) as refused:
        build_envelope(doc, now=NOW)
    assert refused.value.message == "Nơi nhận “Sở Xây dựng” chưa có mã định danh điện tử, không thể gửi liên thông."
    assert "recipients" in refused.value.fields


@pytest.mark.parametrize("organ_id", ["000.00.12.h31", "000..12.H31", "000.00.12.H31 ", "A" * 36, "000,00"])
def test_a_recipient_with_an_organ_id_outside_qd_20_2020_is_refused(organ_id):
    doc = a_document(recipients=(Organisation(organ_id=organ_id, organ_name="Sở Tài chính"),))
    with pytest.raises(ValidationFailed, match="Nơi nhận “Sở Tài chính” có mã định danh điện tử .* không hợp lệ"):
        build_envelope(doc, now=NOW)


def test_a_sender_without_organ_id_is_refused():
    doc = a_document(sender=replace(a_document().sender, organ_id=""))
    with pytest.raises(ValidationFailed, match="Cơ quan gửi “UBND thành phố Hải Phòng” chưa có mã định danh điện tử"):
        build_envelope(doc, now=NOW)


def test_a_document_without_recipients_is_refused():
    with pytest.raises(ValidationFailed, match="chưa có nơi nhận"):
        build_envelope(a_document(recipients=()), now=NOW)


def test_missing_header_fields_are_named_in_the_message_and_the_fields():
    with pytest.raises(ValidationFailed) as refused:
        build_envelope(a_document(subject="  ", code_notation="", signer_full_name=""), now=NOW)
    assert "ký hiệu, trích yếu, họ tên người ký" in refused.value.message
    assert set(refused.value.fields) == {"subject", "code_notation", "signer_full_name"}


@pytest.mark.parametrize(("field", "value"), [("priority", 5), ("priority", -1), ("business_doc_type", 4)])
def test_codes_outside_their_table_are_refused(field, value):
    with pytest.raises(ValidationFailed) as refused:
        build_envelope(a_document(**{field: value}), now=NOW)
    assert field in refused.value.fields


def test_control_characters_pasted_into_the_subject_are_dropped():
    root = built(a_document(subject="Về việc\x0b kiểm tra\x00"))
    assert find_text(root, "e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader/e:Subject") == "Về việc kiểm tra"


def test_type_code_follows_the_nd30_list_unless_the_installation_overrides_it(settings):
    assert type_code_for("Công văn") == "18"
    assert type_code_for("Nghị quyết") == "1"
    assert type_code_for("Không có loại này") is None
    settings.EOFFICE_EDXML_TYPE_CODES = {"Công văn": "1"}
    assert type_code_for("Công văn") == "1"


def test_no_type_element_is_written_when_the_type_code_is_unknown():
    document_type = built(a_document(type_code=None)).find(f"{E}edXMLEnvelope/{E}edXMLHeader/{E}MessageHeader/{E}DocumentType")
    assert [etree.QName(el).localname for el in document_type] == ["TypeName"]
