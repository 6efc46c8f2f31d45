"""The outgoing drafts a meeting makes: the Giấy mời (Mẫu 1.7) and the Thông báo
kết luận (Mẫu 1.4), filled from the meeting's data so that no template
placeholder ("…") is left for the drafter to replace."""

from typing import Any

from eoffice.core.templatetags.vn import ngay_day_du
from eoffice.operations.models import Meeting
from eoffice.organisation.models import Membership


def position(meeting: Meeting) -> str:
    """The chair's title in the agency ("Chủ tịch UBND thành phố")."""
    titles = Membership.objects.filter(agency=meeting.agency_id, user=meeting.chair_id).exclude(position="")
    return next(iter(titles.values_list("position", flat=True)), "")


def chair_text(meeting: Meeting) -> str:
    title = position(meeting)
    return f"Đồng chí {meeting.chair}" + (f", {title}" if title else "")


def when_text(meeting: Meeting) -> str:
    """ "08 giờ 00, ngày 14 tháng 12 năm 2026"."""
    starts = meeting.entry.starts
    return f"{starts:%H} giờ {starts:%M}, {ngay_day_du(meeting.entry.date)}"


def invitee_lines(meeting: Meeting) -> list[str]:
    return [f"- {invitation}" for invitation in meeting.invitations.select_related("person", "unit")]


def invitation_data(meeting: Meeting) -> dict[str, Any]:
    """The Giấy mời's fields: the body of Mẫu 1.7, the invitees after "trân trọng
    kính mời:" (a Giấy mời has no "Kính gửi")."""
    lines = [
        f"{meeting.agency} trân trọng kính mời:",
        *invitee_lines(meeting),
        f"Tới dự {meeting.title}.",
        f"Chủ trì: {chair_text(meeting)}.",
    ]
    if meeting.content:
        lines.append(f"Nội dung: {meeting.content}")
    lines += [f"Thời gian: {when_text(meeting)}.", f"Địa điểm: {meeting.place or 'sẽ thông báo sau'}."]
    if meeting.online_link:
        lines.append(f"Họp trực tuyến: {meeting.online_link}")
    lines.append("Rất mong các đồng chí tham dự đúng thành phần, đúng giờ./.")
    return {
        "type_name": "Giấy mời",
        "subject": f"Mời dự {meeting.title}"[:500],
        "body": "\n".join(lines),
        "places_text": "Như trên",
    }


def notice_data(meeting: Meeting) -> dict[str, Any]:
    """The Thông báo kết luận: one numbered paragraph per conclusion."""
    chair = f"{position(meeting) or 'lãnh đạo'} {meeting.chair}".strip()
    lines = [
        f"{ngay_day_du(meeting.entry.date).capitalize()}, {chair_text(meeting)} chủ trì cuộc họp {meeting.title}. "
        f"Sau khi nghe báo cáo và ý kiến của các đại biểu dự họp, {chair} kết luận như sau:"
    ]
    for number, conclusion in enumerate(
        meeting.conclusions.select_related("lead_unit").prefetch_related("coordinating_units"), 1
    ):
        helpers = ", ".join(str(unit) for unit in conclusion.coordinating_units.all())
        task = f"Giao {conclusion.lead_unit} chủ trì" + (f", phối hợp với {helpers}" if helpers else "")
        lines.append(f"{number}. {conclusion.text.rstrip('.')}. {task}; {conclusion.deadline_text}.")
    lines.append(f"{meeting.agency} thông báo để các cơ quan, đơn vị biết, thực hiện./.")
    return {
        "type_name": "Thông báo",
        "subject": f"Kết luận của {chair} tại cuộc họp {meeting.title}"[:500],
        "body": "\n".join(lines),
        "places_text": "\n".join(str(invitation) for invitation in meeting.invitations.select_related("person", "unit")),
    }
