"""The life of a weekly schedule, declared once.

    draft ─submit→ submitted ─approve→ approved ─publish→ published
    submitted / approved ─return→ draft (with the reason)

Entries are added, changed and cancelled while the week is a draft, and again
once it is published (then each change carries a notice, marks the entry
"Điều chỉnh" and tells those concerned). Who drafts and who approves:
roles.py. The POST views and the API actions come from the table below."""

from eoffice.core.errors import InvalidState, NotAllowed
from eoffice.core.workflow import Refusal, Step, Workflow
from eoffice.operations.access import get_week_for_user
from eoffice.operations.models.schedule import WeekSchedule, WeekStatus
from eoffice.operations.schedule import forms
from eoffice.operations.schedule import serializers as s
from eoffice.operations.schedule.roles import is_approver, is_drafter
from eoffice.organisation.selectors import Actor

EDITABLE = {WeekStatus.DRAFT, WeekStatus.PUBLISHED}


def _state(week: WeekSchedule, allowed: set[str], action: str) -> Refusal:
    if week.status not in allowed:
        return InvalidState(f"Không thể {action} khi lịch tuần {week.week} đang ở trạng thái “{week.get_status_display()}”.")
    return None


def _own(actor: Actor, week: WeekSchedule) -> bool:
    return actor.agency.pk == week.agency_id


def can_edit_entries(actor: Actor, week: WeekSchedule) -> Refusal:
    """Add, change or cancel entries: a drafter, while the week is a draft or published."""
    if not (_own(actor, week) and is_drafter(actor)):
        return NotAllowed("Chỉ cán bộ được giao lập lịch công tác mới được sửa lịch tuần.")
    if week.status not in EDITABLE:
        return InvalidState(
            f"Lịch tuần {week.week} đang ở trạng thái “{week.get_status_display()}”: "
            "chỉ sửa được khi còn là dự thảo (người duyệt trả lại) hoặc sau khi đã phát hành."
        )
    return None


def can_submit(actor: Actor, week: WeekSchedule) -> Refusal:
    refusal = _state(week, {WeekStatus.DRAFT}, "trình duyệt")
    if refusal is None and not (_own(actor, week) and is_drafter(actor)):
        return NotAllowed("Chỉ cán bộ được giao lập lịch công tác mới được trình lịch tuần.")
    if refusal is None and not week.entries.filter(cancelled=False).exists():
        return InvalidState("Lịch tuần chưa có mục nào; hãy thêm lịch trước khi trình.")
    return refusal


def _approver(actor: Actor, week: WeekSchedule, what: str) -> Refusal:
    if not (_own(actor, week) and is_approver(actor)):
        return NotAllowed(f"Chỉ lãnh đạo được giao duyệt lịch công tác (Chánh Văn phòng) mới được {what}.")
    return None


def can_return(actor: Actor, week: WeekSchedule) -> Refusal:
    return _state(week, {WeekStatus.SUBMITTED, WeekStatus.APPROVED}, "trả lại") or _approver(actor, week, "trả lại lịch tuần")


def can_approve(actor: Actor, week: WeekSchedule) -> Refusal:
    return _state(week, {WeekStatus.SUBMITTED}, "duyệt") or _approver(actor, week, "duyệt lịch tuần")


def can_publish(actor: Actor, week: WeekSchedule) -> Refusal:
    return _state(week, {WeekStatus.APPROVED}, "phát hành") or _approver(actor, week, "phát hành lịch tuần")


WEEK = Workflow(
    name="week",
    services="eoffice.operations.schedule.services",
    record_arg="week",
    load=get_week_for_user,
    template="operations/schedule/week.html",
    context="eoffice.operations.schedule.pages.week_context",
    page_url="operations:schedule-week-detail",
    url_prefix="schedule-week-",
    path_prefix="lich-tuan/",
    steps=(
        Step("submit", can_submit, "week_submit", "trinh/", done="Đã trình lịch tuần để duyệt."),
        Step(
            "return", can_return, "week_return", "tra-lai/", forms.ReasonForm, s.WeekReturnIn, prefix="return",
            done="Đã trả lại lịch tuần để sửa.",
        ),
        Step("approve", can_approve, "week_approve", "duyet/", done="Đã duyệt lịch tuần."),
        Step(
            "publish", can_publish, "week_publish", "phat-hanh/",
            done="Đã phát hành lịch tuần; lãnh đạo có lịch trong tuần đã được thông báo.",
        ),
    ),
)  # fmt: skip
