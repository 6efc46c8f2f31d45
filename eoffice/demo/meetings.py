"""Meetings in the demo, played through the real services. Next week's year-end
review (Hội nghị tổng kết) is being prepared: the units and leaders invited,
some replies in, the Giấy mời issued through the outgoing module, the papers
shared. Last week's review of the year's socio-economic tasks was held: its
signed minutes filed, its Thông báo kết luận issued and its conclusions turned
into tasks. A budget meeting of next week has just been created."""

from datetime import time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from eoffice.demo.catalog import OFFICE
from eoffice.demo.pdf import pdf_bytes
from eoffice.demo.schedule import APPROVER, DRAFTER
from eoffice.demo.story import Cast
from eoffice.operations.meetings import services
from eoffice.operations.models import Meeting, Room, ScheduleEntry
from eoffice.operations.schedule import services as schedule
from eoffice.outgoing.chain import current_step, next_actors
from eoffice.outgoing.issuance.services import outgoing_issue, outgoing_sign
from eoffice.outgoing.models import OutgoingDocument
from eoffice.outgoing.review.services import outgoing_approve, outgoing_submit

SIGNER, CLERK = "chanhvp", "vanthu"
YEAR_END_UNITS = ("TH", "KT", "VX", "NC", "HCTC")
CONCLUSIONS = [
    ("Tổng hợp, hoàn thiện báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {year}", "TH", ("KT",), 10),
    ("Rà soát các dự án đầu tư công chậm giải ngân, đề xuất điều chuyển vốn", "KT", ("TH",), 15),
    ("Xây dựng kế hoạch cải cách hành chính năm {next}", "NC", (), 20),
]


def _pdf(name: str, *lines: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(list(lines)), content_type="application/pdf")


def issue(cast: Cast, document: OutgoingDocument | None) -> OutgoingDocument:
    """Through the review chain: each step's reviewer approves, the signer signs, the registry issues."""
    assert document is not None  # the meeting's draft, just made
    document = outgoing_submit(actor=cast.actor(DRAFTER), document=document)
    while (step := current_step(document)) is not None and step.kind != "sign":
        outgoing_approve(actor=cast.actor(next_actors(document)[0].username), document=document, comment="Đồng ý.")
        document.refresh_from_db()
    document = outgoing_sign(actor=cast.actor(SIGNER), document=document)
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
    """Last week's published schedule: the review meeting and the Monday briefing."""
    drafter, approver = cast.actor(DRAFTER), cast.actor(APPROVER)
    monday = cast.today - timedelta(days=cast.today.weekday() + 7)
    year, number, _ = monday.isocalendar()
    week = schedule.week_create(actor=drafter, year=year, week=number)
    room = Room.objects.get(agency=cast.agencies[OFFICE], name="Phòng họp số 1")
    rows = [
        (2, time(8, 0), time(11, 0), f"Họp rà soát kết quả thực hiện nhiệm vụ kinh tế - xã hội năm {year}", ("TH", "KT", "NC")),
        (0, time(7, 30), time(9, 0), "Giao ban Thường trực UBND thành phố", ("TH",)),
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
    schedule.week_approve(actor=approver, week=week)
    schedule.week_publish(actor=approver, week=week)
    return entries


def _held(cast: Cast) -> None:
    """Last week's meetings, held: the review's minutes, conclusions, notice
    issued and tasks; the briefing's one conclusion not yet a task."""
    drafter = cast.actor(DRAFTER)
    review, briefing = _last_week(cast)
    meeting = services.meeting_create(actor=drafter, entry=review, title=review.content, chair=cast.users["chutich"])
    services.invitation_reply(actor=cast.actor("truongkt"), meeting=meeting, reply="attend")
    services.meeting_hold(actor=drafter, meeting=meeting)
    services.minutes_file(actor=drafter, meeting=meeting, file=_pdf("bien-ban-hop.pdf", "Bien ban cuoc hop (ban quet)"))
    year = review.date.year
    for text, lead, helpers, days in CONCLUSIONS:
        services.conclusion_add(
            actor=drafter, meeting=meeting, text=text.format(year=year, next=year + 1), lead_unit=cast.units[lead],
            coordinating_units=[cast.units[key] for key in helpers], working_days=days,
        )  # fmt: skip
    meeting = services.meeting_draft_notice(actor=drafter, meeting=meeting, signer=cast.users[SIGNER])
    issue(cast, meeting.notice)
    meeting.refresh_from_db()
    services.conclusions_convert(actor=cast.actor(APPROVER), meeting=meeting)
    brief = services.meeting_create(actor=drafter, entry=briefing, title=briefing.content, chair=cast.users["chutich"])
    services.meeting_hold(actor=drafter, meeting=brief)
    services.conclusion_add(
        actor=drafter, meeting=brief, text="Chuẩn bị nội dung phiên họp UBND thành phố thường kỳ tháng",
        lead_unit=cast.units["TH"], working_days=5,
    )  # fmt: skip
