"""What the task page shows, in one place so views stay thin: the card, the
actions this person may take now (asked of workflow.py), the progress reports
with their files, the extension requests, the deadline changes and the history."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eoffice.core.workflow import Bound
from eoffice.operations.models import Task
from eoffice.operations.tasking.rules import pending_extension
from eoffice.operations.tasking.selectors import mark_timeliness
from eoffice.operations.tasking.workflow import TASK
from eoffice.organisation.selectors import Actor


@dataclass(frozen=True)
class Action:
    name: str
    label: Any
    button: Any
    danger: bool = False
    files: bool = False


# The page's order: what the lead does, then what the assigner decides.
ACTIONS = [
    Action("start", _("Tiếp nhận nhiệm vụ"), _("Tiếp nhận")),
    Action("report_progress", _("Báo cáo tiến độ"), _("Gửi báo cáo"), files=True),
    Action("complete", _("Báo cáo hoàn thành"), _("Báo cáo hoàn thành"), files=True),
    Action("request_extension", _("Đề nghị gia hạn"), _("Gửi đề nghị")),
    Action("grant_extension", _("Đồng ý gia hạn"), _("Đồng ý gia hạn")),
    Action("refuse_extension", _("Không đồng ý gia hạn"), _("Không đồng ý"), danger=True),
    Action("accept", _("Nghiệm thu"), _("Nghiệm thu")),
    Action("return", _("Trả lại, yêu cầu tiếp tục thực hiện"), _("Trả lại"), danger=True),
    Action("cancel", _("Dừng thực hiện nhiệm vụ"), _("Dừng thực hiện"), danger=True),
]


def detail_context(actor: Actor, task: Task, bound: Bound | None = None) -> dict[str, Any]:
    available = TASK.available(actor, task, bound)
    actions = [
        {"action": a, "form": available[a.name], "url": step_url(a.name, task), "open": _opened(bound, a.name)}
        for a in ACTIONS
        if a.name in available
    ]
    mark_timeliness([task])
    return {
        "task": task,
        "actions": actions,
        "coordinating": list(task.coordinating_units.all()),
        "reports": list(task.reports.select_related("author").prefetch_related("files")),
        "extensions": list(task.extensions.select_related("requested_by", "decided_by")),
        "pending_extension": pending_extension(task),
        "deadline_changes": list(task.deadline_changes.select_related("changed_by")),
        "trace": list(task.trace.select_related("actor")),
    }


def step_url(name: str, task: Task) -> str:
    """The step's POST address (its URL name lives in the app's namespace)."""
    return reverse(f"operations:{TASK.url_name(TASK.step(name))}", kwargs={"pk": task.pk})


def _opened(bound: Bound | None, name: str) -> bool:
    return bound is not None and bound.step == name
