"""The one-stop demo (một cửa): the city's catalogue of administrative
procedures and about 500 dossiers of the last four months, played through the
real services (eoffice/onestop/dossiers/services.py) with the clock frozen at each act,
like the incoming documents (story.py).

Who does what. The city's one-stop unit is the Office's Bộ phận Một cửa (the
Trung tâm Phục vụ hành chính công is a unit of the Office): it receives the
dossiers of every procedure of the catalogue, hands them over, records the
results and returns them. A procedure's steps are linked to the Office's units
where the procedure names them (Bộ phận Một cửa, Phòng Kinh tế, Phòng Hành
chính - Tổ chức, Phòng Nội chính, Phòng Văn hóa - Xã hội): their specialists
hand the dossier on. The steps of the departments (Sở …) and other bodies keep
their published name and are owned by the Bộ phận Một cửa, which tracks them
(no procedure is published with a step nobody here can move on); a leader of
the Office records them when the department's answer comes back (một cửa liên
thông): the city's leaders their own "Lãnh đạo UBND thành phố" steps, the Phó
Chánh Văn phòng the departments'. Commune-level
procedures are published but get no dossier here (the commune's one-stop unit
handles them).

Each dossier's life is decided up front (DossierPlan, from a seeded generator),
turned into dated acts (schedule), then played up to the moment of loading:
what would happen later does not, and the dossier stays where it is. A few
plans are placed backwards from today (GUARANTEED) so that, whatever the day of
loading, motcua finds online submissions to accept, results to return and
overdue dossiers, and every unit finds a dossier at its step."""

import random
import re
import textwrap
import typing
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from unittest import mock

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from django.utils import timezone

from eoffice.attachments.services import stored_file_create
from eoffice.core.text import fold
from eoffice.demo.catalog import OFFICE
from eoffice.demo.pdf import pdf_bytes
from eoffice.demo.plan import HEADS, SPECIALISTS
from eoffice.demo.procedures import TRACKING_UNIT, load_procedures
from eoffice.demo.story import Cast, frozen_clock
from eoffice.onestop.dossiers import services
from eoffice.onestop.dossiers.selectors import is_overdue
from eoffice.onestop.models import (
    OPEN_STATUSES,
    ApplicantKind,
    Channel,
    Dossier,
    EventKind,
    Level,
    OnlineLevel,
    Procedure,
    ProcedureStep,
    Satisfaction,
    Status,
)
from eoffice.organisation.models import Unit
from eoffice.workdays.models import CalendarOverride
from eoffice.workdays.services import add_working_time, working_time_between

DOSSIER_COUNT = 500
WINDOW_DAYS = 122  # about four months
ONE_STOP_UNIT = TRACKING_UNIT  # the Bộ phận Một cửa's abbreviation in catalog.UNITS
CLERKS = {"motcua": 3, "motcua2": 2}
LIAISON = "phochanhvp"  # records the departments' steps (liên thông)
CITY_LEADERS = fold("Lãnh đạo UBND thành phố")  # how the procedures name the step the city's leaders sign
CITY_LEADER_BY_FIELD = {"G11-LD": "pcttub", "G12-VH": "pct2"}  # else pct1, in charge of the economy
NEVER = None  # a delay that does not end: the dossier stays where it is

# Acts of a dossier's life, in the services' words.
SUBMIT, ACCEPT, RECEIVE, HAND_OVER, FINISH, RETURN, RATE = "submit", "accept", "receive", "hand_over", "finish", "return", "rate"
REQUEST, SUPPLEMENTED, APOLOGISE, REFUSE, WITHDRAW = "request", "supplemented", "apologise", "refuse", "withdraw"
OPEN_AFTER = {ACCEPT, RECEIVE, HAND_OVER, SUPPLEMENTED, APOLOGISE}  # the clock runs after these

# How many dossiers a procedure gets relative to others (monthly volume), and
# how often its applicant is an organisation. Unlisted procedures: (4, 0.5).
VOLUME = {
    "1.004873.000.00.00.H31": (30, 0.1),  # đăng ký biến động đất đai
    "1.002273.000.00.00.H31": (22, 0.3),  # cung cấp thông tin đất đai
    "1.001612.000.00.00.H31": (10, 0.0),  # doanh nghiệp tư nhân
    "1.001613.000.00.00.H31": (32, 0.3),  # công ty TNHH một thành viên
    "1.005033.000.00.00.H31": (22, 1.0),  # thay đổi đăng ký công ty cổ phần
    "1.002043.000.00.00.H31": (18, 1.0),  # tạm ngừng kinh doanh
    "1.002861.000.00.00.H31": (14, 1.0),  # giấy phép kinh doanh vận tải
    "1.002859.000.00.00.H31": (28, 1.0),  # phù hiệu xe ô tô
    "1.000105.000.00.00.H31": (18, 1.0),  # giấy phép lao động
    "1.000455.000.00.00.H31": (8, 1.0),  # nội quy lao động
    "1.009994.000.00.00.H31": (7, 0.9),  # giấy phép xây dựng
    "1.011643.000.00.00.H31": (12, 0.0),  # chứng chỉ hành nghề xây dựng
    "1.005097.000.00.00.H31": (10, 0.0),  # chuyển trường
    "1.004616.000.00.00.H31": (9, 0.0),  # chứng chỉ hành nghề dược
    "1.005099.000.00.00.H31": (2, 1.0),
    "1.012243.000.00.00.H31": (3, 1.0),
    "1.004227.000.00.00.H31": (6, 1.0),  # giao đất, cho thuê đất (UBND thành phố)
    "1.012790.000.00.00.H31": (5, 1.0),
    "1.005398.000.00.00.H31": (3, 0.3),
    "1.009645.000.00.00.H31": (6, 1.0),
    "1.009646.000.00.00.H31": (5, 1.0),
    "1.010727.000.00.00.H31": (6, 1.0),
    "1.010728.000.00.00.H31": (5, 1.0),
    "1.004253.000.00.00.H31": (4, 0.8),
    "1.003348.000.00.00.H31": (4, 0.0),
    "1.003622.000.00.00.H31": (5, 0.0),
    "1.001029.000.00.00.H31": (5, 0.6),
    "1.004662.000.00.00.H31": (6, 0.7),
}
ONLINE_SHARE: dict[str, float] = {OnlineLevel.FULL: 0.55, OnlineLevel.PARTIAL: 0.3, OnlineLevel.NONE: 0.0}
SCANNED_SHARE: dict[str, float] = {Channel.ONLINE: 0.6, Channel.COUNTER: 0.2, Channel.POST: 0.2}

# --------------------------------------------------------------------------- applicants
FAMILY = {"Nguyễn": 30, "Trần": 11, "Lê": 9, "Phạm": 8, "Vũ": 6, "Hoàng": 4, "Đỗ": 3, "Bùi": 3, "Đặng": 2, "Ngô": 2}
FAMILY |= {"Đào": 2, "Phan": 2, "Dương": 1, "Đinh": 1, "Mạc": 1, "Lương": 1, "Tô": 1, "Hà": 1, "Trịnh": 1, "Lưu": 1}
MIDDLE = {
    "male": ["Văn", "Đức", "Minh", "Quốc", "Hữu", "Thành", "Xuân", "Ngọc", "Trọng", "Duy", "Mạnh", "Quang"],
    "female": ["Thị", "Thị", "Thu", "Thanh", "Ngọc", "Thùy", "Minh", "Phương", "Hồng", "Mai", "Kim", "Bích"],
}
GIVEN = {
    "male": "Hùng Dũng Tuấn Minh Hải Long Nam Thắng Cường Quân Hiếu Trung Sơn Phong Đức Tùng Khánh Huy Bình Việt Toàn Hưng",
    "female": "Lan Hương Hoa Linh Trang Huyền Ngọc Thảo Hà Mai Nga Hằng Yến Nhung Vân Dung Oanh Thủy Loan Anh Giang Quỳnh",
}
# Where citizens live: wards and special zones of Hải Phòng, with streets there.
WARDS = {
    "phường Hồng Bàng": ["Hoàng Văn Thụ", "Điện Biên Phủ", "Tam Bạc", "Hạ Lý"],
    "phường Ngô Quyền": ["Lạch Tray", "Lê Lợi", "Văn Cao", "Lương Khánh Thiện"],
    "phường Gia Viên": ["Lê Thánh Tông", "Đà Nẵng", "Cầu Đất"],
    "phường Lê Chân": ["Tô Hiệu", "Hai Bà Trưng", "Nguyễn Công Trứ", "Trần Nguyên Hãn"],
    "phường An Biên": ["Mê Linh", "Cát Cụt", "Chợ Hàng"],
    "phường Hải An": ["Lê Hồng Phong", "Ngô Gia Tự", "Cát Bi", "Thư Trung"],
    "phường Đông Hải": ["Đình Vũ", "Bùi Thị Tự Nhiên", "Trung Hành"],
    "phường Kiến An": ["Trần Thành Ngọ", "Phan Đăng Lưu", "Trường Chinh"],
    "phường Dương Kinh": ["Phạm Văn Đồng", "Mạc Đăng Doanh"],
    "phường Đồ Sơn": ["Lý Thánh Tông", "Nguyễn Hữu Cầu"],
    "phường Thủy Nguyên": ["Đà Nẵng", "Bạch Đằng", "Trịnh Xá"],
    "phường An Dương": ["Tôn Đức Thắng", "Nguyễn Văn Linh"],
    "xã An Lão": ["Trần Tất Văn", "Nguyễn Văn Trỗi"],
    "xã Vĩnh Bảo": ["Đông Thái", "20 tháng 8"],
    "đặc khu Cát Hải": ["Núi Ngọc", "Hà Sen"],
}
INDUSTRIAL_PARKS = [
    "Khu công nghiệp Đình Vũ, phường Đông Hải",
    "Khu công nghiệp Tràng Duệ, xã An Dương",
    "Khu kinh tế Đình Vũ - Cát Hải",
]
# Where the CCCD was issued: the first three digits of the number.
BIRTH_PROVINCES = {"031": 78, "030": 8, "034": 5, "022": 4, "001": 5}  # Hải Phòng, Hải Dương, Thái Bình, Quảng Ninh, Hà Nội
PHONE_PREFIXES = ["090", "091", "093", "094", "096", "097", "098", "099"]
BRANDS = [
    "Hải Long", "Đông Hải", "Bạch Đằng", "Cát Bi", "Đình Vũ", "Minh Phát", "Hưng Thịnh", "An Phú", "Thành Đạt", "Hoàng Gia",
    "Việt Hải", "Sao Biển", "Tràng Kênh", "Hồng Hà", "Hải Âu", "Ánh Dương", "Tân Cảng", "Nam Triệu", "Vạn Phúc", "Thiên Long",
]  # fmt: skip
COMPANIES = {  # by field of the procedure
    "G01-DD": ["Công ty Cổ phần Đầu tư Phát triển Nhà {brand}", "Công ty TNHH Bất động sản {brand}"],
    "G02-XD": ["Công ty Cổ phần Đầu tư Xây dựng {brand}", "Công ty TNHH Xây dựng và Thương mại {brand}"],
    "G05-DN": ["Công ty TNHH Thương mại và Dịch vụ {brand}", "Công ty Cổ phần Sản xuất và Thương mại {brand}"],
    "G06-DT": ["Công ty TNHH Công nghiệp {brand} Việt Nam", "Công ty Cổ phần Phát triển Khu công nghiệp {brand}"],
    "G08-MT": ["Công ty TNHH Sản xuất {brand}", "Công ty Cổ phần Thép {brand}"],
    "G09-TNN": ["Công ty Cổ phần Cấp nước {brand}", "Công ty TNHH Thủy sản {brand}"],
    "G10-GT": ["Công ty TNHH Vận tải và Logistics {brand}", "Hợp tác xã Vận tải {brand}", "Công ty Cổ phần Xe khách {brand}"],
    "G11-LD": ["Công ty TNHH Điện tử {brand} Việt Nam", "Công ty TNHH May mặc {brand}"],
    "G12-VH": ["Công ty TNHH Giải trí {brand}", "Công ty Cổ phần Quảng cáo {brand}"],
    "G04-YT": ["Công ty TNHH Phòng khám Đa khoa {brand}"],
    "G03-GD": ["Trường Trung học phổ thông tư thục {brand}"],
}
# The result's number: the notation of the agency that issues it.
RESULT_NOTATION = {
    "UBND thành phố": "QĐ-UBND",
    "Sở Xây dựng": "GP-SXD",
    "Sở Tài chính": "STC",
    "Sở Nội vụ": "GP-SNV",
    "Sở Y tế": "SYT",
    "Sở Giáo dục và Đào tạo": "SGDĐT",
    "Sở Văn hóa, Thể thao và Du lịch": "GP-SVHTTDL",
    "Văn phòng Đăng ký đất đai thành phố": "VPĐKĐĐ",
}

# --------------------------------------------------------------------------- what people write
RECEIPT_NOTES = ["", "", "", "", "", "Người nộp được ủy quyền, có giấy ủy quyền kèm theo."]
HAND_OVER_NOTES = ["", "", "Hồ sơ đầy đủ, hợp lệ.", "Đã thẩm tra, đề nghị chuyển bước tiếp theo."]
LEADER_NOTES = ["Đồng ý, đã ký.", "Đã ký quyết định, chuyển phát hành."]
SUPPLEMENT_ITEMS = [
    "{paper}: nộp bản sao có chứng thực thay cho bản chụp",
    "{paper}: thông tin chưa khớp với giấy tờ tùy thân của người đề nghị, đề nghị điều chỉnh",
    "{paper}: còn thiếu chữ ký, đóng dấu của người đại diện theo pháp luật",
]
SUPPLEMENT_REASONS = [
    "Hồ sơ chưa hợp lệ theo quy định, cần bổ sung, hoàn thiện để có cơ sở giải quyết.",
    "Qua thẩm định, một số giấy tờ trong hồ sơ chưa đáp ứng yêu cầu về hình thức và nội dung.",
]
REFUSAL_REASONS = [
    "Hồ sơ không đáp ứng điều kiện theo quy định của pháp luật chuyên ngành; cơ quan chuyên môn đã có văn bản trả lời.",
    "Nội dung đề nghị không thuộc thẩm quyền giải quyết của cơ quan; đề nghị nộp hồ sơ tại cơ quan có thẩm quyền.",
    "Qua kiểm tra thực tế, hiện trạng không phù hợp với nội dung đề nghị trong hồ sơ.",
]
LAPSED_REASON = "Người nộp không bổ sung, hoàn thiện hồ sơ theo yêu cầu trong thời hạn quy định."
ONLINE_REFUSAL_REASONS = [
    "Tệp đính kèm hồ sơ nộp trực tuyến không đọc được, không đúng thành phần hồ sơ theo quy định.",
    "Hồ sơ nộp trực tuyến trùng với hồ sơ đã nộp trực tiếp tại Bộ phận Một cửa.",
]
WITHDRAWAL_REASONS = [
    "Người nộp có đơn đề nghị rút hồ sơ để điều chỉnh lại nội dung đề nghị.",
    "Người nộp đề nghị rút hồ sơ do thay đổi kế hoạch, không tiếp tục thực hiện thủ tục.",
]
APOLOGY_REASONS = [
    "Hồ sơ phải lấy ý kiến của các cơ quan liên quan, đến nay chưa nhận đủ ý kiến trả lời.",
    "Cần kiểm tra thực địa bổ sung để xác minh hiện trạng trước khi trình ký kết quả.",
    "Người có thẩm quyền đi công tác, chưa ký được kết quả đúng ngày hẹn.",
]
RATINGS = {Satisfaction.VERY_SATISFIED: 68, Satisfaction.SATISFIED: 27, Satisfaction.UNSATISFIED: 5}
RATING_COMMENTS: dict[str, list[str]] = {
    Satisfaction.VERY_SATISFIED: ["", "", "Cán bộ hướng dẫn tận tình, trả kết quả trước hẹn.", "Thủ tục nhanh gọn, thuận tiện."],
    Satisfaction.SATISFIED: ["", "", "Thời gian chờ tại quầy hơi lâu."],
    Satisfaction.UNSATISFIED: ["Phải đi lại bổ sung hồ sơ nhiều lần.", "Trả kết quả chậm so với giấy hẹn."],
}


# --------------------------------------------------------------------------- plans and acts
@dataclass(frozen=True)
class Supplement:
    """Papers asked for `after` half-days into step `step` (an index), back
    `wait` half-days later (NEVER: not yet); if they never come, `then` (REFUSE
    or WITHDRAW) `then_after` half-days after the request."""

    step: int
    after: int
    wait: int | None
    then: str = ""
    then_after: int = 0


@dataclass(frozen=True)
class Exit:
    """Refused or withdrawn `after` half-days into step `step` (-1: before the hand-over)."""

    kind: str
    step: int
    after: int


@dataclass
class DossierPlan:
    procedure: Procedure
    channel: str
    start: datetime  # submitted online, or received at the counter
    applicant: dict
    seed: int  # of the generator that dates the acts
    durations: list[int | None]  # half-days each step takes; NEVER: it is still under way
    accept_after: int | None = 0  # online: half-days until the counter accepts
    refuse_online: bool = False
    hand_over_after: int | None = 0
    supplement: Supplement | None = None
    exit: Exit | None = None
    apologise: bool = False  # if it runs late, the counter apologises and sets a new date
    collect_after: int | None = 2
    rating: str = ""

    @property
    def steps(self) -> list[ProcedureStep]:
        return list(self.procedure.steps.all())


@dataclass
class Act:
    at: datetime
    kind: str
    actor: str | None = None
    data: dict = field(default_factory=dict)
    due: datetime | None = None  # the appointment once this act is done (as the services compute it)


# --------------------------------------------------------------------------- time
def _slot_start(end: datetime) -> datetime:
    for begins, ends in settings.EOFFICE_ONESTOP_HOURS:
        if ends == end.time():
            return datetime.combine(end.date(), begins, tzinfo=end.tzinfo)
    raise AssertionError("add_working_time ends at the end of a half-day slot")  # pragma: no cover


@typing.overload
def later(moment: datetime, halves: int, rng: random.Random) -> datetime: ...
@typing.overload
def later(moment: datetime, halves: int | None, rng: random.Random) -> datetime | None: ...


def later(moment: datetime, halves: int | None, rng: random.Random) -> datetime | None:
    """A moment in office hours `halves` half-days of working time after
    `moment` (0: a little later in the half-day under way, or in the next
    one); None if the delay never ends."""
    if halves is None:
        return None
    end = add_working_time(moment, Decimal(halves) / 2)
    earliest = max(_slot_start(end), moment + timedelta(minutes=5))
    latest = end - timedelta(minutes=5)
    if halves == 0:
        if earliest >= latest:  # the half-day is over: early in the next one
            return later(end, 0, rng)
        latest = min(latest, earliest + timedelta(minutes=90))
    minutes = int((latest - earliest).total_seconds() // 60)
    return (earliest + timedelta(minutes=rng.randint(0, max(minutes, 0)))).replace(second=0, microsecond=0)


def office_moment(day: date, minute_of_day: int) -> datetime:
    return datetime.combine(day, time(minute_of_day // 60, minute_of_day % 60), tzinfo=timezone.get_default_timezone())


def counter_minute(rng: random.Random) -> int:
    """A time the counter is open: mornings are busier."""
    (am_start, am_end), (pm_start, pm_end) = settings.EOFFICE_ONESTOP_HOURS
    begins, ends = (am_start, am_end) if rng.random() < 0.62 else (pm_start, pm_end)
    first, last = begins.hour * 60 + begins.minute + 5, ends.hour * 60 + ends.minute - 20
    return rng.randint(first, last)


def online_moment(rng: random.Random, day: date) -> datetime:
    """Citizens file online at any hour, mostly in the day and the evening."""
    hour = rng.choices([rng.randint(8, 16), rng.randint(19, 22), rng.randint(5, 7)], weights=[65, 28, 7])[0]
    return office_moment(day, hour * 60 + rng.randint(0, 59))


# --------------------------------------------------------------------------- who
def clerk(rng: random.Random) -> str:
    return rng.choices(list(CLERKS), weights=list(CLERKS.values()))[0]


def external(step: ProcedureStep) -> bool:
    """A step another body does (a Sở, the city's leaders): published under the
    body's name, owned here by the unit that tracks it (procedures.with_owners)."""
    return bool(step.unit_name) and fold(step.unit_name) != fold(typing.cast(Unit, step.unit).name)


def handler(step: ProcedureStep, field_code: str, rng: random.Random) -> str:
    """Who finishes `step` (of a procedure of field `field_code`) and hands the
    dossier on (see the module docstring)."""
    if external(step):
        if fold(step.unit_name).startswith(CITY_LEADERS):
            return CITY_LEADER_BY_FIELD.get(field_code, "pct1")
        return LIAISON
    abbreviation = typing.cast(Unit, step.unit).abbreviation
    if abbreviation == ONE_STOP_UNIT:
        return clerk(rng)
    return rng.choice(SPECIALISTS.get(abbreviation) or [HEADS[abbreviation]])


def step_kind(step: ProcedureStep) -> str:
    """The step's holder as GUARANTEED names it: a unit abbreviation, "leaders" or "department"."""
    if external(step):
        return "leaders" if fold(step.unit_name).startswith(CITY_LEADERS) else "department"
    return typing.cast(Unit, step.unit).abbreviation


# --------------------------------------------------------------------------- the schedule
class _Schedule:
    def __init__(self, plan: DossierPlan):
        self.acts: list[Act]
        self.plan, self.rng, self.acts = plan, random.Random(plan.seed), []
        self.desk = clerk(self.rng)  # who receives the dossier, checks it and hands it over
        self.stuck = False  # stopped for good in process: later than any appointment

    def act(self, halves: int | None, kind: str, actor: str | None = None, **data) -> bool:
        """Add an act `halves` half-days after the last one; False if it never comes."""
        moment = later(self.acts[-1].at, halves, self.rng) if self.acts else self.plan.start
        if moment is None:
            return False
        self.acts.append(Act(moment, kind, actor, data))
        return True

    def clerk(self) -> str:
        return clerk(self.rng)

    def exit(self, kind: str, after: int, actor: str) -> None:
        reasons = REFUSAL_REASONS if kind == REFUSE else WITHDRAWAL_REASONS
        self.act(after, kind, actor if kind == REFUSE else self.clerk(), reason=self.rng.choice(reasons))

    def build(self) -> list[Act]:
        plan = self.plan
        if plan.channel == Channel.ONLINE:
            self.act(0, SUBMIT)
            if plan.refuse_online:
                self.act(plan.accept_after, REFUSE, self.desk, reason=self.rng.choice(ONLINE_REFUSAL_REASONS))
                return self.acts
            if not self.act(plan.accept_after, ACCEPT, self.desk):
                return self.acts
        else:
            self.act(0, RECEIVE, self.desk, note=self.rng.choice(RECEIPT_NOTES))
        if plan.exit and plan.exit.step == -1:
            self.exit(plan.exit.kind, plan.exit.after, self.desk)
            return self.acts
        if not self.act(plan.hand_over_after, HAND_OVER, self.desk, step=1):
            self.stuck = True
            return self.acts
        if self.steps() and self.collect():
            self.rate()
        return self.acts

    def steps(self) -> bool:
        """Play the steps; True if the result is ready."""
        plan, steps = self.plan, self.plan.steps
        for index, step in enumerate(steps):
            at_desk = index == 0 and step_kind(step) == ONE_STOP_UNIT  # the counter's own check
            worker = self.desk if at_desk else handler(step, plan.procedure.field.code, self.rng)
            remaining = plan.durations[index]
            asker = self.clerk() if external(step) else worker  # the counter relays a department's requests
            if plan.supplement and plan.supplement.step == index:
                if not self.supplement(plan.supplement, asker):
                    return False
                remaining = remaining if remaining is None else max(0, remaining - plan.supplement.after)
            if plan.exit and plan.exit.step == index:
                self.exit(plan.exit.kind, plan.exit.after, asker)
                return False
            if index == len(steps) - 1:
                return self.finish(remaining, worker)
            if not self.act(remaining, HAND_OVER, worker, step=index + 2, note=self.hand_over_note(step)):
                self.stuck = True
                return False
        return False  # a procedure without steps is not in the demo catalogue

    def hand_over_note(self, step: ProcedureStep) -> str:
        kind = step_kind(step)
        if kind == "leaders":
            return self.rng.choice(LEADER_NOTES)
        if kind == "department":  # recorded by the Office when the department answers
            return f"Đã nhận kết quả xử lý của {step.unit_name} (liên thông)."
        return self.rng.choice(HAND_OVER_NOTES)

    def supplement(self, supplement: Supplement, asker: str) -> bool:
        papers = list(self.plan.procedure.papers.all())
        asked = self.rng.sample(papers, k=min(len(papers), self.rng.choice([1, 1, 2])))
        items = [self.rng.choice(SUPPLEMENT_ITEMS).format(paper=paper.name) for paper in asked]
        self.act(supplement.after, REQUEST, asker, items=items, papers=asked, reason=self.rng.choice(SUPPLEMENT_REASONS))
        if self.act(supplement.wait, SUPPLEMENTED, self.clerk()):
            return True
        if supplement.then == REFUSE:
            self.act(supplement.then_after, REFUSE, self.clerk(), reason=LAPSED_REASON)
        elif supplement.then == WITHDRAW:
            self.act(supplement.then_after, WITHDRAW, self.clerk(), reason=self.rng.choice(WITHDRAWAL_REASONS))
        return False

    def finish(self, halves: int | None, worker: str) -> bool:
        procedure, number = self.plan.procedure, self.rng.randint(12, 2400)
        head = procedure.result.split(";")[0].split("(")[0].strip()
        notation = RESULT_NOTATION.get(procedure.implementing_agency, "KQ")  # kết quả
        if procedure.field.code == "G05-DN":
            summary = f"{head}, mã số doanh nghiệp 0202{self.rng.randint(100000, 999999)}"
        else:
            summary = f"{head} số {number}/{notation}"
        if self.act(halves, FINISH, worker, summary=summary):
            return True
        self.stuck = True
        return False

    def collect(self) -> bool:
        return self.act(self.plan.collect_after, RETURN, self.clerk())

    def rate(self) -> None:
        level = self.plan.rating
        if level:
            self.act(self.rng.randint(0, 4), RATE, None, level=level, comment=self.rng.choice(RATING_COMMENTS[level]))


def schedule(plan: DossierPlan) -> list[Act]:
    """The plan's acts in time order, each with the appointment after it;
    an apology is slipped in where a dossier that apologises runs late."""
    builder = _Schedule(plan)
    acts = builder.build()
    return _appointments(plan, acts, builder.stuck)


def _apology_moment(due: datetime, previous: datetime, rng: random.Random) -> datetime:
    """The morning of the appointment day (the service allows an apology once
    the appointment is near), or just after the appointment if the
    configured "near" is shorter; never before the previous act."""
    moment = later(office_moment(timezone.localtime(due).date(), 0), 0, rng)
    if working_time_between(moment, due) > settings.EOFFICE_DUE_SOON_DAYS:
        moment = later(due, 0, rng)
    return moment if moment > previous else later(previous, 0, rng)


def _appointments(plan: DossierPlan, acts: list[Act], stuck: bool) -> list[Act]:
    """Mirror the services' appointment: set at receipt, moved by the working
    time a supplement waited, and by an apology."""
    rng = random.Random(plan.seed + 1)
    finish = next((act.at for act in acts if act.kind == FINISH), None)
    out, due, asked, apologised = [], None, None, False
    for act in [*acts, None] if stuck else acts:
        at = act.at if act else datetime.max.replace(tzinfo=timezone.get_default_timezone())
        if plan.apologise and not apologised and due and at > due and out[-1].kind in OPEN_AFTER:
            moment = _apology_moment(due, out[-1].at, rng)
            if moment < at:
                new_due = add_working_time(max(finish, moment) if finish else moment, rng.choice([1, 2, 3, 4]))
                reason = rng.choice(APOLOGY_REASONS)
                out.append(Act(moment, APOLOGISE, clerk(rng), {"reason": reason, "new_due": new_due}, due=new_due))
                due, apologised = new_due, True
        if act is None:
            break
        if act.kind in (RECEIVE, ACCEPT):
            due = add_working_time(act.at, plan.procedure.processing_days)
        elif act.kind == REQUEST:
            asked = act.at
        elif act.kind == SUPPLEMENTED:
            paused = working_time_between(typing.cast(datetime, asked), act.at)  # a request came first
            due = add_working_time(typing.cast(datetime, due), paused) if paused > 0 else due
        act.due = due
        out.append(act)
    return out


def state_at(acts: list[Act], now: datetime) -> Act | None:
    """The last act done by `now`: what the dossier is doing then."""
    done = [act for act in acts if act.at <= now]
    return done[-1] if done else None


# --------------------------------------------------------------------------- applicants
class Applicants:
    """Realistic, distinct people and organisations of Hải Phòng."""

    def __init__(self, rng: random.Random):
        self.numbers: set[str]
        self.rng, self.numbers = rng, set()

    def person(self, today: date) -> dict:
        rng = self.rng
        sex = rng.choice(["male", "female"])
        family = rng.choices(list(FAMILY), weights=list(FAMILY.values()))[0]
        given = rng.choice(GIVEN[sex].split())
        name = f"{family} {rng.choice(MIDDLE[sex])} {given}"
        born = rng.randint(today.year - 70, today.year - 19)
        return {
            "kind": ApplicantKind.PERSON,
            "name": name,
            "id_number": self._id_number(sex, born),
            "phone": rng.choice(PHONE_PREFIXES) + f"{rng.randint(0, 9_999_999):07d}",
            "email": self._email(given, family, born) if rng.random() < 0.35 else "",
            "address": self._home(),
        }

    def organisation(self, field_code: str, today: date) -> dict:
        rng = self.rng
        brand = rng.choice(BRANDS)
        pattern = rng.choice(COMPANIES.get(field_code, COMPANIES["G05-DN"]))
        name = pattern.format(brand=brand)
        representative = self.person(today)
        domain = fold(brand).replace(" ", "")
        industrial = field_code in ("G06-DT", "G08-MT", "G11-LD") and rng.random() < 0.6
        address = f"Lô CN{rng.randint(1, 12)}, {rng.choice(INDUSTRIAL_PARKS)}" if industrial else self._home()
        return representative | {
            "kind": ApplicantKind.ORGANISATION,
            "organisation_name": name,
            "email": f"vanphong@{domain}.example.vn" if rng.random() < 0.7 else "",
            "address": f"{address}, thành phố Hải Phòng" if industrial else address,
        }

    def _id_number(self, sex: str, born: int) -> str:
        """CCCD: province of registration, sex and century, year of birth, six digits."""
        province = self.rng.choices(list(BIRTH_PROVINCES), weights=list(BIRTH_PROVINCES.values()))[0]
        century = (0 if born < 2000 else 2) + (sex == "female")
        while True:
            number = f"{province}{century}{born % 100:02d}{self.rng.randint(0, 999_999):06d}"
            if number not in self.numbers:
                self.numbers.add(number)
                return number

    def _email(self, given: str, family: str, born: int) -> str:
        return f"{fold(given)}.{fold(family)}{born % 100:02d}@example.vn".replace(" ", "")

    def _home(self) -> str:
        rng = self.rng
        ward = rng.choice(list(WARDS))
        if rng.random() < 0.75:
            street = f"Số {rng.randint(1, 420)} đường {rng.choice(WARDS[ward])}"
        else:
            street = f"Tổ dân phố số {rng.randint(1, 24)}"
        return f"{street}, {ward}, thành phố Hải Phòng"

    def for_procedure(self, procedure: Procedure, today: date) -> dict:
        share = VOLUME.get(procedure.code, (4, 0.5))[1]
        if self.rng.random() < share:
            return self.organisation(procedure.field.code, today)
        return self.person(today)


# --------------------------------------------------------------------------- planning
def _durations(rng: random.Random, steps: list[ProcedureStep], pace: str) -> list[int | None]:
    """Half-days each step takes: the counter's check within the half-day it
    is handed over, the return step at once (the result is recorded when it
    reaches the counter), the others a share of their allotted time; a slow
    dossier overruns one of them."""
    halves: list[int | None] = []
    for index, step in enumerate(steps):
        allotted = int(step.days * 2)
        if index == len(steps) - 1 and step_kind(step) == ONE_STOP_UNIT:
            halves.append(0)
        elif index == 0:
            halves.append(0 if rng.random() < 0.75 else min(allotted, 1))
        else:
            factor = rng.uniform(0.3, 0.85) if pace == "fast" else rng.uniform(0.85, 1.0)
            halves.append(max(1 if allotted >= 2 else 0, round(allotted * factor)))
    if pace == "slow" and len(steps) > 2:
        index = rng.randrange(1, len(steps) - 1)
        halves[index] = round(int(steps[index].days * 2) * rng.uniform(1.3, 2.0)) + 2
    return halves


def _fate(rng: random.Random, plan: DossierPlan) -> DossierPlan:
    """Supplement, refusal, withdrawal, delays at the counter, a rating."""
    steps, middle = plan.steps, range(1, max(2, len(plan.steps) - 1))
    roll = rng.random()
    if roll < 0.11:
        step = 0 if rng.random() < 0.45 else rng.choice(middle)
        after = 0 if step == 0 else rng.randint(0, max(0, plan.durations[step] or 0))
        if rng.random() < 0.85:
            plan.supplement = Supplement(step, after, rng.randint(2, 16))
        else:
            then = rng.choice([REFUSE, WITHDRAW])
            plan.supplement = Supplement(step, after, NEVER, then, rng.randint(20, 30) if then == REFUSE else rng.randint(4, 20))
    elif roll < 0.14 and len(steps) > 2:
        step = rng.choice(middle)
        plan.exit = Exit(REFUSE, step, rng.randint(0, max(0, plan.durations[step] or 0)))
    elif roll < 0.16:
        plan.exit = Exit(WITHDRAW, rng.choice([-1, *middle]), rng.randint(0, 4))
    plan.hand_over_after = 0 if rng.random() < 0.85 else 1
    plan.apologise = rng.random() < 0.6
    plan.collect_after = rng.choices([0, rng.randint(1, 3), rng.randint(4, 10), NEVER], weights=[20, 55, 23, 2])[0]
    if rng.random() < (0.5 if plan.channel == Channel.ONLINE else 0.3):
        plan.rating = rng.choices(list(RATINGS), weights=list(RATINGS.values()))[0]
    return plan


def _plan(
    rng: random.Random, people: "Applicants", procedure: Procedure, channel: str, start: datetime, today: date, pace="fast"
) -> DossierPlan:
    plan = DossierPlan(
        procedure=procedure,
        channel=channel,
        start=start,
        applicant=people.for_procedure(procedure, today),
        seed=rng.randrange(2**31),
        durations=[],
    )
    plan.durations = _durations(rng, plan.steps, pace)
    plan.accept_after = rng.choices([0, 1, 2], weights=[60, 30, 10])[0]
    return plan


def _channel(rng: random.Random, procedure: Procedure) -> str:
    if rng.random() < ONLINE_SHARE[procedure.online]:
        return Channel.ONLINE
    return Channel.POST if rng.random() < 0.06 else Channel.COUNTER


def natural_plans(
    rng: random.Random, people: "Applicants", procedures: list[Procedure], workdays: list[date], now: datetime, count: int
) -> list[DossierPlan]:
    """Dossiers arriving over the window, each with its own fate."""
    weights = [VOLUME.get(p.code, (4, 0.5))[0] for p in procedures]
    first = now.date() - timedelta(days=WINDOW_DAYS)
    plans: list[DossierPlan] = []
    while len(plans) < count:
        procedure = rng.choices(procedures, weights=weights)[0]
        channel = _channel(rng, procedure)
        if channel == Channel.ONLINE:
            start = online_moment(rng, first + timedelta(days=rng.randint(0, WINDOW_DAYS)))
        else:
            start = office_moment(rng.choice(workdays), counter_minute(rng))
        if start > now:
            continue
        pace = rng.choices(["fast", "steady", "slow"], weights=[68, 24, 8])[0]
        plan = _plan(rng, people, procedure, channel, start, now.date(), pace)
        plan.refuse_online = channel == Channel.ONLINE and rng.random() < 0.03
        plans.append(_fate(rng, plan))
    return plans


# --------------------------------------------------------------------------- guaranteed situations
SUBMITTED, RECEIVED, AT_STEP, OVERDUE, APOLOGISED = "submitted", "received", "at_step", "overdue", "apologised"
WAITING_PAPERS, RESULT_READY, REFUSED, WITHDRAWN = "waiting_papers", "result_ready", "refused", "withdrawn"
# (how many, what the dossier is doing when the demo is loaded, where: "check"
# the counter's first step, "result" its last, a unit, "leaders", "department").
GUARANTEED = [
    (4, SUBMITTED, None),
    (2, RECEIVED, None),
    (2, AT_STEP, "check"),
    (3, AT_STEP, "KT"),
    (1, AT_STEP, "HCTC"),
    (1, AT_STEP, "NC"),
    (1, AT_STEP, "VX"),
    (1, AT_STEP, "leaders"),
    (2, AT_STEP, "department"),
    (2, OVERDUE, "department"),
    (1, OVERDUE, "KT"),
    (2, OVERDUE, "result"),  # back late at the counter, result not yet recorded
    (2, APOLOGISED, "department"),
    (3, WAITING_PAPERS, "check"),
    (4, RESULT_READY, None),
    (1, REFUSED, None),
    (1, WITHDRAWN, None),
]


def _target(steps: list[ProcedureStep], where: str | None) -> int | None:
    if where is None:
        return None
    if where == "check":
        return 0
    if where == "result":
        return len(steps) - 1
    return next((i for i, step in enumerate(steps) if step_kind(step) == where), None)


def _met(goal: str, target: int | None, acts: list[Act], now: datetime) -> bool:
    last = state_at(acts, now)
    if last is None:
        return False
    due = typing.cast(datetime, last.due)  # compared only for the acts that set it
    started = last.kind == HAND_OVER and last.data.get("step") == (target or 0) + 1
    return {
        SUBMITTED: last.kind == SUBMIT,
        RECEIVED: last.kind == RECEIVE and due > now,
        AT_STEP: started and due > now,
        OVERDUE: started and due < now,
        APOLOGISED: last.kind == APOLOGISE and due > now,
        WAITING_PAPERS: last.kind == REQUEST,
        RESULT_READY: last.kind == FINISH,
        REFUSED: last.kind == REFUSE,
        WITHDRAWN: last.kind == WITHDRAW,
    }[goal]


def _shape(plan: DossierPlan, goal: str, target: int | None) -> None:
    """Make the plan stop in the goal's state (it is fast otherwise)."""
    plan.collect_after, plan.rating = 2, ""
    if goal == RECEIVED:
        plan.hand_over_after = NEVER
    elif goal in (AT_STEP, OVERDUE, APOLOGISED):
        plan.durations[typing.cast(int, target)] = NEVER  # these goals have a target step
        plan.apologise = goal == APOLOGISED
        if goal == OVERDUE and target == len(plan.durations) - 1:
            plan.durations[target - 1] = int(plan.procedure.processing_days * 2) + 2  # the step before overran
    elif goal == WAITING_PAPERS:
        plan.supplement = Supplement(typing.cast(int, target), 0, NEVER)
    elif goal == RESULT_READY:
        plan.collect_after = NEVER
    elif goal == REFUSED:
        plan.exit = Exit(REFUSE, 1, 1)
    elif goal == WITHDRAWN:
        plan.exit = Exit(WITHDRAW, -1, 1)


def guaranteed_plans(
    rng: random.Random, people: "Applicants", procedures: list[Procedure], workdays: list[date], now: datetime
) -> list[DossierPlan]:
    """Plans placed backwards from `now`: the receipt day is moved back one
    working day at a time until the dossier is in the goal's state at `now`."""
    plans = []
    for count, goal, where in GUARANTEED:
        fitting = [p for p in procedures if where is None or _target(list(p.steps.all()), where) is not None]
        if goal == SUBMITTED:
            fitting = [p for p in fitting if p.online != OnlineLevel.NONE]
        if goal == OVERDUE and where == "result":
            fitting = [p for p in fitting if p.processing_days <= 10]
        for _ in range(count):
            plan = _placed(rng, people, rng.choice(fitting), goal, where, workdays, now)
            if plan is not None:
                plans.append(plan)
    return plans


def _placed(
    rng: random.Random, people: "Applicants", procedure: Procedure, goal: str, where: str | None, days: list[date], now: datetime
) -> DossierPlan | None:
    if goal == SUBMITTED:
        start = (now - timedelta(minutes=rng.randint(20, 30 * 60))).replace(second=0, microsecond=0)
        plan = _plan(rng, people, procedure, Channel.ONLINE, start, now.date())
        plan.accept_after = NEVER
        return plan
    minute, first = counter_minute(rng), rng.randint(0, 3)
    plan = _plan(rng, people, procedure, Channel.COUNTER, now, now.date())
    target = _target(plan.steps, where)
    _shape(plan, goal, target)
    for back in [*range(first, len(days)), *range(first)]:
        candidate = replace(plan, start=office_moment(days[-1 - back], minute))
        if _met(goal, target, schedule(candidate), now):
            return candidate
    return None


# --------------------------------------------------------------------------- playing
class DossierStory:
    """Plays a plan's acts through the services, each at its own moment, up to `now`."""

    def __init__(self, plan: DossierPlan, acts: list[Act], cast: Cast):
        self.plan, self.acts, self.cast = plan, acts, cast
        self.rng = random.Random(plan.seed + 2)
        self.dossier: Dossier = typing.cast(Dossier, None)  # received or submitted by the first act

    def play(self, clock: "Clock") -> Dossier | None:
        for act in self.acts:
            if act.at > self.cast.now:
                break
            clock.moment = act.at
            getattr(self, f"do_{act.kind}")(act)
        return self.dossier

    def actor(self, act: Act):
        return self.cast.actor(typing.cast(str, act.actor), OFFICE)  # staff acts name their actor

    def papers(self) -> list[dict]:
        """The checklist as handed in: every required paper, some optional
        ones, a share of them scanned."""
        share = SCANNED_SHARE[self.plan.channel]
        rows = []
        for paper in self.plan.procedure.papers.all():
            if not paper.required and self.rng.random() < 0.5:
                continue
            scan = self.scan(paper.name) if self.rng.random() < share else None
            rows.append({"required_paper": paper, "originals": paper.originals, "copies": paper.copies, "file": scan})
        return rows

    def scan(self, paper_name: str):
        """A one-page PDF standing in for the scan of a paper (no OCR needed: it has a text layer)."""
        applicant = self.plan.applicant
        lines = [*textwrap.wrap(paper_name.upper(), 70), "", f"Nguoi de nghi: {applicant['name']}"]
        lines += [f"So dinh danh: {applicant['id_number']}", f"Dia chi: {applicant['address']}", "", "Ban chup tu giay to goc."]
        if applicant.get("organisation_name"):
            lines.insert(2, applicant["organisation_name"])
        name = re.sub(r"[^a-z0-9]+", "-", fold(paper_name)[:40]).strip("-") + ".pdf"
        upload = SimpleUploadedFile(name, pdf_bytes(lines), content_type="application/pdf")
        return stored_file_create(upload=upload)

    # One method per act kind (do_<Act.kind>), each one service call.
    def do_submit(self, act: Act) -> None:
        self.dossier = services.dossier_submit_online(
            procedure=self.plan.procedure, applicant=self.plan.applicant, papers=self.papers()
        )

    def do_receive(self, act: Act) -> None:
        self.dossier = services.dossier_receive(
            actor=self.actor(act),
            procedure=self.plan.procedure,
            applicant=self.plan.applicant,
            papers=self.papers(),
            channel=self.plan.channel,
            note=act.data.get("note", ""),
        )

    def do_accept(self, act: Act) -> None:
        services.dossier_accept(actor=self.actor(act), dossier=self.dossier)

    def do_hand_over(self, act: Act) -> None:
        services.dossier_hand_over(actor=self.actor(act), dossier=self.dossier, note=act.data.get("note", ""))

    def do_request(self, act: Act) -> None:
        services.dossier_request_supplement(
            actor=self.actor(act), dossier=self.dossier, items=act.data["items"], reason=act.data["reason"]
        )

    def do_supplemented(self, act: Act) -> None:
        asked = next(a for a in reversed(self.acts) if a.kind == REQUEST and a.at < act.at).data["papers"]
        share = SCANNED_SHARE[self.plan.channel]
        papers = [
            {
                "required_paper": paper,
                "originals": 1,
                "copies": 0,
                "file": self.scan(paper.name) if self.rng.random() < share else None,
            }
            for paper in asked
        ]
        services.dossier_supplement(actor=self.actor(act), dossier=self.dossier, papers=papers)

    def do_apologise(self, act: Act) -> None:
        services.dossier_apologise(
            actor=self.actor(act), dossier=self.dossier, reason=act.data["reason"], new_due=act.data["new_due"]
        )

    def do_refuse(self, act: Act) -> None:
        services.dossier_refuse(actor=self.actor(act), dossier=self.dossier, reason=act.data["reason"])

    def do_withdraw(self, act: Act) -> None:
        services.dossier_withdraw(actor=self.actor(act), dossier=self.dossier, reason=act.data["reason"])

    def do_finish(self, act: Act) -> None:
        services.dossier_finish(actor=self.actor(act), dossier=self.dossier, result_summary=act.data["summary"])

    def do_return(self, act: Act) -> None:
        services.dossier_return(actor=self.actor(act), dossier=self.dossier)

    def do_rate(self, act: Act) -> None:
        services.dossier_rate(dossier=self.dossier, level=act.data["level"], comment=act.data["comment"])


# --------------------------------------------------------------------------- loading
def demo_procedures(office) -> list[Procedure]:
    """The published procedures the Office's counter receives (not the communes')."""
    procedures = Procedure.objects.filter(agency=office, published=True).exclude(level=Level.COMMUNE)
    return list(procedures.select_related("field").prefetch_related("steps__unit", "papers").order_by("code"))


class Clock:
    """now() for the services, set to each act's moment in turn: one patch for
    the whole load (like story.frozen_clock, which would cost a patch per act)."""

    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@contextmanager
def calendar_read_once():
    """The working-day calendar does not change while the demo loads: read its
    overrides once, not once for every deadline (a few thousand queries)."""
    overrides = dict(CalendarOverride.objects.values_list("date", "is_working"))

    def between(start: date, end: date) -> dict[date, bool]:
        return {day: working for day, working in overrides.items() if start <= day <= end}

    with mock.patch("eoffice.workdays.services.overrides_between", between):
        yield


def onestop_load(rng: random.Random, cast: Cast, workdays: list[date], count: int = DOSSIER_COUNT) -> list[Dossier]:
    """The catalogue (published at the start of the window) and the dossiers,
    played in the order they arrived so that each day's codes follow the clock."""
    office, now = cast.agencies[OFFICE], cast.now
    window = [day for day in workdays if day >= now.date() - timedelta(days=WINDOW_DAYS)]
    with frozen_clock(office_moment(window[0], 7 * 60)):
        load_procedures(office)
    procedures = demo_procedures(office)
    people = Applicants(rng)
    with calendar_read_once():
        plans = guaranteed_plans(rng, people, procedures, window, now)
        plans += natural_plans(rng, people, procedures, window, now, count - len(plans))
        stories = [DossierStory(plan, schedule(plan), cast) for plan in plans]
        stories.sort(key=lambda story: story.acts[0].at)
        clock = Clock(now)
        with mock.patch("django.utils.timezone.now", clock):
            return typing.cast("list[Dossier]", [story.play(clock) for story in stories])  # each has begun by now


def onestop_summary(office) -> dict:
    """Counts for the loader's report."""
    dossiers = Dossier.objects.filter(agency=office)
    by_status = dict(dossiers.order_by().values_list("status").annotate(n=Count("id")))
    now = timezone.now()
    return {
        "procedures": Procedure.objects.filter(agency=office, published=True).count(),
        "dossiers": sum(by_status.values()),
        "dossiers_by_status": {label: by_status.get(value, 0) for value, label in Status.choices},
        "dossiers_overdue": sum(is_overdue(d, now) for d in dossiers.filter(status__in=OPEN_STATUSES)),
        "dossiers_apologised": dossiers.filter(events__kind=EventKind.APOLOGY).distinct().count(),
    }
