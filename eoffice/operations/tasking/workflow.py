"""The lifecycle of a task (nhiệm vụ), declared once.

    assigned ─start→ in progress ─complete→ completed (chờ nghiệm thu) ─accept→ accepted
                                              └─return→ in progress (with the reason)
    assigned / in progress ─report_progress→ in progress (a report, the percent)
    assigned / in progress ─request_extension→ a pending request ─grant / refuse→ decided
    assigned / in progress / completed ─cancel→ cancelled (dừng thực hiện)

Who: the lead person or the lead unit's heads start, complete and ask for more
time; anyone of the lead unit reports progress; the assigner (or a delegate)
or a leader of the agency decides extensions and accepts or returns; only the
assigner cancels. Each check is asked by the page before showing a button and
by the service before acting (core.workflow)."""

from eoffice.core.errors import InvalidState, NotAllowed
from eoffice.core.workflow import Refusal, Step, Workflow
from eoffice.operations.access import get_task_for_user
from eoffice.operations.models import DONE_TASK_STATUSES, OPEN_TASK_STATUSES, Task, TaskStatus
from eoffice.operations.tasking import forms
from eoffice.operations.tasking import serializers as s
from eoffice.operations.tasking.rules import directs, heads_lead, is_assigner, pending_extension, works_on_lead
from eoffice.organisation.selectors import Actor

LEAD_ONLY = "Chỉ cá nhân chủ trì hoặc lãnh đạo đơn vị chủ trì mới được {action}."
DIRECT_ONLY = "Chỉ người giao nhiệm vụ hoặc lãnh đạo cơ quan mới được {action}."


def _state(task: Task, allowed, action: str) -> Refusal:
    if task.status not in allowed:
        return InvalidState(f"Không thể {action} khi nhiệm vụ đang ở trạng thái “{task.get_status_display()}”.")
    return None


def can_start(actor: Actor, task: Task) -> Refusal:
    """Nhận nhiệm vụ: the lead starts work."""
    refusal = _state(task, {TaskStatus.ASSIGNED}, "tiếp nhận")
    if refusal is None and not heads_lead(actor, task):
        return NotAllowed(LEAD_ONLY.format(action="tiếp nhận nhiệm vụ"))
    return refusal


def can_report_progress(actor: Actor, task: Task) -> Refusal:
    refusal = _state(task, OPEN_TASK_STATUSES, "báo cáo tiến độ")
    if refusal is None and not works_on_lead(actor, task):
        return NotAllowed("Chỉ cá nhân hoặc đơn vị chủ trì mới được báo cáo tiến độ nhiệm vụ.")
    return refusal


def can_request_extension(actor: Actor, task: Task) -> Refusal:
    if task.status in DONE_TASK_STATUSES:
        return InvalidState("Nhiệm vụ đã hoàn thành, không thể đề nghị gia hạn.")
    refusal = _state(task, OPEN_TASK_STATUSES, "đề nghị gia hạn")
    if refusal is not None:
        return refusal
    if not heads_lead(actor, task):
        return NotAllowed(LEAD_ONLY.format(action="đề nghị gia hạn"))
    if task.deadline is None:
        return InvalidState("Nhiệm vụ thường xuyên (không có hạn) không cần gia hạn.")
    if pending_extension(task) is not None:
        return InvalidState("Đã có một đề nghị gia hạn đang chờ quyết định.")
    return None


def _can_decide(actor: Actor, task: Task) -> Refusal:
    if pending_extension(task) is None:
        return InvalidState("Nhiệm vụ không có đề nghị gia hạn nào đang chờ quyết định.")
    if not directs(actor, task):
        return NotAllowed(DIRECT_ONLY.format(action="quyết định gia hạn"))
    return None


def can_grant_extension(actor: Actor, task: Task) -> Refusal:
    return _can_decide(actor, task)


def can_refuse_extension(actor: Actor, task: Task) -> Refusal:
    return _can_decide(actor, task)


def can_complete(actor: Actor, task: Task) -> Refusal:
    refusal = _state(task, OPEN_TASK_STATUSES, "báo cáo hoàn thành")
    if refusal is None and not heads_lead(actor, task):
        return NotAllowed(LEAD_ONLY.format(action="báo cáo hoàn thành nhiệm vụ"))
    return refusal


def _can_judge(actor: Actor, task: Task, action: str) -> Refusal:
    if task.status != TaskStatus.COMPLETED:
        return InvalidState(
            f"Chỉ {action} nhiệm vụ đã báo cáo hoàn thành; nhiệm vụ đang ở trạng thái “{task.get_status_display()}”."
        )
    if not directs(actor, task):
        return NotAllowed(DIRECT_ONLY.format(action=action))
    return None


def can_accept(actor: Actor, task: Task) -> Refusal:
    return _can_judge(actor, task, "nghiệm thu")


def can_return(actor: Actor, task: Task) -> Refusal:
    return _can_judge(actor, task, "trả lại")


def can_cancel(actor: Actor, task: Task) -> Refusal:
    refusal = _state(task, {*OPEN_TASK_STATUSES, TaskStatus.COMPLETED}, "dừng thực hiện")
    if refusal is None and not is_assigner(actor, task):
        return NotAllowed("Chỉ người giao nhiệm vụ mới được dừng thực hiện nhiệm vụ.")
    return refusal


def _accepted(task: Task) -> str:
    following = getattr(task, "created_next", None)
    if following is not None and following.deadline:
        return f"Đã nghiệm thu nhiệm vụ; kỳ tiếp theo đã được giao, hạn {following.deadline:%d/%m/%Y}."
    return "Đã nghiệm thu nhiệm vụ."


def _granted(task: Task) -> str:
    return f"Đã đồng ý gia hạn đến ngày {task.deadline:%d/%m/%Y}." if task.deadline else "Đã đồng ý gia hạn."


TASK = Workflow(
    name="task",
    services="eoffice.operations.tasking.services",
    record_arg="task",
    load=get_task_for_user,
    template="operations/task_detail.html",
    context="eoffice.operations.tasking.pages.detail_context",
    page_url="operations:task-detail",
    url_prefix="task-",
    path_prefix="nhiem-vu/",
    steps=(
        Step("start", can_start, "task_start", "tiep-nhan/", done="Đã tiếp nhận nhiệm vụ."),
        Step(
            "report_progress", can_report_progress, "task_report_progress", "bao-cao-tien-do/", forms.ProgressForm,
            s.TaskProgressIn, prefix="progress", done="Đã gửi báo cáo tiến độ.",
        ),
        Step(
            "request_extension", can_request_extension, "task_request_extension", "de-nghi-gia-han/",
            forms.ExtensionRequestForm, s.TaskExtensionRequestIn, prefix="extension",
            done="Đã gửi đề nghị gia hạn tới người giao nhiệm vụ.",
        ),
        Step(
            "grant_extension", can_grant_extension, "task_grant_extension", "dong-y-gia-han/", forms.GrantForm,
            s.TaskGrantIn, prefix="grant", done=_granted,
        ),
        Step(
            "refuse_extension", can_refuse_extension, "task_refuse_extension", "tu-choi-gia-han/", forms.ReasonForm,
            s.TaskReasonIn, prefix="refuse", done="Đã không đồng ý gia hạn.",
        ),
        Step(
            "complete", can_complete, "task_complete", "hoan-thanh/", forms.CompleteForm, s.TaskCompleteIn,
            prefix="complete", done="Đã báo cáo hoàn thành; nhiệm vụ chờ người giao nghiệm thu.",
        ),
        Step("accept", can_accept, "task_accept", "nghiem-thu/", done=_accepted),
        Step(
            "return", can_return, "task_return", "tra-lai/", forms.ReasonForm, s.TaskReasonIn, prefix="return",
            done="Đã trả lại nhiệm vụ để tiếp tục thực hiện.",
        ),
        Step(
            "cancel", can_cancel, "task_cancel", "dung-thuc-hien/", forms.ReasonForm, s.TaskReasonIn, prefix="cancel",
            done="Đã dừng thực hiện nhiệm vụ.",
        ),
    ),
)  # fmt: skip
