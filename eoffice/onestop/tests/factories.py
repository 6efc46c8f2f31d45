"""The one-stop test office, shared by every onestop test module.

`make_onestop(cast)` adds to the project's test cast (eoffice/conftest.py: the
Văn phòng UBND with organ id 000.01.00.H26, Phòng Tổng hợp, Phòng Kinh tế, a
leader, unit heads and specialists) a Bộ phận Một cửa unit with its officer and
a published procedure: three steps of 0.5, 2 and 1 working days (Một cửa →
Phòng Kinh tế → Phòng Tổng hợp, 3.5 days in all) and three required papers.
`Clock` freezes django.utils.timezone.now for the services."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from eoffice.conftest import person
from eoffice.onestop.dossiers.services import (
    dossier_finish,
    dossier_hand_over,
    dossier_receive,
    dossier_submit_online,
)
from eoffice.onestop.models import (
    Level,
    OnlineLevel,
    Procedure,
    ProcedureField,
    ProcedureStep,
    RequiredPaper,
)
from eoffice.organisation.models import Role, Unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: int, month: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    """An office-time moment: at(2, 3, 9) is Monday 02/03/2026 09:00 in Hà Nội."""
    return datetime(year, month, day, hour, minute, tzinfo=VN)


class Clock:
    """A settable now() (install with monkeypatch, see conftest.clock and
    conftest.limit_clock): a datetime, or seconds for the rate limits."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def set(self, now):
        self.now = now
        return now

    def advance(self, seconds: float = 0, **delta):
        """advance(hours=2) on a datetime clock; advance(59) on a clock of seconds."""
        self.now += timedelta(seconds=seconds, **delta) if isinstance(self.now, datetime) else seconds
        return self.now


def make_procedure(agency, field, *, code: str, name: str, steps, papers, online=OnlineLevel.FULL, published=True) -> Procedure:
    """A procedure with `steps` [(name, unit, days)] and required `papers` [(name, originals, copies)]."""
    procedure = Procedure.objects.create(
        agency=agency,
        code=code,
        name=name,
        field=field,
        level=Level.PROVINCE,
        online=online,
        implementing_agency=agency.name,
        subjects="Cá nhân, tổ chức",
        processing_days=sum((Decimal(str(days)) for _, _, days in steps), Decimal(0)),
        result="Giấy phép",
        published=published,
    )
    for order, (step_name, unit, days) in enumerate(steps, start=1):
        ProcedureStep.objects.create(
            procedure=procedure,
            order=order,
            name=step_name,
            unit=unit,
            unit_name=unit.name if unit else "",
            days=Decimal(str(days)),
        )
    for order, (paper_name, originals, copies) in enumerate(papers, start=1):
        RequiredPaper.objects.create(procedure=procedure, order=order, name=paper_name, originals=originals, copies=copies)
    return procedure


def make_onestop(cast):
    """The cast plus: `motcua` (Bộ phận Một cửa unit), `one_stop` (its officer,
    role ONE_STOP), `field`, `procedure` (published, online, 3 steps, 3 papers)."""
    c = cast
    c.motcua = Unit.objects.create(agency=c.office, name="Bộ phận Một cửa", abbreviation="MC")
    c.one_stop = person("motcua", c.office, Role.ONE_STOP, c.motcua, "Chuyên viên Bộ phận Một cửa")
    c.field = ProcedureField.objects.create(code="G09-XD01", name="Hoạt động xây dựng")
    c.procedure = make_procedure(
        c.office,
        c.field,
        code="1.009972.000.00.00.H26",
        name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        steps=[
            ("Tiếp nhận, kiểm tra và chuyển hồ sơ", c.motcua, "0.5"),
            ("Thẩm định hồ sơ, dự thảo giấy phép", c.kinhte, "2"),
            ("Trình lãnh đạo ký, phát hành kết quả", c.tonghop, "1"),
        ],
        papers=[
            ("Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)", 1, 0),
            ("Giấy chứng nhận quyền sử dụng đất", 0, 1),
            ("Bản vẽ thiết kế xây dựng", 2, 0),
        ],
    )
    return c


def applicant_data(**overrides) -> dict:
    data = {
        "kind": "person",
        "name": "Trần Thị Mai",
        "id_number": "031190001234",
        "phone": "0912 345 678",
        "email": "mai.tran@example.vn",
        "address": "Số 12 đường Lạch Tray, phường Ngô Quyền, thành phố Hải Phòng",
    }
    data.update(overrides)
    return data


def papers_for(procedure, *, skip=()) -> list[dict]:
    """The procedure's checklist, every paper ticked with its counts (except the orders in `skip`)."""
    return [
        {"required_paper": p, "name": p.name, "originals": p.originals, "copies": p.copies, "file": None}
        for p in procedure.papers.order_by("order")
        if p.order not in skip
    ]


def receive(c, *, procedure=None, **applicant):
    """A dossier received at the counter by c.one_stop, papers complete."""
    procedure = procedure or c.procedure
    return dossier_receive(
        actor=c.actor(c.one_stop), procedure=procedure, applicant=applicant_data(**applicant), papers=papers_for(procedure)
    )


def submit_online(c, *, procedure=None, **applicant):
    procedure = procedure or c.procedure
    return dossier_submit_online(procedure=procedure, applicant=applicant_data(**applicant), papers=papers_for(procedure))


def process_to_result(c, dossier, *, summary="Cấp Giấy phép xây dựng số 125/GPXD"):
    """Hand the standard procedure's dossier through its three steps and record the result."""
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)  # → Một cửa's own step
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)  # → Phòng Kinh tế
    dossier_hand_over(actor=c.actor(c.kt_specialist), dossier=dossier)  # → Phòng Tổng hợp
    return dossier_finish(actor=c.actor(c.specialist), dossier=dossier, result_summary=summary)
