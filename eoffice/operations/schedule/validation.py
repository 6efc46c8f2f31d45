"""The rules on an entry's input, shared by the drafting form and the API:
a time that ends before it starts, a date outside the week, a chairing person
who is not a leader, a room of another agency. Raise ValidationFailed with
each field's problem; nothing is saved before these pass."""

from datetime import time
from typing import Any

from eoffice.core.errors import ValidationFailed
from eoffice.core.text import nfc
from eoffice.operations.models.schedule import NOON, Slot, Visibility, WeekSchedule
from eoffice.organisation.models import Membership, Role

SCALARS = ("date", "slot", "start_time", "end_time", "content", "place", "room", "participants", "preparing_unit", "note")
MANY = ("leaders", "participant_people", "participant_units", "accompanying")
TEXTS = ("content", "place", "participants", "preparing_unit", "note")


def slot_of(start: time | None, slot: str) -> str:
    """A clock time says the half-day by itself; else the one chosen."""
    if start is not None:
        return Slot.MORNING if start < NOON else Slot.AFTERNOON
    return slot


def clean_entry(week: WeekSchedule, values: dict[str, Any]) -> dict[str, Any]:
    """The entry's values checked and normalised (text NFC, the slot from the time)."""
    data = {key: values.get(key) for key in (*SCALARS, *MANY, "visibility")}
    for key in TEXTS:
        data[key] = nfc((data[key] or "").strip())
    for key in MANY:
        data[key] = list(data[key] or [])
    data["visibility"] = data["visibility"] or Visibility.INTERNAL
    problems: dict[str, list[str]] = {}
    _check_when(week, data, problems)
    _check_who(week, data, problems)
    if not data["content"]:
        problems["content"] = ["Nhập nội dung công việc."]
    if data["visibility"] not in Visibility.values:
        problems["visibility"] = ["Chọn “Nội bộ” hoặc “Công khai”."]
    if problems:
        first = next(iter(problems.values()))[0]
        raise ValidationFailed(f"Mục lịch chưa hợp lệ: {first}", fields=problems)
    data["slot"] = slot_of(data["start_time"], data["slot"] or "")
    return data


def _check_when(week: WeekSchedule, data: dict[str, Any], problems: dict[str, list[str]]) -> None:
    day, start, end = data["date"], data["start_time"], data["end_time"]
    if day is None:
        problems["date"] = ["Chọn ngày."]
    elif not week.start <= day <= week.end:
        problems["date"] = [f"Ngày {day:%d/%m/%Y} không thuộc tuần {week.week} ({week.start:%d/%m/%Y} – {week.end:%d/%m/%Y})."]
    if end is not None and start is None:
        problems["start_time"] = ["Có giờ kết thúc thì cần nhập giờ bắt đầu."]
    elif end is not None and start is not None and end <= start:
        problems["end_time"] = [f"Giờ kết thúc ({end:%H:%M}) phải sau giờ bắt đầu ({start:%H:%M})."]
    if start is None and data["slot"] not in Slot.values:
        problems["slot"] = ["Chọn buổi (sáng hoặc chiều) hoặc nhập giờ bắt đầu."]


def _check_who(week: WeekSchedule, data: dict[str, Any], problems: dict[str, list[str]]) -> None:
    leaders = data["leaders"]
    if leaders:
        leading = set(
            Membership.objects.filter(agency=week.agency, role=Role.LEADER, user__in=leaders).values_list("user_id", flat=True)
        )
        if strangers := [str(user) for user in leaders if user.pk not in leading]:
            problems["leaders"] = [f"{', '.join(strangers)} không phải lãnh đạo của cơ quan."]
    room = data["room"]
    if room is not None and (room.agency_id != week.agency_id or not room.active):
        problems["room"] = [f"Phòng “{room.name}” không thuộc cơ quan hoặc đã ngừng sử dụng."]
    if units := [unit for unit in data["participant_units"] if unit.agency_id != week.agency_id]:
        problems["participant_units"] = [f"Đơn vị {units[0].name} không thuộc cơ quan."]
