"""The life of a meeting, declared once.

    planned ─hold (from the meeting's start)→ held ─draft_notice→ concluded
    planned ─cancel→ cancelled (with the reason; invitees told)

While planned the organiser invites people and units, drafts the Giấy mời and
shares papers; invitees reply. Once held the organiser records the chair's
conclusions and files the signed minutes (once); the Thông báo kết luận is drafted
from the conclusions. A leader turns the conclusions into tasks (held or
concluded). The POST views and the API actions come from the table below."""

from django.utils import timezone

from eoffice.core.errors import InvalidState, NotAllowed
from eoffice.core.workflow import Refusal, Step, Workflow
from eoffice.operations.access import get_meeting_for_user
from eoffice.operations.meetings import forms
from eoffice.operations.meetings import serializers as s
from eoffice.operations.meetings.rules import answerable, organises
from eoffice.operations.models import Meeting, MeetingStatus
from eoffice.organisation.selectors import Actor

ORGANISER_ONLY = "Chỉ bộ phận tổ chức cuộc họp (Văn phòng, lãnh đạo cơ quan) mới được {action}."
LIVE_DOCUMENT = {"draft", "in_review", "returned", "signed", "issued"}


def _state(meeting: Meeting, allowed: set[str], action: str) -> Refusal:
    if meeting.status not in allowed:
        return InvalidState(f"Không thể {action} khi cuộc họp đang ở trạng thái “{meeting.get_status_display()}”.")
    return None


def _organiser(actor: Actor, meeting: Meeting, allowed: set[str], action: str) -> Refusal:
    if not organises(actor, meeting):
        return NotAllowed(ORGANISER_ONLY.format(action=action))
    return _state(meeting, allowed, action)


def _drafter(actor: Actor, meeting: Meeting, allowed: set[str], action: str) -> Refusal:
    """The documents are drafted in a unit (outgoing): the organiser side's unit staff."""
    refusal = _organiser(actor, meeting, allowed, action)
    if refusal is None and not actor.unit_ids:
        return NotAllowed(f"Chỉ cán bộ thuộc một đơn vị của cơ quan mới được {action}.")
    return refusal


def can_invite(actor: Actor, meeting: Meeting) -> Refusal:
    return _organiser(actor, meeting, {MeetingStatus.PLANNED}, "mời dự họp")


def can_reply(actor: Actor, meeting: Meeting) -> Refusal:
    if not answerable(actor, meeting):
        return NotAllowed("Đồng chí không có trong danh sách được mời dự cuộc họp này nên không thể trả lời giấy mời.")
    return _state(meeting, {MeetingStatus.PLANNED}, "trả lời giấy mời")


def can_draft_invitation(actor: Actor, meeting: Meeting) -> Refusal:
    refusal = _drafter(actor, meeting, {MeetingStatus.PLANNED}, "dự thảo giấy mời")
    if refusal is None and not meeting.invitations.exists():
        return InvalidState("Cuộc họp chưa có người được mời; hãy mời trước khi dự thảo giấy mời.")
    if refusal is None and meeting.invitation is not None and meeting.invitation.status in LIVE_DOCUMENT:
        return InvalidState("Cuộc họp đã có giấy mời; sửa giấy mời trên dự thảo văn bản đi.")
    return refusal


def can_add_papers(actor: Actor, meeting: Meeting) -> Refusal:
    return _organiser(actor, meeting, {MeetingStatus.PLANNED, MeetingStatus.HELD}, "thêm tài liệu họp")


def can_hold(actor: Actor, meeting: Meeting) -> Refusal:
    """Only once the meeting has started: a meeting marked held beforehand would
    let conclusions be recorded for a meeting that has not taken place."""
    refusal = _organiser(actor, meeting, {MeetingStatus.PLANNED}, "ghi nhận cuộc họp đã diễn ra")
    starts = timezone.localtime(meeting.starts_at)
    if refusal is None and timezone.now() < starts:
        return InvalidState(
            f"Cuộc họp chưa diễn ra (bắt đầu lúc {starts:%H:%M} ngày {starts:%d/%m/%Y}); "
            "chỉ ghi nhận cuộc họp đã diễn ra từ giờ họp trở đi."
        )
    return refusal


def can_cancel(actor: Actor, meeting: Meeting) -> Refusal:
    return _organiser(actor, meeting, {MeetingStatus.PLANNED}, "hủy cuộc họp")


def can_add_conclusion(actor: Actor, meeting: Meeting) -> Refusal:
    return _organiser(actor, meeting, {MeetingStatus.HELD}, "ghi kết luận")


def can_file_minutes(actor: Actor, meeting: Meeting) -> Refusal:
    """Once: the minutes are the signed record of the meeting; a second upload
    would have dropped the first (see docs/meetings.md, Minutes)."""
    refusal = _organiser(actor, meeting, {MeetingStatus.HELD, MeetingStatus.CONCLUDED}, "lưu biên bản cuộc họp")
    if refusal is None and meeting.minutes_file_id is not None:
        return InvalidState(f"Cuộc họp đã có biên bản ({meeting.minutes_filename}); biên bản đã lưu không thay được.")
    return refusal


def can_draft_notice(actor: Actor, meeting: Meeting) -> Refusal:
    refusal = _drafter(actor, meeting, {MeetingStatus.HELD}, "dự thảo thông báo kết luận")
    if refusal is None and not meeting.conclusions.exists():
        return InvalidState("Cuộc họp chưa có kết luận nào; hãy ghi kết luận trước khi dự thảo thông báo.")
    return refusal


def can_convert(actor: Actor, meeting: Meeting) -> Refusal:
    """Chuyển thành nhiệm vụ: a leader of the agency (who assigns tasks)."""
    if not (actor.agency.pk == meeting.agency_id and actor.is_leader):
        return NotAllowed("Chỉ lãnh đạo cơ quan mới được chuyển kết luận thành nhiệm vụ.")
    refusal = _state(meeting, {MeetingStatus.HELD, MeetingStatus.CONCLUDED}, "chuyển kết luận thành nhiệm vụ")
    if refusal is None and not meeting.conclusions.filter(task=None).exists():
        return InvalidState("Không còn kết luận nào chưa chuyển thành nhiệm vụ.")
    return refusal


def _converted(tasks: list) -> str:
    return f"Đã chuyển {len(tasks)} kết luận thành nhiệm vụ."


MEETING = Workflow(
    name="meeting",
    services="eoffice.operations.meetings.services",
    record_arg="meeting",
    load=get_meeting_for_user,
    template="operations/meetings/detail.html",
    context="eoffice.operations.meetings.pages.detail_context",
    page_url="operations:meeting-detail",
    url_prefix="meeting-",
    path_prefix="cuoc-hop/",
    steps=(
        Step(
            "invite", can_invite, "meeting_invite", "moi/", forms.InviteForm, s.MeetingInviteIn, prefix="invite",
            done="Đã cập nhật danh sách mời; người được mời đã được thông báo.",
        ),
        Step("reply", can_reply, "invitation_reply", "tra-loi/", forms.ReplyForm, s.MeetingReplyIn, prefix="reply",
             done="Đã gửi trả lời giấy mời."),
        Step(
            "draft_invitation", can_draft_invitation, "meeting_draft_invitation", "du-thao-giay-moi/", forms.SignerForm,
            s.MeetingSignerIn, prefix="invitation", done="Đã dự thảo Giấy mời; trình duyệt, ký và ban hành trên văn bản đi.",
        ),
        Step(
            "add_papers", can_add_papers, "paper_add", "tai-lieu/", forms.PapersForm, s.MeetingPapersIn, prefix="papers",
            done="Đã thêm tài liệu họp.",
        ),
        Step("hold", can_hold, "meeting_hold", "da-hop/", done="Đã ghi nhận cuộc họp đã diễn ra."),
        Step(
            "cancel", can_cancel, "meeting_cancel", "huy/", forms.ReasonForm, s.MeetingReasonIn, prefix="cancel",
            done="Đã hủy cuộc họp; người được mời đã được thông báo.",
        ),
        Step(
            "add_conclusion", can_add_conclusion, "conclusion_add", "ket-luan/", forms.ConclusionForm, s.MeetingConclusionIn,
            prefix="conclusion", done="Đã ghi kết luận.",
        ),
        Step(
            "file_minutes", can_file_minutes, "minutes_file", "bien-ban/", forms.MinutesForm, s.MeetingMinutesIn,
            prefix="minutes", done="Đã lưu biên bản cuộc họp.",
        ),
        Step(
            "draft_notice", can_draft_notice, "meeting_draft_notice", "du-thao-thong-bao/", forms.SignerForm, s.MeetingSignerIn,
            prefix="notice", done="Đã dự thảo Thông báo kết luận; trình duyệt, ký và ban hành trên văn bản đi.",
        ),
        Step("convert", can_convert, "conclusions_convert", "chuyen-nhiem-vu/", done=_converted),
    ),
)  # fmt: skip
