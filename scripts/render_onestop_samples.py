"""Render one sample of each one-stop slip (and the dossier register) with a
throw-away database, and PNGs of the slips' pages, to look at the layout
without running the application.

Usage: .venv/bin/python scripts/render_onestop_samples.py   (writes docs/onestop/)
"""

import os
import sys
import tempfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdfium2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "docs" / "onestop"
DPI = 110
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=HCM)


def sample_dossier():
    """A building-permit dossier received on 05/01/2026 that went through a
    supplement request, two steps and an apology, then was returned."""
    from eoffice.onestop.models import (
        Dossier,
        DossierEvent,
        DossierPaper,
        DossierStep,
        EventKind,
        Procedure,
        ProcedureField,
        Status,
        Timeliness,
    )
    from eoffice.organisation.models import Agency, Unit, User

    city = Agency.objects.create(name="Ủy ban nhân dân thành phố Hải Phòng", short_name="UBND")
    office = Agency.objects.create(name="Văn phòng Ủy ban nhân dân thành phố", short_name="VP", parent=city, hosted=True)
    economy = Unit.objects.create(agency=office, name="Phòng Kinh tế - Ngành", abbreviation="KTN")
    leaders = Unit.objects.create(agency=office, name="Lãnh đạo Văn phòng", abbreviation="LĐVP")
    clerk = User.objects.create(username="motcua", full_name="Lê Thị Thu Hà")
    expert = User.objects.create(username="chuyenvien", full_name="Phạm Văn Minh")
    leader = User.objects.create(username="lanhdao", full_name="Trần Quốc Hùng")
    procedure = Procedure.objects.create(
        agency=office,
        code="1.009972.000.00.00.H26",
        name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        field=ProcedureField.objects.create(code="XD-HDXD", name="Hoạt động xây dựng"),
        implementing_agency="Văn phòng Ủy ban nhân dân thành phố Hải Phòng",
        processing_days=Decimal("5"),
        result="Giấy phép xây dựng",
    )
    dossier = Dossier.objects.create(
        agency=office,
        code="000.00.01.H26-260105-0001",
        procedure=procedure,
        status=Status.RETURNED,
        applicant_name="Nguyễn Thị Hồng Nhung",
        id_number="031190001234",
        phone="0912 345 678",
        email="hongnhung@example.vn",
        address="Số 12 đường Lạch Tray, phường Ngô Quyền, thành phố Hải Phòng",
        received_at=at(1, 5, 9, 15),
        received_by=clerk,
        first_due_at=at(1, 12, 11, 30),
        due_at=at(1, 15, 16),
        finished_at=at(1, 14, 10),
        returned_at=at(1, 15, 9),
        timeliness=Timeliness.LATE,
    )
    papers = [
        ("Đơn đề nghị cấp giấy phép xây dựng (theo mẫu)", 1, 0, False),
        ("Giấy chứng nhận quyền sử dụng đất", 0, 1, False),
        ("Bản vẽ thiết kế xây dựng: mặt bằng, mặt cắt, mặt đứng chính của công trình", 2, 0, False),
        ("Giấy ủy quyền có công chứng", 1, 0, True),
    ]
    for name, originals, copies, supplement in papers:
        DossierPaper.objects.create(dossier=dossier, name=name, originals=originals, copies=copies, supplement=supplement)
    DossierStep.objects.create(
        dossier=dossier,
        order=1,
        name="Thẩm định hồ sơ",
        unit=economy,
        days=Decimal("3"),
        started_at=at(1, 5, 10),
        due_at=at(1, 8, 17),
        finished_at=at(1, 12, 15),
        handed_by=clerk,
        done_by=expert,
        note="Đã lấy ý kiến Sở Xây dựng",
    )
    DossierStep.objects.create(
        dossier=dossier,
        order=2,
        name="Ký duyệt",
        unit=leaders,
        days=Decimal("1"),
        started_at=at(1, 12, 15, 30),
        due_at=at(1, 14, 17),
        finished_at=at(1, 14, 10),
        handed_by=expert,
        done_by=leader,
    )
    events = {
        "received": (EventKind.RECEIVED, at(1, 5, 9, 15), clerk, "", at(1, 12, 11, 30), {}),
        "supplement": (
            EventKind.SUPPLEMENT_REQUESTED,
            at(1, 6, 14),
            expert,
            "",
            None,
            {
                "items": ["Giấy ủy quyền có công chứng của chủ sở hữu", "Bản vẽ mặt bằng móng có chữ ký của chủ đầu tư"],
                "reason": "Người nộp không phải chủ sở hữu; bản vẽ thiếu mặt bằng móng",
            },
        ),
        "apology": (EventKind.APOLOGY, at(1, 12, 8, 30), leader, "Hồ sơ phải lấy thêm ý kiến của Sở Xây dựng", at(1, 15, 16), {}),
        "returned": (EventKind.RETURNED, at(1, 15, 9), clerk, "", None, {}),
    }
    made = {
        key: DossierEvent.objects.create(dossier=dossier, kind=kind, at=when, actor=actor, note=note, due_at=due, data=data)
        for key, (kind, when, actor, note, due, data) in events.items()
    }
    # Another applicant, refused at the counter: the land is not buildable.
    refused = Dossier.objects.create(
        agency=office,
        code="000.00.01.H26-260105-0002",
        procedure=procedure,
        status=Status.REFUSED,
        applicant_name="Vũ Đức Thắng",
        phone="0987 654 321",
        address="Thôn 3, xã An Hưng, thành phố Hải Phòng",
        received_at=at(1, 5, 9, 40),
        received_by=clerk,
        refusal_reason="Thửa đất nằm trong hành lang bảo vệ công trình thủy lợi, không đủ điều kiện cấp giấy phép xây dựng",
    )
    made["refused"] = DossierEvent.objects.create(
        dossier=refused, kind=EventKind.REFUSED, at=at(1, 5, 9, 50), actor=clerk, note=refused.refusal_reason
    )
    return dossier, refused, made


def write_pngs(name: str, data: bytes) -> list[Path]:
    document = pypdfium2.PdfDocument(data)
    paths = []
    try:
        for number, page in enumerate(document, start=1):
            path = OUT / f"{name}-page{number}.png"
            page.render(scale=DPI / 72).to_pil().save(path)
            paths.append(path)
    finally:
        document.close()
    return paths


def main() -> None:
    with tempfile.TemporaryDirectory() as var:
        os.environ.update(EOFFICE_VAR_DIR=var, EOFFICE_TASKS="immediate", EOFFICE_SEARCH_BACKEND="off")
        os.environ.setdefault("SECRET_KEY", "render-onestop-samples")
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eoffice.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)

        from eoffice.onestop.dossiers.exports import dossier_book_xlsx
        from eoffice.onestop.printing import apology_pdf, control_sheet_pdf, receipt_pdf, refusal_pdf, supplement_pdf

        dossier, refused, events = sample_dossier()
        OUT.mkdir(parents=True, exist_ok=True)
        for old in OUT.glob("*-page*.png"):
            old.unlink()
        slips = {
            "giay-tiep-nhan": receipt_pdf(dossier),
            "phieu-yeu-cau-bo-sung": supplement_pdf(dossier, events["supplement"]),
            "phieu-tu-choi": refusal_pdf(refused, events["refused"]),
            "phieu-xin-loi": apology_pdf(dossier, events["apology"]),
            "phieu-kiem-soat": control_sheet_pdf(dossier),
        }
        for name, data in slips.items():
            (OUT / f"{name}.pdf").write_bytes(data)
            pages = write_pngs(name, data)
            print(f"docs/onestop/{name}.pdf: {len(pages)} trang")
        book = dossier_book_xlsx([dossier, refused], agency=dossier.agency, period_label="Tháng 01 năm 2026")
        (OUT / "so-theo-doi-ho-so.xlsx").write_bytes(book)
        print("docs/onestop/so-theo-doi-ho-so.xlsx")


if __name__ == "__main__":
    main()
