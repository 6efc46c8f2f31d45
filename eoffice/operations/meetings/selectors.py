"""Reads of meetings: the list a person sees, the capacity warning, and the
invitations with who comes."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from eoffice.operations.meetings.rules import is_organiser
from eoffice.operations.models import Invitation, Meeting, MeetingStatus, Reply, ScheduleEntry
from eoffice.organisation.selectors import Actor


def meetings_for(actor: Actor) -> QuerySet[Meeting]:
    """The meetings `actor` sees, the coming first (three queries a page)."""
    meetings = Meeting.objects.visible_to(actor, organiser=is_organiser(actor))
    return meetings.select_related("entry__room", "chair").order_by("-entry__date", "-entry__start_time", "-pk")


def meetings_by_entry(actor: Actor, entries: list[ScheduleEntry]) -> dict[int, int]:
    """Entry id -> meeting id for the entries whose meeting `actor` may see (the
    one read rule, Meeting.visible_to): the week page's links, in one query."""
    if not entries:
        return {}
    visible = Meeting.objects.visible_to(actor, organiser=is_organiser(actor))
    return dict(visible.filter(entry__in=[entry.pk for entry in entries]).values_list("entry_id", "pk"))


def expected(meeting: Meeting) -> int:
    """How many are expected: the chair and each invitee not absent."""
    return 1 + meeting.invitations.exclude(reply=Reply.ABSENT).count()


def capacity_warning(meeting: Meeting) -> str:
    """A warning when more are invited than the room seats (0: capacity unknown)."""
    room = meeting.entry.room
    if room is None or not room.capacity:
        return ""
    count = expected(meeting)
    if count <= room.capacity:
        return ""
    return f"Số người dự kiến dự họp ({count}) vượt sức chứa của {room.name} ({room.capacity} chỗ)."


def reply_counts(meeting: Meeting) -> dict[str, int]:
    counts = dict.fromkeys(Reply.values, 0)
    for reply in meeting.invitations.values_list("reply", flat=True):
        counts[reply] += 1
    return counts


def awaiting_reply(actor: Actor, today: date) -> QuerySet[Meeting]:
    """Meetings still to come, not cancelled, where an invitation `actor` answers
    (their own, of whom they act for, of a unit they head) has no reply yet: the
    list's tab "Chờ tôi trả lời" and the home page's block, the soonest first."""
    mine = Q(person_id__in=actor.acting_user_ids) | Q(unit_id__in=actor.head_unit_ids)
    pending = Invitation.objects.filter(mine, meeting=OuterRef("pk"), reply=Reply.PENDING)
    return (
        Meeting.objects.filter(Exists(pending), agency=actor.agency, status=MeetingStatus.PLANNED, entry__date__gte=today)
        .select_related("entry__room", "chair")
        .order_by("entry__date", "entry__start_time", "pk")
    )
