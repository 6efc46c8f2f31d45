"""The printable one-stop slips: each PDF opens, says what the citizen needs
(code, applicant, procedure, dates in Vietnamese form, items and reasons),
keeps its text inside the A4 margins however long the names, and the receipt's
QR code carries the public look-up URL."""

import io
import unicodedata
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pypdfium2
import pytest
from pypdf import PdfReader
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.pagesizes import A4

from eoffice.onestop import printing
from eoffice.onestop.models import (
    ApplicantKind,
    Dossier,
    DossierEvent,
    DossierPaper,
    DossierStep,
    EventKind,
    OneStopSettings,
    Procedure,
    ProcedureField,
    Status,
    Timeliness,
)
from eoffice.onestop.printing import (
    apology_pdf,
    clock_long,
    clock_short,
    control_sheet_pdf,
    hand_overs,
    lookup_url,
    qr_code,
    receipt_pdf,
    receipt_qr,
    refusal_pdf,
    supplement_pdf,
    timeliness,
    working_days,
)
from eoffice.organisation.models import Agency, Unit, User

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
CODE = "000.01.00.H26-260105-0001"
PROCEDURE_NAME = "Cấp giấy phép xây dựng nhà ở riêng lẻ"
SUPPLEMENT_ITEMS = ["Bản vẽ thiết kế mặt bằng tầng 1 có chữ ký của chủ đầu tư", "Giấy ủy quyền có công chứng"]
SUPPLEMENT_REASON = "Hồ sơ thiếu bản vẽ mặt bằng và giấy ủy quyền"
REFUSAL_REASON = "Thủ tục không thuộc thẩm quyền giải quyết của Văn phòng"
APOLOGY_REASON = "Hồ sơ phải lấy ý kiến của Sở Xây dựng"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A local (Vietnam) time in January 2026."""
    return datetime(2026, 1, day, hour, minute, tzinfo=HCM)


def make_dossier(*, code=CODE, procedure_name=PROCEDURE_NAME, papers=None, status=Status.RETURNED, **fields) -> SimpleNamespace:
    """A dossier received on 05/01/2026 09:15, due 12/01/2026 11:30, through two
    steps (Phòng Kinh tế early, lãnh đạo on time), returned on 12/01; its
    events hold the data of a supplement request, an apology and a refusal."""
    parent = Agency.objects.get_or_create(name="Ủy ban nhân dân thành phố Hải Phòng", short_name="UBND")[0]
    agency = Agency.objects.get_or_create(
        name="Văn phòng Ủy ban nhân dân thành phố", short_name="VP", defaults={"parent": parent, "hosted": True}
    )[0]
    economy = Unit.objects.get_or_create(agency=agency, name="Phòng Kinh tế", abbreviation="KT")[0]
    leaders = Unit.objects.get_or_create(agency=agency, name="Lãnh đạo Văn phòng", abbreviation="LĐ")[0]
    clerk = User.objects.get_or_create(username=f"motcua-{code}", defaults={"full_name": "Lê Thị Tiếp Nhận"})[0]
    expert = User.objects.get_or_create(username=f"chuyenvien-{code}", defaults={"full_name": "Phạm Văn Thẩm Định"})[0]
    leader = User.objects.get_or_create(username=f"lanhdao-{code}", defaults={"full_name": "Trần Quốc Duyệt"})[0]
    procedure_field = ProcedureField.objects.get_or_create(code="XD-01", defaults={"name": "Hoạt động xây dựng"})[0]
    procedure = Procedure.objects.create(
        agency=agency,
        code=f"1.011442.000.00.00.H26-{code[-4:]}",
        name=procedure_name,
        field=procedure_field,
        implementing_agency="Sở Xây dựng thành phố Hải Phòng",
        processing_days=Decimal("5"),
        result="Giấy phép xây dựng",
    )
    values = dict(
        agency=agency,
        code=code,
        procedure=procedure,
        status=status,
        applicant_name="Nguyễn Thị Hồng Nhung",
        id_number="031190001234",
        phone="0912345678",
        email="nhung@example.vn",
        address="Số 12 đường Lạch Tray, phường Ngô Quyền, thành phố Hải Phòng",
        received_at=at(5, 9, 15),
        received_by=clerk,
        first_due_at=at(12, 11, 30),
        due_at=at(12, 11, 30),
        finished_at=at(9, 10),
        returned_at=at(12, 9),
        timeliness=Timeliness.EARLY,
    )
    values.update(fields)
    dossier = Dossier.objects.create(**values)
    for name, originals, copies in papers or [
        ("Đơn đề nghị cấp giấy phép xây dựng", 1, 0),
        ("Giấy chứng nhận quyền sử dụng đất", 0, 1),
    ]:
        DossierPaper.objects.create(dossier=dossier, name=name, originals=originals, copies=copies)
    steps = [
        DossierStep.objects.create(
            dossier=dossier,
            order=1,
            name="Thẩm định hồ sơ",
            unit=economy,
            days=Decimal("2.5"),
            started_at=at(5, 10),
            due_at=at(8, 17),
            finished_at=at(7, 16),
            handed_by=clerk,
            done_by=expert,
        ),
        DossierStep.objects.create(
            dossier=dossier,
            order=2,
            name="Ký duyệt",
            unit=leaders,
            days=Decimal("1"),
            started_at=at(7, 16, 30),
            due_at=at(9, 17),
            finished_at=at(9, 10),
            handed_by=expert,
            done_by=leader,
        ),
    ]
    events = SimpleNamespace(
        received=DossierEvent.objects.create(
            dossier=dossier, kind=EventKind.RECEIVED, at=at(5, 9, 15), actor=clerk, due_at=at(12, 11, 30)
        ),
        supplement=DossierEvent.objects.create(
            dossier=dossier,
            kind=EventKind.SUPPLEMENT_REQUESTED,
            at=at(6, 14),
            actor=expert,
            data={"items": SUPPLEMENT_ITEMS, "reason": SUPPLEMENT_REASON},
        ),
        apology=DossierEvent.objects.create(
            dossier=dossier, kind=EventKind.APOLOGY, at=at(8, 8, 30), actor=leader, note=APOLOGY_REASON, due_at=at(15, 16)
        ),
        refused=DossierEvent.objects.create(
            dossier=dossier, kind=EventKind.REFUSED, at=at(8, 9), actor=clerk, note=REFUSAL_REASON
        ),
        returned=DossierEvent.objects.create(dossier=dossier, kind=EventKind.RETURNED, at=at(12, 9), actor=clerk),
    )
    return SimpleNamespace(dossier=dossier, events=events, steps=steps, clerk=clerk, expert=expert, leader=leader, agency=agency)


def pdf_text(data: bytes) -> str:
    """All pages' text, NFC, whitespace collapsed (a phrase may wrap)."""
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def assert_common(text: str, case) -> None:
    """What every slip shows: the ND30 header and who and what it is about; no form number."""
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" in text
    assert "VĂN PHÒNG ỦY BAN NHÂN DÂN THÀNH PHỐ" in text
    assert CODE in text
    assert PROCEDURE_NAME in text
    assert "Mẫu số" not in text


# --------------------------------------------------------------------------- wording
def test_working_days_wording():
    assert working_days(Decimal("5")) == "05 ngày làm việc"
    assert working_days(Decimal("5.0")) == "05 ngày làm việc"
    assert working_days(Decimal("2.5")) == "2,5 ngày làm việc"
    assert working_days(Decimal("12")) == "12 ngày làm việc"
    assert working_days(Decimal("0")) == "Trong ngày làm việc"


def test_times_are_local_and_zero_padded():
    late_utc = datetime(2026, 1, 4, 17, 5, tzinfo=ZoneInfo("UTC"))  # 00:05 on the 5th in Vietnam
    assert clock_long(late_utc) == "00 giờ 05 phút, ngày 05 tháng 01 năm 2026"
    assert clock_short(late_utc) == "00 giờ 05 phút, ngày 05/01/2026"
    assert clock_long(datetime(2026, 11, 3, 14, 0, tzinfo=HCM)) == "14 giờ 00 phút, ngày 03 tháng 11 năm 2026"
    assert clock_long(None) == clock_short(None) == "…………"


def test_timeliness_against_the_due_time():
    due = at(8, 17)
    assert timeliness(at(7, 16), due) == Timeliness.EARLY
    assert timeliness(at(8, 9), due) == Timeliness.ON_TIME
    assert timeliness(at(8, 17, 1), due) == Timeliness.LATE
    assert timeliness(None, due) == ""


# --------------------------------------------------------------------------- receipt
def test_receipt_shows_code_applicant_papers_and_appointment():
    case = make_dossier()
    data = receipt_pdf(case.dossier)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [round(A4[0]), round(A4[1])]
    text = pdf_text(data)
    assert_common(text, case)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "Hải Phòng, ngày 05 tháng 01 năm 2026" in text
    for expected in (
        "Nguyễn Thị Hồng Nhung",
        "031190001234",
        "Số 12 đường Lạch Tray, phường Ngô Quyền, thành phố Hải Phòng",
        "0912345678",
        "nhung@example.vn",
        "Bộ phận Một cửa – Văn phòng Ủy ban nhân dân thành phố",
        "1.011442.000.00.00.H26-0001",
        "Đơn đề nghị cấp giấy phép xây dựng",
        "Giấy chứng nhận quyền sử dụng đất",
        "Số lượng hồ sơ: 01 (bộ)",
        "05 ngày làm việc",
        "Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 05 tháng 01 năm 2026",
        "Ngày hẹn trả kết quả: 11 giờ 30 phút, ngày 12 tháng 01 năm 2026",
        f"http://127.0.0.1:8000/tra-cuu-ho-so/?ma={CODE}",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Lê Thị Tiếp Nhận",
    ):
        assert expected in text, expected
    # The checklist table: STT, tên giấy tờ, bản chính, bản sao.
    assert "STT Tên giấy tờ Bản chính Bản sao" in text


def test_receipt_marks_files_sent_online_as_electronic_not_zero_copies():
    from eoffice.attachments.services import stored_file_from_bytes

    case = make_dossier(papers=[("Bản vẽ thiết kế", 0, 0)])
    scan = stored_file_from_bytes(data=b"%PDF-1.4 online", extension="pdf", content_type="application/pdf")
    DossierPaper.objects.create(dossier=case.dossier, name="Đơn đề nghị (nộp trực tuyến)", file=scan)
    text = pdf_text(receipt_pdf(case.dossier))
    assert "2 Đơn đề nghị (nộp trực tuyến) (bản điện tử) — —" in text
    assert "1 Bản vẽ thiết kế 0 0" in text  # ticked at the counter without counts: not a file


def test_receipt_of_an_organisation_names_it_and_its_representative():
    case = make_dossier(applicant_kind=ApplicantKind.ORGANISATION, organisation_name="Công ty TNHH Xây dựng Cảng Biển")
    text = pdf_text(receipt_pdf(case.dossier))
    assert "Tên tổ chức: Công ty TNHH Xây dựng Cảng Biển" in text
    assert "Người đại diện nộp hồ sơ: Nguyễn Thị Hồng Nhung" in text


def test_receipt_uses_the_agency_place_name():
    case = make_dossier()
    OneStopSettings.objects.create(agency=case.agency, place_name="Thủy Nguyên")
    case.agency.refresh_from_db()
    case.dossier.agency = case.agency
    assert "Thủy Nguyên, ngày 05 tháng 01 năm 2026" in pdf_text(receipt_pdf(case.dossier))


def test_half_day_procedure_duration():
    case = make_dossier()
    case.dossier.procedure.processing_days = Decimal("2.5")
    assert "Thời gian giải quyết hồ sơ theo quy định: 2,5 ngày làm việc" in pdf_text(receipt_pdf(case.dossier))


# --------------------------------------------------------------------------- QR code
def test_qr_code_encodes_the_given_url():
    url = lookup_url(CODE)
    assert url == f"http://127.0.0.1:8000/tra-cuu-ho-so/?ma={CODE}"
    drawing = qr_code(url)
    [widget] = [item for item in drawing.contents if isinstance(item, QrCodeWidget)]
    assert widget.value == url
    assert (drawing.width, drawing.height) == (printing.base.QR_SIZE, printing.base.QR_SIZE)


def test_lookup_url_follows_the_public_url_setting(settings):
    settings.EOFFICE_PUBLIC_URL = "https://motcua.haiphong.gov.vn/"
    assert lookup_url("A B&C") == "https://motcua.haiphong.gov.vn/tra-cuu-ho-so/?ma=A+B%26C"
    case = make_dossier()
    [widget] = receipt_qr(case.dossier).contents
    assert widget.value == f"https://motcua.haiphong.gov.vn/tra-cuu-ho-so/?ma={CODE}"


def test_receipt_draws_the_qr_code_of_its_lookup_url(monkeypatch):
    case = make_dossier()
    drawn = []
    real = printing.forms.qr_code

    def spy(url, *args, **kwargs):
        drawn.append(url)
        return real(url, *args, **kwargs)

    monkeypatch.setattr(printing.forms, "qr_code", spy)
    receipt_pdf(case.dossier)
    assert drawn == [lookup_url(CODE)]


# --------------------------------------------------------------------------- other slips
def test_supplement_slip_lists_items_reason_and_contact():
    case = make_dossier()
    data = supplement_pdf(case.dossier, case.events.supplement)
    text = pdf_text(data)
    assert_common(text, case)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Hải Phòng, ngày 06 tháng 01 năm 2026" in text
    assert "Nguyễn Thị Hồng Nhung" in text
    assert "Ngày tiếp nhận hồ sơ: 09 giờ 15 phút, ngày 05 tháng 01 năm 2026" in text
    assert f"1. {SUPPLEMENT_ITEMS[0]}" in text
    assert f"2. {SUPPLEMENT_ITEMS[1]}" in text
    assert f"Lý do: {SUPPLEMENT_REASON}" in text
    assert "liên hệ với Phạm Văn Thẩm Định" in text
    assert "NGƯỜI HƯỚNG DẪN" in text


def test_supplement_items_are_printed_in_nfc():
    case = make_dossier()
    event = case.events.supplement
    # JSON data is not normalised on save: a decomposed "ủ" must still print as one letter.
    event.data = {"items": [unicodedata.normalize("NFD", "Giấy ủy quyền"), {"name": "Bản sao sổ đỏ"}], "reason": ""}
    event.note = "Thiếu giấy tờ"
    raw = PdfReader(io.BytesIO(supplement_pdf(case.dossier, event))).pages[0].extract_text()
    assert "Giấy ủy quyền" in raw
    assert "Bản sao sổ đỏ" in " ".join(raw.split())
    assert "Lý do: Thiếu giấy tờ" in " ".join(raw.split())


def test_refusal_slip_gives_the_reason():
    case = make_dossier()
    text = pdf_text(refusal_pdf(case.dossier, case.events.refused))
    assert_common(text, case)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Hải Phòng, ngày 08 tháng 01 năm 2026" in text
    assert "Nguyễn Thị Hồng Nhung" in text
    assert "từ chối tiếp nhận, giải quyết hồ sơ này vì lý do sau" in text
    assert REFUSAL_REASON in text


def test_apology_slip_gives_reason_old_and_new_appointment():
    case = make_dossier()
    text = pdf_text(apology_pdf(case.dossier, case.events.apology))
    assert_common(text, case)
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert "Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung" in text
    assert "Hải Phòng, ngày 08 tháng 01 năm 2026" in text
    assert "Thời gian hẹn trả kết quả giải quyết hồ sơ: 11 giờ 30 phút, ngày 12 tháng 01 năm 2026" in text
    assert f"Lý do: {APOLOGY_REASON}" in text
    assert "Văn phòng Ủy ban nhân dân thành phố xin lỗi Ông/Bà" in text
    assert "16 giờ 00 phút, ngày 15 tháng 01 năm 2026" in text


def test_second_apology_breaks_the_first_apology_date():
    case = make_dossier()
    second = DossierEvent.objects.create(
        dossier=case.dossier, kind=EventKind.APOLOGY, at=at(15, 15), note="Chờ ý kiến thẩm định", due_at=at(20, 10)
    )
    text = pdf_text(apology_pdf(case.dossier, second))
    assert "Thời gian hẹn trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 15 tháng 01 năm 2026" in text
    assert "10 giờ 00 phút, ngày 20 tháng 01 năm 2026" in text


def test_a_slip_refuses_an_event_of_another_kind_or_dossier():
    case = make_dossier()
    other = make_dossier(code="000.01.00.H26-260105-0002")
    with pytest.raises(ValueError):
        supplement_pdf(case.dossier, case.events.refused)
    with pytest.raises(ValueError):
        refusal_pdf(case.dossier, other.events.refused)
    with pytest.raises(ValueError):
        apology_pdf(case.dossier, case.events.supplement)


# --------------------------------------------------------------------------- control sheet
def test_hand_overs_from_the_one_stop_unit_through_the_steps_and_back():
    case = make_dossier()
    blocks = hand_overs(case.dossier)
    assert [(b.giver, b.receiver) for b in blocks] == [
        ("Bộ phận Một cửa", "Phòng Kinh tế"),
        ("Phòng Kinh tế", "Lãnh đạo Văn phòng"),
        ("Lãnh đạo Văn phòng", "Bộ phận Một cửa"),
        ("Bộ phận Một cửa", "Người nộp: Nguyễn Thị Hồng Nhung"),
    ]
    assert [b.at for b in blocks] == [at(5, 10), at(7, 16, 30), at(9, 10), at(12, 9)]
    # Each hand-over is judged on the giver's deadline; the first has none, the last is the dossier's.
    assert [b.result for b in blocks] == ["", Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.EARLY]
    assert (blocks[0].giver_person, blocks[0].receiver_person) == ("Lê Thị Tiếp Nhận", "Phạm Văn Thẩm Định")
    assert (blocks[1].giver_person, blocks[1].receiver_person) == ("Phạm Văn Thẩm Định", "Trần Quốc Duyệt")
    # Events are noted with the hand-over after which they happened.
    assert any(SUPPLEMENT_REASON in note for note in blocks[0].notes)
    assert any(APOLOGY_REASON in note and "15/01/2026" in note for note in blocks[1].notes)


def test_a_dossier_still_in_the_first_step_has_one_block():
    case = make_dossier(status=Status.IN_PROCESS, finished_at=None, returned_at=None, timeliness="")
    DossierStep.objects.filter(dossier=case.dossier, order=2).update(started_at=None, finished_at=None)
    DossierStep.objects.filter(dossier=case.dossier, order=1).update(finished_at=None)
    blocks = hand_overs(case.dossier)
    assert [(b.giver, b.receiver) for b in blocks] == [("Bộ phận Một cửa", "Phòng Kinh tế")]


def test_a_dossier_not_handed_over_yet_has_an_open_block():
    case = make_dossier(status=Status.RECEIVED, finished_at=None, returned_at=None, timeliness="")
    DossierStep.objects.filter(dossier=case.dossier).delete()
    [block] = hand_overs(case.dossier)
    assert (block.giver, block.receiver, block.at) == ("Bộ phận Một cửa", "(chưa chuyển xử lý)", None)
    text = pdf_text(control_sheet_pdf(case.dossier))
    assert "(chưa chuyển xử lý)" in text


def test_control_sheet_table():
    case = make_dossier()
    text = pdf_text(control_sheet_pdf(case.dossier))
    assert_common(text, case)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "TÊN CƠ QUAN, ĐƠN VỊ" in text and "THỜI GIAN GIAO, NHẬN HỒ SƠ" in text and "GHI CHÚ" in text
    assert "1. Giao: Bộ phận Một cửa" in text
    assert "Nhận: Phòng Kinh tế" in text
    assert "10 giờ 00 phút, ngày 05/01/2026" in text
    assert "16 giờ 30 phút, ngày 07/01/2026" in text
    assert "4. Giao: Bộ phận Một cửa" in text
    assert "Người giao: Lê Thị Tiếp Nhận" in text
    assert "Người nhận: Trần Quốc Duyệt" in text
    assert "Trước hạn" in text and "Đúng hạn" in text
    assert "Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 05/01/2026" in text


# --------------------------------------------------------------------------- long content
def ink_outside_margins(data: bytes) -> list[str]:
    """Pages whose left, right or bottom margin strip holds any dark pixel
    (the top margin holds the page number from page 2)."""
    document = pypdfium2.PdfDocument(data)
    scale = 2  # 144 dpi
    offenders = []
    try:
        for number, page in enumerate(document, start=1):
            image = page.render(scale=scale).to_pil().convert("L")
            width, height = image.size
            mm_px = 72 / 25.4 * scale
            strips = {
                "left": (0, 0, int(28 * mm_px), height),
                "right": (width - int(18 * mm_px), 0, width, height),
                "bottom": (0, height - int(18 * mm_px), width, height),
            }
            for side, box in strips.items():
                if image.crop(box).getextrema()[0] < 200:
                    offenders.append(f"page {number} {side}")
    finally:
        document.close()
    return offenders


def test_long_procedure_name_and_many_papers_stay_inside_the_page():
    long_name = ("Thủ tục cấp điều chỉnh giấy phép xây dựng đối với công trình cấp đặc biệt, cấp I, cấp II " * 4)[:300]
    papers = [
        (f"Giấy tờ số {n}: bản vẽ thiết kế kỹ thuật và thuyết minh kèm theo của hạng mục công trình {n}", 1, 2)
        for n in range(1, 13)
    ]
    case = make_dossier(procedure_name=long_name, papers=papers)
    agency = case.agency
    agency.name = "Trung tâm Phục vụ hành chính công và Kiểm soát thủ tục hành chính thành phố Hải Phòng"
    agency.save()
    for data in (
        receipt_pdf(case.dossier),
        supplement_pdf(case.dossier, case.events.supplement),
        refusal_pdf(case.dossier, case.events.refused),
        apology_pdf(case.dossier, case.events.apology),
        control_sheet_pdf(case.dossier),
    ):
        text = pdf_text(data)
        assert " ".join(long_name.split()[:12]) in text
        assert ink_outside_margins(data) == []
    receipt_text = pdf_text(receipt_pdf(case.dossier))
    for name, _, _ in papers:
        assert name in receipt_text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in receipt_text


def test_margin_check_sees_ink_in_the_margin():
    """The margin check itself: a PDF with text in the left margin is caught."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawString(5, 400, "lề trái")
    pdf.save()
    assert ink_outside_margins(buffer.getvalue()) == ["page 1 left"]
