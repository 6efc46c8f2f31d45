"""Văn bản điện tử chờ vào sổ in the demo: packages from the Ministry of
Construction and two departments arrived this morning by the exchange and wait
for the Office's registry; one sent to the wrong agency was refused, one was
registered this morning, and its sender then asked to recall it. Each is a
real edXML package received through exchange.receiving, as the inbox job does."""

import io
from datetime import datetime, timedelta

from eoffice.demo.catalog import OFFICE
from eoffice.demo.pdf import pdf_bytes
from eoffice.demo.story import Cast
from eoffice.exchange.data import Attachment, EdxmlDocument, Organisation
from eoffice.exchange.edxml import build_envelope
from eoffice.exchange.models import ReceivedPackage
from eoffice.exchange.receiving import receive_package
from eoffice.incoming.receiving.electronic import package_refuse, package_register
from eoffice.organisation.models import Agency
from eoffice.signatures.models import Backend, SigningKey, var_dir
from eoffice.signatures.services import sign_pdf
from eoffice.signatures.testca import make_test_ca
from eoffice.workdays.services import add_working_days, is_working_day

CLERK = "vanthu"
# sender key, number, notation, type, subject, signer position, signer, priority
PACKAGES = [
    (
        "bxd",
        "2381",
        "BXD-QLN",
        "Công văn",
        "Về việc rà soát, báo cáo tình hình thị trường bất động sản năm {year}",
        "Thứ trưởng",
        "Nguyễn Văn Sinh",
        1,
    ),
    (
        "stc",
        "1456",
        "STC-QLNS",
        "Công văn",
        "Về việc đề nghị bổ sung dự toán kinh phí chuyển đổi số năm {next}",
        "Phó Giám đốc",
        "Trần Minh Hải",
        0,
    ),
    (
        "skhdt",
        "812",
        "SKHĐT-TH",
        "Báo cáo",
        "Báo cáo tình hình giải ngân vốn đầu tư công 11 tháng năm {year}",
        "Giám đốc",
        "Phạm Thu Hà",
        2,
    ),
]
REFUSED = (
    "syt",
    "977",
    "SYT-NVY",
    "Công văn",
    "Về việc tăng cường phòng, chống dịch bệnh mùa đông xuân",
    "Phó Giám đốc",
    "Lê Văn Phúc",
    0,
)
REGISTERED = (
    "snv",
    "2105",
    "SNV-CCVC",
    "Công văn",
    "Về việc báo cáo số lượng, chất lượng cán bộ, công chức năm {year}",
    "Giám đốc",
    "Vũ Thị Lan",
    0,
)
RECALL_REASON = "Văn bản có sai sót về số liệu; Sở Nội vụ sẽ ban hành văn bản thay thế."
# The document Sở Nội vụ sends to replace the one it recalls (business type 3).
REPLACEMENT = ("snv", "2140", *REGISTERED[2:])
REPLACEMENT_REASON = "Thay thế Công văn số 2105/SNV-CCVC do sai sót về số liệu."
REFUSAL = "Văn bản gửi nhầm cơ quan: nơi nhận ghi Sở Giáo dục và Đào tạo, đề nghị gửi lại đúng nơi nhận."


def packages_load(cast: Cast) -> list[ReceivedPackage]:
    office, today = cast.agencies[OFFICE], cast.today
    issued = today - timedelta(days=1)
    while not is_working_day(issued):
        issued -= timedelta(days=1)
    packages = [_receive(cast, spec, issued, f"demo-{spec[0]}.edxml") for spec in PACKAGES]
    refused = _receive(cast, REFUSED, issued, "demo-syt.edxml")
    package_refuse(actor=cast.actor(CLERK), package=refused, reason=REFUSAL)
    registered = _receive(cast, REGISTERED, issued, "demo-snv.edxml")
    package_register(actor=cast.actor(CLERK), package=registered)
    recall = {"business_doc_type": 1, "business_doc_reason": RECALL_REASON, "business_document_id": registered.document_id}
    request = _receive(cast, REGISTERED, issued, "demo-snv-thu-hoi.edxml", **recall)
    replace = {"business_doc_type": 3, "business_doc_reason": REPLACEMENT_REASON, "business_document_id": registered.document_id}
    replacement = _receive(cast, REPLACEMENT, issued, "demo-snv-thay-the.edxml", **replace)
    assert all(p.agency == office for p in packages) and request.previous == registered == replacement.previous
    return [*packages, refused, registered, request, replacement]


def _signed(pdf: bytes, sender: Agency) -> bytes:
    """The PDF signed with the sender's certificate from the demo's test CA (the
    registry sees it verified: intact and trusted)."""
    pki = make_test_ca(var_dir() / "pki", agencies=[(sender.name, sender.organ_id or "")], people=[])
    credential = pki.agencies[sender.organ_id or sender.name]
    key = SigningKey(
        agency=sender,
        label=f"Khóa cơ quan {sender.short_name} (thử nghiệm)",
        backend=Backend.FILE,
        key_path=str(credential.key_path),
        cert_path=str(credential.cert_path),
        chain_paths="\n".join(str(path) for path in credential.chain_paths),
    )  # never saved: the sender's key lives in the sender's system
    return sign_pdf(data=pdf, key=key, field_name="ChuKyCoQuan", box=None, reason="Phát hành", location=sender.name)


def _receive(cast: Cast, spec: tuple, issued, reference: str, **business) -> ReceivedPackage:
    key, number, notation, type_name, subject, position, signer, priority = spec
    sender = cast.agencies[key]
    office = cast.agencies[OFFICE]
    subject = subject.format(year=issued.year, next=issued.year + 1)
    lines = [sender.name.upper(), f"So: {number}/{notation}", type_name.upper(), subject, position.upper(), signer]
    doc = EdxmlDocument(
        sender=Organisation(organ_id=sender.organ_id or "", organ_name=sender.name),
        recipients=(Organisation(organ_id=office.organ_id or "", organ_name=office.name),),
        code_number=number,
        code_notation=notation,
        promulgation_place="Hà Nội" if key == "bxd" else "Hải Phòng",
        promulgation_date=issued,
        type_name=type_name,
        subject=subject,
        signer_full_name=signer,
        signer_position=position,
        signer_competence="KT. BỘ TRƯỞNG" if key == "bxd" else "",
        priority=priority,
        due_date=add_working_days(cast.today, 10),
        to_places=("UBND thành phố Hải Phòng", "Lưu: VT"),
        attachments=(Attachment(f"{number}-{notation}.pdf", "application/pdf", _signed(pdf_bytes(lines), sender)),),
        **business,
    )
    sent = datetime.combine(issued, datetime.min.time(), tzinfo=cast.now.tzinfo) + timedelta(hours=17 if business else 16)
    data = build_envelope(doc, now=sent)
    (package,) = receive_package(stream=io.BytesIO(data), transport="directory", reference=reference).packages
    return package
