"""The leaders' weekly schedule in the demo: the Office's general unit drafted
this week's and next week's schedules of the city's Chủ tịch and Phó Chủ tịch,
the Chánh Văn phòng approved and published them; one entry of this week was
changed after publication (marked "Điều chỉnh"); the week after next is still a
draft. Meeting rooms of the Office. Played through the real services."""

from datetime import date, time, timedelta
from typing import Any

from eoffice.demo.catalog import OFFICE
from eoffice.demo.story import Cast
from eoffice.operations.models import Room, WeekSchedule
from eoffice.operations.schedule import services

DRAFTER, APPROVER = "chuyenvien", "chanhvp"
ROOMS = [("Phòng họp số 1", 30, "truonghctc"), ("Phòng họp số 2", 20, None), ("Hội trường tầng 3", 250, "truonghctc")]
OFFICE_PARTICIPANTS = "Chánh Văn phòng, Phòng Tổng hợp"

# (day of the week 0-6, start, end, leaders, content, room or place, participants, preparing, visibility)
Row = tuple[int, time | None, time | None, tuple[str, ...], str, str, str, str, str]
THIS_WEEK: list[Row] = [
    (0, time(7, 30), time(9, 0), ("chutich", "pcttub", "pct1", "pct2"), "Giao ban Thường trực UBND thành phố",
     "Phòng họp số 1", OFFICE_PARTICIPANTS, "Văn phòng UBND thành phố", "internal"),
    (0, time(14, 0), None, ("pct1",), "Làm việc với Sở Xây dựng về tiến độ các dự án nhà ở xã hội",
     "Sở Xây dựng", "Giám đốc Sở Xây dựng, Phòng Kinh tế", "Sở Xây dựng", "internal"),
    (1, None, None, ("chutich",), "Tiếp công dân định kỳ", "Trụ sở Tiếp công dân thành phố",
     "Thanh tra thành phố, Ban Tiếp công dân", "Ban Tiếp công dân", "public"),
    (2, time(8, 0), time(11, 30), ("pcttub",), "Họp Ban Chỉ đạo cải cách hành chính thành phố",
     "Hội trường tầng 3", "Thành viên Ban Chỉ đạo; Sở Nội vụ", "Sở Nội vụ", "public"),
    (3, time(8, 30), None, ("pct2",), "Kiểm tra công tác chuẩn bị năm học tại phường Lê Chân",
     "UBND phường Lê Chân", "Sở Giáo dục và Đào tạo, Phòng Văn hóa - Xã hội", "Sở Giáo dục và Đào tạo", "internal"),
    (4, time(14, 0), time(16, 30), ("chutich", "pcttub", "pct1", "pct2"), "Phiên họp UBND thành phố thường kỳ tháng",
     "Phòng họp số 1", "Thành viên UBND thành phố", "Văn phòng UBND thành phố", "internal"),
]  # fmt: skip
NEXT_WEEK: list[Row] = [
    (0, time(7, 30), time(9, 0), ("chutich", "pcttub", "pct1", "pct2"), "Giao ban Thường trực UBND thành phố",
     "Phòng họp số 1", OFFICE_PARTICIPANTS, "Văn phòng UBND thành phố", "internal"),
    (1, time(8, 0), time(11, 30), ("pct1",), "Họp thẩm định dự toán ngân sách năm sau",
     "Phòng họp số 2", "Sở Tài chính, Sở Kế hoạch và Đầu tư", "Sở Tài chính", "internal"),
    (2, time(14, 0), None, ("pct2",), "Làm việc với Sở Y tế về công tác phòng, chống dịch mùa đông",
     "Sở Y tế", "Giám đốc Sở Y tế, Phòng Văn hóa - Xã hội", "Sở Y tế", "internal"),
    (3, time(8, 0), time(11, 30), ("chutich", "pcttub", "pct1", "pct2"), "Hội nghị tổng kết công tác năm {year}",
     "Hội trường tầng 3", "Thủ trưởng các sở, ngành; Chủ tịch UBND phường, xã, đặc khu", "Văn phòng UBND thành phố", "public"),
    (4, None, None, ("pcttub",), "Tiếp và làm việc với Đoàn công tác của Văn phòng Chính phủ",
     "Phòng họp số 1", "Chánh Văn phòng, Phòng Nội chính", "Văn phòng UBND thành phố", "internal"),
]  # fmt: skip
DRAFT_WEEK: list[Row] = [
    (0, time(7, 30), time(9, 0), ("chutich", "pcttub", "pct1", "pct2"), "Giao ban Thường trực UBND thành phố",
     "Phòng họp số 1", OFFICE_PARTICIPANTS, "Văn phòng UBND thành phố", "internal"),
    (2, None, None, ("pct1",), "Khảo sát tiến độ dự án cải tạo hạ tầng khu dân cư", "Quận Hồng Bàng",
     "Sở Xây dựng, Phòng Kinh tế", "Sở Xây dựng", "internal"),
]  # fmt: skip


def schedule_load(cast: Cast) -> None:
    rooms = {
        name: Room.objects.create(agency=cast.agencies[OFFICE], name=name, capacity=capacity, keeper=cast.users.get(keeper or ""))
        for name, capacity, keeper in ROOMS
    }
    monday = cast.today - timedelta(days=cast.today.weekday())
    this_week = _week(cast, monday, THIS_WEEK, rooms)
    _week(cast, monday + timedelta(days=7), NEXT_WEEK, rooms)
    _week(cast, monday + timedelta(days=14), DRAFT_WEEK, rooms, publish=False)
    _change_after_publication(cast, this_week, rooms)


def _values(cast: Cast, day: date, row: Row, rooms: dict[str, Room]) -> dict[str, Any]:
    _offset, start, end, leaders, content, where, participants, preparing, visibility = row
    return {
        "date": day, "slot": "morning" if start is None else "",
        "start_time": start, "end_time": end, "leaders": [cast.users[name] for name in leaders],
        "content": content.format(year=day.year), "room": rooms.get(where), "place": "" if where in rooms else where,
        "participants": participants, "participant_people": [], "participant_units": [], "preparing_unit": preparing,
        "accompanying": [cast.users["chuyenvien"]] if len(leaders) == 1 else [], "note": "", "visibility": visibility,
    }  # fmt: skip


def _week(cast: Cast, monday: date, rows: list[Row], rooms: dict[str, Room], *, publish: bool = True) -> WeekSchedule:
    drafter, approver = cast.actor(DRAFTER), cast.actor(APPROVER)
    year, number, _ = monday.isocalendar()
    week = services.week_create(actor=drafter, year=year, week=number)
    for row in rows:
        services.entry_add(actor=drafter, week=week, values=_values(cast, monday + timedelta(days=row[0]), row, rooms))
    if publish:
        services.week_submit(actor=drafter, week=week)
        services.week_approve(actor=approver, week=week)
        week = services.week_publish(actor=approver, week=week)
    return week


def _change_after_publication(cast: Cast, week: WeekSchedule, rooms: dict[str, Room]) -> None:
    """The Thursday inspection moves to the afternoon: marked, announced."""
    entry = week.entries.get(content__startswith="Kiểm tra công tác chuẩn bị năm học")
    row = THIS_WEEK[4]
    changed = (row[0], time(14, 0), None, *row[3:])
    services.entry_update(
        actor=cast.actor(DRAFTER), entry=entry, values=_values(cast, entry.date, changed, rooms),
        notice="Chuyển sang buổi chiều do Phó Chủ tịch dự họp trực tuyến với Bộ Giáo dục và Đào tạo buổi sáng.",
    )  # fmt: skip
