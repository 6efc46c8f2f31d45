"""Rules on a task's input, shared by the form and the API (the services call them)."""

import calendar
from datetime import date, timedelta

from eoffice.core.errors import ValidationFailed
from eoffice.operations.models import Recurrence
from eoffice.organisation.models import Agency, Membership, Role, Unit, User
from eoffice.workdays.services import add_working_days


def deadline_from(*, today: date, deadline: date | None, working_days: int | None, ongoing: bool) -> date | None:
    """The task's deadline: a date, or N working days from today (the working-day
    calendar, holidays skipped), or none for a task "thường xuyên"."""
    given = [deadline is not None, working_days is not None, ongoing]
    if sum(given) != 1:
        raise ValidationFailed(
            "Hãy chọn đúng một cách đặt hạn: một ngày, một số ngày làm việc, hoặc nhiệm vụ thường xuyên.",
            fields={"deadline": ["Chọn một cách đặt hạn."]},
        )
    if ongoing:
        return None
    if working_days is not None:
        if working_days < 1:
            raise ValidationFailed("Số ngày làm việc phải từ 1 trở lên.", fields={"working_days": ["Ít nhất 1 ngày."]})
        return add_working_days(today, working_days)
    assert deadline is not None
    return check_not_past(deadline, today, "deadline")


def check_not_past(day: date, today: date, field: str) -> date:
    if day < today:
        raise ValidationFailed(
            f"Hạn xử lý {day:%d/%m/%Y} đã qua; hãy chọn từ hôm nay ({today:%d/%m/%Y}) trở đi.",
            fields={field: ["Hạn không được trước ngày hôm nay."]},
        )
    return day


def check_people(
    *, agency: Agency, assigner: User, lead_unit: Unit | None, lead_person: User | None, coordinating: list[Unit]
) -> None:
    """The assigner is a leader of the agency; the lead (a unit or a person) and
    the coordinating units belong to it; the lead unit does not coordinate too."""
    errors: dict[str, list[str]] = {}
    if not Membership.objects.filter(agency=agency, user=assigner, role=Role.LEADER).exists():
        errors["assigner"] = ["Người giao nhiệm vụ phải là lãnh đạo cơ quan."]
    if lead_unit is None and lead_person is None:
        errors["lead_unit"] = ["Chọn đơn vị chủ trì hoặc cá nhân chủ trì."]
    if lead_unit is not None and lead_unit.agency_id != agency.pk:
        errors["lead_unit"] = ["Đơn vị không thuộc cơ quan."]
    if lead_person is not None and not Membership.objects.filter(agency=agency, user=lead_person).exists():
        errors["lead_person"] = ["Cán bộ không thuộc cơ quan."]
    if any(unit.agency_id != agency.pk for unit in coordinating):
        errors["coordinating_units"] = ["Có đơn vị không thuộc cơ quan."]
    elif lead_unit is not None and lead_unit in coordinating:
        errors["coordinating_units"] = ["Đơn vị chủ trì không đồng thời là đơn vị phối hợp."]
    if errors:
        raise ValidationFailed(
            "Thông tin giao nhiệm vụ chưa hợp lệ: " + " ".join(m for ms in errors.values() for m in ms), fields=errors
        )


def check_recurrence(recurrence: str, deadline: date | None) -> None:
    if recurrence != Recurrence.NONE and deadline is None:
        raise ValidationFailed(
            "Nhiệm vụ lặp lại hằng tháng hoặc hằng quý cần có hạn của kỳ đầu tiên.",
            fields={"recurrence": ["Cần hạn xử lý."]},
        )


def check_percent(percent: int) -> None:
    if not 0 <= percent <= 100:
        raise ValidationFailed("Tiến độ phải từ 0 đến 100%.", fields={"percent": ["Từ 0 đến 100."]})


def check_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(message, fields={field: ["Bắt buộc."]})
    return value


def next_period_deadline(deadline: date, recurrence: str) -> date:
    """The same day of the next month or quarter (the month's last day when it
    has fewer days), moved to the next working day if it is not one."""
    months = 1 if recurrence == Recurrence.MONTHLY else 3
    month0 = deadline.month - 1 + months
    year, month = deadline.year + month0 // 12, month0 % 12 + 1
    day = min(deadline.day, calendar.monthrange(year, month)[1])
    return add_working_days(date(year, month, day), 0)


def ageing_threshold(today: date, days: int) -> date:
    """Deadlines before this date are overdue by more than `days` calendar days."""
    return today - timedelta(days=days)
