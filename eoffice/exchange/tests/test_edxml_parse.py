"""Reading edXML document packages, ours and other systems'."""

import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from eoffice.core.errors import ValidationFailed
from eoffice.exchange.data import TraceHeader
from eoffice.exchange.edxml import VIETNAM, build_envelope, parse_envelope
from eoffice.exchange.tests.documents import a_document, a_full_document

SAMPLES = Path(__file__).parent / "samples"
NOW = datetime(2026, 3, 5, 9, 30, 15, tzinfo=VIETNAM)


def test_a_built_package_reads_back_as_the_same_document_plus_the_senders_hop():
    doc = a_full_document()
    parsed = parse_envelope(build_envelope(doc, now=NOW))
    assert parsed == replace(doc, trace=(TraceHeader("000.00.00.H31", NOW),))
    assert parsed.attachments[1].data == bytes(range(256)) * 4


def test_a_minimal_package_reads_back_with_its_built_document_id():
    parsed = parse_envelope(build_envelope(a_document(document_id=""), now=NOW))
    assert parsed.document_id == "000.00.00.H31,2026/03/05,125/UBND-VP"
    assert parsed == replace(a_document(), document_id=parsed.document_id, trace=(TraceHeader("000.00.00.H31", NOW),))


def test_a_sample_with_every_child_in_the_default_namespace_is_read():
    doc = parse_envelope((SAMPLES / "default_namespace.edxml").read_bytes())
    assert doc.sender.organ_id == "000.00.12.H31"
    assert doc.sender.organization_in_charge == "000.00.00.H31"
    assert [r.organ_name for r in doc.recipients] == ["UBND thành phố", "Sở Tài chính"]
    assert (doc.code_number, doc.code_notation) == ("125", "SXD-QLXD")
    assert doc.promulgation_date == date(2026, 3, 5)
    assert doc.due_date == date(2026, 3, 20)
    assert (doc.type_code, doc.type_name) == ("18", "Công văn")
    assert doc.signer_competence == "KT. GIÁM ĐỐC"
    assert doc.to_places == ("Như trên", "Lưu: VT, QLXD")
    assert (doc.priority, doc.promulgation_amount, doc.page_amount) == (1, 3, 2)
    assert doc.appendixes == ("Danh sách công trình",)
    assert doc.response_for[0].document_id == "000.00.00.H31,2026/02/20,45/UBND-VP"
    assert doc.response_for[0].promulgation_date == date(2026, 2, 20)
    assert doc.steering_type == 0
    assert doc.document_id == "000.00.12.H31,2026/03/05,125/SXD-QLXD"
    assert [hop.timestamp for hop in doc.trace] == [
        datetime(2026, 3, 5, 7, 5, 9, tzinfo=UTC),
        datetime(2026, 3, 5, 7, 6, 0, tzinfo=UTC),
    ]


def test_text_read_from_another_system_is_normalised_to_nfc():
    raw = (SAMPLES / "default_namespace.edxml").read_bytes()
    assert unicodedata.normalize("NFD", "Về việc").encode() in raw
    doc = parse_envelope(raw)
    assert doc.subject == unicodedata.normalize("NFC", "Về việc phối hợp kiểm tra công trình xây dựng")


def test_wrapped_base64_from_another_system_is_decoded_with_the_manifest_details():
    (attachment,) = parse_envelope((SAMPLES / "default_namespace.edxml").read_bytes()).attachments
    assert attachment.data == "Nội dung tệp đính kèm".encode()
    assert (attachment.name, attachment.content_type, attachment.description) == ("125-SXD-QLXD.txt", "text/plain", "Công văn")


@pytest.mark.parametrize("sample", ["doctype_entity.edxml", "billion_laughs.edxml"])
def test_a_doctype_or_entity_payload_is_refused(sample):
    with pytest.raises(ValidationFailed, match="DOCTYPE") as refused:
        parse_envelope((SAMPLES / sample).read_bytes())
    assert "haha" not in str(refused.value.fields)


def test_an_external_entity_is_never_read_from_disk(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("MẬT-KHẨU-BÍ-MẬT")
    payload = (SAMPLES / "doctype_entity.edxml").read_text().replace("file:///etc/hostname", secret.as_uri())
    with pytest.raises(ValidationFailed) as refused:
        parse_envelope(payload.encode())
    assert "MẬT-KHẨU" not in refused.value.message + str(refused.value.fields)


@pytest.mark.parametrize("data", [b"", b"<edXML><unclosed></edXML>", b"\xff\xfe garbage", "<a>ộ</a>".encode("utf-16")[:5]])
def test_what_is_not_well_formed_xml_is_refused(data):
    with pytest.raises(ValidationFailed, match="không phải XML hợp lệ"):
        parse_envelope(data)


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body>Xin chao</body></html>",
        b'<edXML xmlns="urn:other"><edXMLEnvelope/></edXML>',
        b"<edXML><edXMLEnvelope/></edXML>",
    ],
)
def test_well_formed_xml_that_is_not_edxml_is_refused(data):
    with pytest.raises(ValidationFailed, match="không phải gói tin edXML"):
        parse_envelope(data)


def test_an_envelope_without_message_header_is_refused():
    data = b'<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader/></edXMLEnvelope></edXML>'
    with pytest.raises(ValidationFailed, match="Thiếu phần MessageHeader"):
        parse_envelope(data)


def test_a_package_missing_mandatory_header_fields_names_them():
    raw = (SAMPLES / "default_namespace.edxml").read_text(encoding="utf-8")
    start, end = raw.index("<Subject>"), raw.index("</Subject>") + len("</Subject>")
    broken = (raw[:start] + raw[end:]).replace("<OrganId>000.00.12.H31</OrganId>", "<OrganId></OrganId>", 1)
    with pytest.raises(ValidationFailed) as refused:
        parse_envelope(broken.encode())
    assert refused.value.message == "Gói tin edXML thiếu thông tin bắt buộc: mã định danh và tên cơ quan gửi, trích yếu."
    assert set(refused.value.fields) == {"sender", "subject"}


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda content: content[:8] + "!*%$" + content[8:],  # foreign characters a lenient decoder would skip
        lambda content: content[:-3],  # truncated
        lambda content: "====" + content,
    ],
)
def test_corrupt_base64_in_an_attachment_is_refused(corrupt):
    data = build_envelope(a_document(), now=NOW).decode()
    start = data.index("<ContentTransferEncoded>") + len("<ContentTransferEncoded>")
    end = data.index("</ContentTransferEncoded>")
    damaged = data[:start] + corrupt(data[start:end]) + data[end:]
    with pytest.raises(ValidationFailed, match="Tệp đính kèm “125-UBND-VP.pdf” bị hỏng"):
        parse_envelope(damaged.encode())


def test_an_attachment_listed_in_the_manifest_but_missing_is_refused():
    data = build_envelope(a_document(), now=NOW).decode()
    without_content = data[: data.index("<AttachmentEncoded>")] + "<AttachmentEncoded/></edXML>"
    with pytest.raises(ValidationFailed, match="thiếu nội dung của tệp đính kèm “125-UBND-VP.pdf”"):
        parse_envelope(without_content.encode())


def test_a_malformed_promulgation_date_is_refused():
    raw = (
        (SAMPLES / "default_namespace.edxml")
        .read_text(encoding="utf-8")
        .replace("2026/03/05</Promulgation", "ngày 5/3</Promulgation")
    )
    with pytest.raises(ValidationFailed, match="Ngày ban hành “ngày 5/3” không đúng định dạng"):
        parse_envelope(raw.encode())
