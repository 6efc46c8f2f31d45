"""What the meeting page shows, in one place so views stay thin: the card, the
invitees and their replies, the papers, the conclusions and their tasks, the
documents, and the actions this person may take now (asked of workflow.py)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eoffice.core.workflow import Bound
from eoffice.operations.meetings import selectors
from eoffice.operations.meetings.rules import answerable, organises
from eoffice.operations.meetings.workflow import MEETING
from eoffice.operations.models import Meeting
from eoffice.operations.schedule.services import week_url
from eoffice.operations.tasking.pages import Action
from eoffice.organisation.selectors import Actor

# The page's order: the invitees' answer first, then what the organiser does.
ACTIONS = [
    Action("reply", _("Trả lời giấy mời"), _("Gửi trả lời")),
    Action("invite", _("Mời thêm người, đơn vị"), _("Mời")),
    Action("draft_invitation", _("Dự thảo Giấy mời"), _("Dự thảo")),
    Action("add_papers", _("Thêm tài liệu họp"), _("Tải lên"), files=True),
    Action("hold", _("Cuộc họp đã diễn ra"), _("Ghi nhận")),
    Action("add_conclusion", _("Ghi kết luận"), _("Thêm kết luận")),
    Action("file_minutes", _("Lưu biên bản đã ký"), _("Tải lên"), files=True),
    Action("draft_notice", _("Dự thảo Thông báo kết luận"), _("Dự thảo")),
    Action("convert", _("Chuyển kết luận thành nhiệm vụ"), _("Chuyển thành nhiệm vụ")),
    Action("cancel", _("Hủy cuộc họp"), _("Hủy cuộc họp"), danger=True),
]


def detail_context(actor: Actor, meeting: Meeting, bound: Bound | None = None) -> dict[str, Any]:
    available = MEETING.available(actor, meeting, bound)
    mine = answerable(actor, meeting)
    reply = available.get("reply")
    if reply is not None and reply is not True:
        reply.fields["invitation"].queryset = meeting.invitations.filter(pk__in=[row.pk for row in mine])
    actions = [
        {"action": a, "form": available[a.name], "url": step_url(a.name, meeting), "open": _opened(bound, a.name)}
        for a in ACTIONS
        if a.name in available
    ]
    return {
        "meeting": meeting,
        "entry": meeting.entry,
        "week_url": week_url(meeting.entry.week),
        "actions": actions,
        "mine": mine,
        "organiser": organises(actor, meeting),
        "invitations": list(meeting.invitations.select_related("person", "unit", "deputy", "replied_by")),
        "counts": selectors.reply_counts(meeting),
        "capacity_warning": selectors.capacity_warning(meeting),
        "papers": list(meeting.papers.all()),
        "conclusions": list(meeting.conclusions.select_related("lead_unit", "task").prefetch_related("coordinating_units")),
    }


def step_url(name: str, meeting: Meeting) -> str:
    return reverse(f"operations:{MEETING.url_name(MEETING.step(name))}", kwargs={"pk": meeting.pk})


def _opened(bound: Bound | None, name: str) -> bool:
    return bound is not None and bound.step == name
