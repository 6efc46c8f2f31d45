"""Meetings in the demo, played through the real services. Next week's year-end
review (Hội nghị tổng kết) is being prepared: the units and leaders invited,
some replies in, the Giấy mời issued through the outgoing module, the papers
shared. Last week's review of the year's socio-economic tasks was held: its
Giấy mời issued two days before, every invitee's reply in, its signed minutes
filed, its Thông báo kết luận issued and its conclusions turned into tasks, each
act at its moment of last week (the clock frozen, as the tasks' stories do); its
steering committee met on Thursday but nobody has recorded it as held yet. A
budget meeting of next week has just been created."""

from contextlib import AbstractContextManager, nullcontext
from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from eoffice.demo.catalog import OFFICE
from eoffice.demo.pdf import pdf_bytes
from eoffice.demo.schedule import APPROVER, DRAFTER
from eoffice.demo.story import Cast, frozen_clock
from eoffice.operations.meetings import services
from eoffice.operations.models import Meeting, Room, ScheduleEntry
from eoffice.operations.schedule import services as schedule
from eoffice.outgoing.chain import current_step, next_actors
from eoffice.outgoing.issuance.services import outgoing_issue, outgoing_sign
from eoffice.outgoing.models import OutgoingDocument
from eoffice.outgoing.review.services import outgoing_approve, outgoing_submit

SIGNER, CLERK = "chanhvp", "vanthu"
YEAR_END_UNITS = ("TH", "KT", "VX", "NC", "HCTC")
DIGITAL = "Họp Ban Chỉ đạo chuyển đổi số thành phố"
REVIEW = "Họp rà soát kết quả thực hiện nhiệm vụ kinh tế - xã hội năm {year}"
CONCLUSIONS = [
    ("Tổng hợp, hoàn thiện báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {year}", "TH", ("KT",), 10),
    ("Rà soát các dự án đầu tư công chậm giải ngân, đề xuất điều chuyển vốn", "KT", ("TH",), 15),
    ("Xây dựng kế hoạch cải cách hành chính năm {next}", "NC", (), 20),
]


def _pdf(name: str, *lines: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(list(lines)), content_type="application/pdf")


def at(cast: Cast, day: date | None, hour: int, minute: int = 0) -> AbstractContextManager[None]:
    """The clock at `day`, `hour`:`minute` (never after loading started); left alone without a day."""
    if day is None:
        return nullcontext()
    moment = datetime.combine(day, time(hour, minute), timezone.get_default_timezone())
    return frozen_clock(min(moment, cast.now - timedelta(minutes=1)))


def issue(cast: Cast, document: OutgoingDocument | None, day: date | None = None) -> OutgoingDocument:
    """Through the review chain: each step's reviewer approves, the signer signs,
    the registry issues; on `day` from 8:00 to 15:00, or now without one."""
    assert document is not None  # the meeting's draft, just made
    with at(cast, day, 8):
        document = outgoing_submit(actor=cast.actor(DRAFTER), document=document)
    hour = 9
    while (step := current_step(document)) is not None and step.kind != "sign":
        with at(cast, day, hour):
            outgoing_approve(actor=cast.actor(next_actors(document)[0].username), document=document, comment="Đồng ý.")
        document.refresh_from_db()
        hour += 1
    with at(cast, day, 14):
        document = outgoing_sign(actor=cast.actor(SIGNER), document=document)
    with at(cast, day, 15):
        return outgoing_issue(actor=cast.actor(CLERK), document=document)


def meetings_load(cast: Cast) -> None:
    _year_end(cast)
    _held(cast)
    budget = ScheduleEntry.objects.get(week__agency=cast.agencies[OFFICE], content="Họp thẩm định dự toán ngân sách năm sau")
    meeting = services.meeting_create(actor=cast.actor(DRAFTER), entry=budget, title=budget.content, chair=cast.users["pct1"])
    services.meeting_invite(actor=cast.actor(DRAFTER), meeting=meeting, units=[cast.units["KT"]])


def _year_end(cast: Cast) -> Meeting:
    entry = ScheduleEntry.objects.get(week__agency=cast.agencies[OFFICE], content__startswith="Hội nghị tổng kết công tác năm")
    organiser, units = cast.actor(DRAFTER), cast.units
    meeting = services.meeting_create(
        actor=organiser, entry=entry, title=entry.content, chair=cast.users["chutich"],
        content=f"Tổng kết tình hình thực hiện nhiệm vụ năm {entry.date.year}; triển khai nhiệm vụ năm {entry.date.year + 1}.",
    )  # fmt: skip
    services.meeting_invite(actor=organiser, meeting=meeting, units=[units[key] for key in YEAR_END_UNITS])
    services.invitation_reply(actor=cast.actor("pct1"), meeting=meeting, reply="attend")
    services.invitation_reply(actor=cast.actor("truongkt"), meeting=meeting, reply="deputy", deputy=cast.users["chuyenvienkt"])
    services.invitation_reply(actor=cast.actor("truongvx"), meeting=meeting, reply="absent", reason="Đi công tác tại Hà Nội.")
    services.paper_add(actor=organiser, meeting=meeting, files=[
        _pdf("bao-cao-tong-ket.pdf", f"Bao cao tong ket cong tac nam {entry.date.year}"),
        _pdf("phuong-huong-nhiem-vu.pdf", f"Phuong huong nhiem vu nam {entry.date.year + 1}"),
    ])  # fmt: skip
    meeting = services.meeting_draft_invitation(actor=organiser, meeting=meeting, signer=cast.users[SIGNER])
    issue(cast, meeting.invitation)
    return meeting


def _last_week(cast: Cast) -> list[ScheduleEntry]:
    """Last week's schedule, published the Friday before: the review meeting, the
    Monday briefing and Thursday's steering committee."""
    drafter, approver = cast.actor(DRAFTER), cast.actor(APPROVER)
    monday = cast.today - timedelta(days=cast.today.weekday() + 7)
    year, number, _ = monday.isocalendar()
    friday = monday - timedelta(days=3)
    with at(cast, friday, 14):
        week = schedule.week_create(actor=drafter, year=year, week=number)
        room = Room.objects.get(agency=cast.agencies[OFFICE], name="Phòng họp số 1")
        rows = [
            (2, time(8, 0), time(11, 0), REVIEW.format(year=year), ("TH", "KT", "NC")),
            (0, time(7, 30), time(9, 0), "Giao ban Thường trực UBND thành phố", ("TH",)),
            (3, time(14, 0), time(16, 30), DIGITAL, ("TH", "VX")),
        ]
        entries = [
            schedule.entry_add(
                actor=drafter,
                week=week,
                values={
                    "date": monday + timedelta(days=day),
                    "slot": "",
                    "start_time": start,
                    "end_time": end,
                    "leaders": [cast.users["chutich"]],
                    "content": content,
                    "room": room,
                    "place": "",
                    "participants": "Trưởng các phòng",
                    "participant_people": [cast.users["pct1"]],
                    "participant_units": [cast.units[key] for key in units],
                    "preparing_unit": "Phòng Tổng hợp",
                    "accompanying": [],
                    "note": "",
                    "visibility": "internal",
                },
            )  # fmt: skip
            for day, start, end, content, units in rows
        ]
        schedule.week_submit(actor=drafter, week=week)
    with at(cast, friday, 16):
        schedule.week_approve(actor=approver, week=week)
        schedule.week_publish(actor=approver, week=week)
    return entries


def _held(cast: Cast) -> None:
    """Last week's meetings: the review and the briefing held; the steering
    committee's took place but is not yet recorded as held."""
    review, briefing, committee = _last_week(cast)
    _review(cast, review)
    drafter = cast.actor(DRAFTER)
    with at(cast, committee.date - timedelta(days=3), 10):
        steering = services.meeting_create(actor=drafter, entry=committee, title=committee.content, chair=cast.users["chutich"])
    with at(cast, committee.date - timedelta(days=1), 8):
        services.invitation_reply(actor=cast.actor("pct1"), meeting=steering, reply="attend")
    with at(cast, briefing.date - timedelta(days=3), 16, 30):
        brief = services.meeting_create(actor=drafter, entry=briefing, title=briefing.content, chair=cast.users["chutich"])
    with at(cast, briefing.date, 9, 15):
        services.meeting_hold(actor=drafter, meeting=brief)
        services.conclusion_add(
            actor=drafter, meeting=brief, text="Chuẩn bị nội dung phiên họp UBND thành phố thường kỳ tháng",
            lead_unit=cast.units["TH"], working_days=5,
        )  # fmt: skip


def _review(cast: Cast, entry: ScheduleEntry) -> None:
    """Wednesday's review: invited on Monday by a Giấy mời issued that day, every
    invitee's reply by Tuesday; held, its minutes and conclusions recorded; the
    Thông báo kết luận drafted on Thursday, issued on Friday, and its
    conclusions turned into tasks."""
    drafter, day = cast.actor(DRAFTER), entry.date
    monday = day - timedelta(days=2)
    with at(cast, monday, 7, 30):
        meeting = services.meeting_create(actor=drafter, entry=entry, title=entry.content, chair=cast.users["chutich"])
        meeting = services.meeting_draft_invitation(actor=drafter, meeting=meeting, signer=cast.users[SIGNER])
    issue(cast, meeting.invitation, monday)
    _replies(cast, meeting, monday + timedelta(days=1))
    with at(cast, day, 11, 15):
        services.meeting_hold(actor=drafter, meeting=meeting)
    with at(cast, day, 11, 30):
        services.minutes_file(actor=drafter, meeting=meeting, file=_pdf("bien-ban-hop.pdf", "Bien ban cuoc hop (ban quet)"))
    with at(cast, day, 14):
        for text, lead, helpers, days in CONCLUSIONS:
            services.conclusion_add(
                actor=drafter, meeting=meeting, text=text.format(year=day.year, next=day.year + 1),
                lead_unit=cast.units[lead], coordinating_units=[cast.units[key] for key in helpers], working_days=days,
            )  # fmt: skip
    with at(cast, day + timedelta(days=1), 9):
        meeting = services.meeting_draft_notice(actor=drafter, meeting=meeting, signer=cast.users[SIGNER])
    issue(cast, meeting.notice, day + timedelta(days=2))
    meeting.refresh_from_db()
    with at(cast, day + timedelta(days=2), 16):
        services.conclusions_convert(actor=cast.actor(APPROVER), meeting=meeting)


def _replies(cast: Cast, meeting: Meeting, day: date) -> None:
    """Every invitee answers the Giấy mời: the Vice-Chairman and two heads attend,
    Phòng Nội chính sends its specialist."""
    for turn, username in enumerate(("pct1", "truongphong", "truongkt")):
        with at(cast, day, 8, 10 * turn):
            services.invitation_reply(actor=cast.actor(username), meeting=meeting, reply="attend")
    deputy = cast.users["chuyenviennc"]
    with at(cast, day, 9):
        services.invitation_reply(actor=cast.actor("truongnc"), meeting=meeting, reply="deputy", deputy=deputy)
