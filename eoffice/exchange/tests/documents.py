"""Documents used by the exchange tests: a plain one and one with every field set."""

from dataclasses import replace
from datetime import date, datetime

from eoffice.exchange.data import (
    Attachment,
    EdxmlDocument,
    Organisation,
    Receiver,
    ReplacementInfo,
    ResponseFor,
    StaffInfo,
)
from eoffice.exchange.edxml import VIETNAM, build_envelope

CITY = Organisation(
    organ_id="000.00.00.H31",
    organ_name="UBND thành phố Hải Phòng",
    organ_add="18 Hoàng Diệu, Hồng Bàng",
    email="ubnd@haiphong.gov.vn",
    telephone="0225 3842 000",
    website="https://haiphong.gov.vn",
)
CONSTRUCTION = Organisation(organ_id="000.00.12.H31", organ_name="Sở Xây dựng", organization_in_charge="000.00.00.H31")
FINANCE = Organisation(organ_id="000.00.13.H31", organ_name="Sở Tài chính", organization_in_charge="000.00.00.H31")
PDF = b"%PDF-1.4\n% \xe2\xe3\xcf\xd3 binary bytes \x00\x01\x02\n%%EOF\n"


def a_document(**changes) -> EdxmlDocument:
    doc = EdxmlDocument(
        sender=CITY,
        recipients=(CONSTRUCTION,),
        code_number="125",
        code_notation="UBND-VP",
        promulgation_place="Hải Phòng",
        promulgation_date=date(2026, 3, 5),
        type_name="Công văn",
        type_code="18",
        subject="Về việc kiểm tra công trình xây dựng",
        signer_full_name="Nguyễn Văn An",
        signer_position="Phó Chủ tịch",
        signer_competence="KT. CHỦ TỊCH",
        attachments=(Attachment(name="125-UBND-VP.pdf", content_type="application/pdf", data=PDF),),
    )
    return replace(doc, **changes)


def a_full_document(**changes) -> EdxmlDocument:
    """Every optional field filled, so a round trip checks each of them."""
    return a_document(
        recipients=(CONSTRUCTION, FINANCE),
        type_detail="Công văn hành chính",
        content="Đề nghị các Sở phối hợp kiểm tra.",
        due_date=date(2026, 3, 20),
        to_places=("Như trên", "CT, các PCT UBND TP", "Lưu: VT, XD"),
        priority=3,
        sphere_of_promulgation="Lưu hành nội bộ",
        typer_notation="NVA",
        promulgation_amount=5,
        page_amount=2,
        appendixes=("Danh sách công trình",),
        response_for=(
            ResponseFor(
                organ_id="000.00.12.H31",
                code="45/SXD-QLXD",
                promulgation_date=date(2026, 2, 20),
                document_id="000.00.12.H31,2026/02/20,45/SXD-QLXD",
            ),
        ),
        steering_type=0,
        document_id="000.00.00.H31,2026/03/05,125/UBND-VP",
        business_doc_type=2,
        business_doc_reason="Bổ sung nơi nhận",
        business_document_info="0",
        business_document_receiver="1",
        business_receivers=(Receiver(receiver_type=1, organ_id="000.00.13.H31"),),
        business_document_id="000.00.00.H31,2026/03/05,125/UBND-VP",
        staff_info=(StaffInfo(department="Văn phòng", staff="Lê Thị Hoa", mobile="0912 000 000", email="hoa@haiphong.gov.vn"),),
        paper=0,
        replacement_info=(ReplacementInfo(document_id="000.00.00.H31,2026/01/10,12/UBND-VP", organ_ids=("000.00.12.H31",)),),
        attachments=(
            Attachment(name="125-UBND-VP.pdf", content_type="application/pdf", data=PDF, description="Văn bản chính"),
            Attachment(
                name="Phụ lục danh sách.xlsx",
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                data=bytes(range(256)) * 4,
                description="Phụ lục",
            ),
        ),
        **changes,
    )


# A package from the Finance department to the Office of the test cast (eoffice/conftest.py).
OFFICE = Organisation(organ_id="000.01.00.H26", organ_name="Văn phòng UBND thành phố Hải Phòng")
NOW = datetime(2026, 3, 5, 9, 30, 15, tzinfo=VIETNAM)


def a_package(*, now=NOW, attachment_data=None, **changes) -> bytes:
    from eoffice.conftest import PDF_BYTES

    data = PDF_BYTES if attachment_data is None else attachment_data
    attachment = Attachment(name="125-STC-NS.pdf", content_type="application/pdf", data=data)
    doc = a_document(sender=FINANCE, recipients=(OFFICE,), code_notation="STC-NS", attachments=(attachment,))
    return build_envelope(replace(doc, **changes), now=now)
