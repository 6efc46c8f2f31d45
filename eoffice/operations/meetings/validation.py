"""Rules on a meeting's input, shared by the form and the API (the services call them)."""

from datetime import date
from typing import Any

from django.utils import timezone

from eoffice.core.errors import ValidationFailed
from eoffice.operations.models import Reply, ScheduleEntry
from eoffice.operations.schedule import selectors
from eoffice.operations.schedule.services import ScheduleConflict
from eoffice.operations.tasking.validation import check_text, deadline_from
from eoffice.organisation.models import Agency, Membership, Role, Unit, User

__all__ = ["check_text", "check_chair", "check_room", "check_invitees", "check_reply", "check_conclusion"]


def check_chair(agency: Agency, chair: User) -> None:
    if not Membership.objects.filter(agency=agency, user=chair, role=Role.LEADER).exists():
        raise ValidationFailed("Người chủ trì phải là lãnh đạo cơ quan.", fields={"chair": ["Chọn một lãnh đạo cơ quan."]})


def check_room(entry: ScheduleEntry, confirm: bool) -> list[str]:
    """The schedule's conflict check, for the room only: another entry holding
    the room at that time is refused unless the organiser confirms."""
    if entry.room is None:
        return []
    found = selectors.conflicts_for(entry.week.agency, entry.date, entry.starts, entry.ends, set(), entry.room, entry.pk)
    messages = [conflict.message for conflict in found if conflict.kind == "room"]
    if messages and not confirm:
        raise ScheduleConflict(
            f"Phòng họp đã có lịch trùng giờ: {' '.join(messages)} Đổi phòng trên lịch công tác, "
            "hoặc xác nhận “Vẫn đặt phòng dù trùng lịch”.",
            fields={"conflicts": messages},
        )
    return messages


def check_invitees(agency: Agency, people: list[User], units: list[Unit]) -> None:
    if not people and not units:
        raise ValidationFailed("Chọn người hoặc đơn vị được mời.", fields={"people": ["Chọn ít nhất một người hoặc đơn vị."]})
    members = set(Membership.objects.filter(agency=agency, user__in=people).values_list("user_id", flat=True))
    if any(person.pk not in members for person in people) or any(unit.agency_id != agency.pk for unit in units):
        raise ValidationFailed("Chỉ mời được cán bộ, đơn vị của cơ quan.", fields={"people": ["Không thuộc cơ quan."]})


def check_reply(agency: Agency, reply: str, deputy: User | None, deputy_name: str, reason: str) -> dict[str, Any]:
    """The fields an answer sets: a deputy is named (a person of the agency or a
    name), an absence gives its reason."""
    if reply not in (Reply.ATTEND, Reply.DEPUTY, Reply.ABSENT):
        raise ValidationFailed("Chọn tham dự, cử người dự thay hoặc vắng mặt.", fields={"reply": ["Không hợp lệ."]})
    values: dict[str, Any] = {"reply": reply, "deputy": None, "deputy_name": "", "reason": ""}
    if reply == Reply.DEPUTY:
        if deputy is None and not deputy_name.strip():
            raise ValidationFailed(
                "Ghi rõ người dự thay.", fields={"deputy_name": ["Chọn cán bộ hoặc ghi họ tên người dự thay."]}
            )
        if deputy is not None and not Membership.objects.filter(agency=agency, user=deputy).exists():
            raise ValidationFailed("Người dự thay không thuộc cơ quan.", fields={"deputy": ["Không thuộc cơ quan."]})
        values.update(deputy=deputy, deputy_name="" if deputy else deputy_name.strip())
    if reply == Reply.ABSENT:
        if not reason.strip():
            raise ValidationFailed("Vắng mặt cần nêu lý do.", fields={"reason": ["Vắng mặt cần nêu lý do."]})
        values["reason"] = reason.strip()
    return values


def check_conclusion(
    agency: Agency, lead: Unit, helpers: list[Unit], deadline: date | None, working_days: int | None, ongoing: bool
) -> None:
    """Units of the agency; one way of setting the deadline (as a task's)."""
    if lead.agency_id != agency.pk or any(unit.agency_id != agency.pk for unit in helpers):
        raise ValidationFailed("Đơn vị không thuộc cơ quan.", fields={"lead_unit": ["Không thuộc cơ quan."]})
    if lead in helpers:
        raise ValidationFailed(
            "Đơn vị chủ trì không đồng thời là đơn vị phối hợp.", fields={"coordinating_units": ["Trùng đơn vị chủ trì."]}
        )
    deadline_from(today=timezone.localdate(), deadline=deadline, working_days=working_days, ongoing=ongoing)
