"""The package we send is complete: every field the public descriptions name is
filled from the document when we know it, read back from the built package."""

import pytest

from eoffice.attachments.services import stored_file_from_bytes
from eoffice.conftest import incoming_data
from eoffice.exchange.edxml import document_id_for, parse_envelope, type_code_for
from eoffice.incoming.receiving.services import incoming_register
from eoffice.organisation.models import Agency
from eoffice.outgoing.issuance.edxml import CONTENT_CHARACTERS, envelope_for, summary
from eoffice.outgoing.issuance.services import outgoing_recall
from eoffice.outgoing.models import Circulation, OutgoingAttachment
from eoffice.outgoing.tests.conftest import issue_through

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(office):
    """A Công văn to Bộ Xây dựng answering a letter of Sở Xây dựng, with an
    appendix; the office has its contact details and a parent agency."""
    city = Agency.objects.create(name="UBND thành phố Hải Phòng", short_name="UBND", organ_id="000.00.00.H26")
    Agency.objects.filter(pk=office.office.pk).update(
        parent=city, address="18 Hoàng Diệu, Hồng Bàng, Hải Phòng", email="vpubnd@haiphong.gov.vn", phone="0225 3842 131"
    )
    letter = incoming_register(actor=office.actor(office.clerk), data=incoming_data(organ_id="000.02.00.H26"))
    long_body = "Văn phòng UBND thành phố có ý kiến như sau: " + "đề nghị Sở hoàn thiện hồ sơ " * 80
    doc = issue_through(
        office, recipients=[office.external], body=long_body, circulation=Circulation.INTERNAL, drafter_initials="NVC"
    )
    doc.answers.add(letter)
    pdf = stored_file_from_bytes(data=b"%PDF-1.4 appendix", extension="pdf", content_type="application/pdf")
    OutgoingAttachment.objects.create(
        document=doc, stored_file=pdf, filename="Phu-luc-1.pdf", is_appendix=True, uploaded_by=office.clerk
    )
    return doc, letter


def read_back(doc):
    return parse_envelope(envelope_for(doc, doc.recipients.get()))


def test_every_known_field_is_in_the_package(office, sent):
    doc, letter = sent
    package = read_back(doc)
    assert package.type_name == "Công văn" and package.type_code == type_code_for("Công văn") is not None
    sender = package.sender
    assert sender.organ_id == "000.01.00.H26" and sender.organization_in_charge == "000.00.00.H26"
    assert sender.organ_add.startswith("18 Hoàng Diệu") and sender.email == "vpubnd@haiphong.gov.vn"
    assert sender.telephone == "0225 3842 131"
    assert package.content.startswith("Văn phòng UBND thành phố có ý kiến") and package.content.endswith("…")
    assert len(package.content) <= CONTENT_CHARACTERS
    assert package.sphere_of_promulgation == "LƯU HÀNH NỘI BỘ"
    assert package.typer_notation == "NVC"
    assert package.appendixes == ("Phu-luc-1.pdf",)
    assert [a.name for a in package.attachments][1:] == ["Phu-luc-1.pdf"]
    (answer,) = package.response_for
    assert answer.organ_id == "000.02.00.H26" and answer.code == "125/SXD-QLXD"
    assert answer.promulgation_date == letter.issued_date
    assert answer.document_id == "000.02.00.H26,2026/03/02,125/SXD-QLXD"
    assert package.steering_type == 0
    assert [s.staff for s in package.staff_info] == [office.clerk.full_name]
    assert package.business_doc_type == 0 and package.business_document_id == ""


def test_to_places_carry_the_places_printed_not_the_routing(office, sent):
    doc, _ = sent
    package = read_back(doc)
    assert package.to_places == ("Như trên;", "Chánh Văn phòng")
    assert [r.organ_id for r in package.recipients] == [office.external.organ_id]


def test_a_recall_names_the_recalled_document(office, sent):
    doc, _ = sent
    doc = outgoing_recall(actor=office.actor(office.clerk), document=doc, reason="Ban hành nhầm nơi nhận")
    package = read_back(doc)
    assert package.business_doc_type == 1 and package.business_doc_reason == "Ban hành nhầm nơi nhận"
    expected = document_id_for(
        organ_id="000.01.00.H26", promulgation_date=doc.issued_date, code_number=doc.code_number, code_notation=doc.code_notation
    )
    assert package.business_document_id == expected


def test_an_answer_without_the_senders_identifier_is_left_out(office, sent):
    doc, letter = sent
    type(letter).objects.filter(pk=letter.pk).update(organ_id="")
    assert read_back(doc).response_for == ()


def test_the_summary_is_the_body_on_one_line_cut_at_a_word():
    assert summary("Kính gửi:\n  Sở Xây dựng\n") == "Kính gửi: Sở Xây dựng"
    cut = summary("một hai ba bốn năm", limit=10)
    assert cut == "một hai…" and len(cut) <= 10
