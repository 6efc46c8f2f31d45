"""Reads of the weekly schedule: who sees which week, a week's entries by day,
a leader's coming entries (the home page), and the conflicts of an entry."""

from dataclasses import dataclass
from datetime import date, time, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from eoffice.operations.models import Room, ScheduleEntry, WeekSchedule
from eoffice.operations.models.schedule import WeekStatus
from eoffice.operations.schedule.roles import sees_drafts
from eoffice.organisation.models import Agency, User
from eoffice.organisation.selectors import Actor

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekday_label(day: date) -> str:
    """ "Thứ Hai 07/12"."""
    return f"{WEEKDAYS[day.weekday()]} {day:%d/%m}"


def weeks_visible_to(actor: Actor) -> QuerySet[WeekSchedule]:
    """The agency's published weeks for its staff; drafts too for those who draft,
    approve or lead. Another agency's weeks never."""
    weeks = WeekSchedule.objects.filter(agency=actor.agency)
    return weeks if sees_drafts(actor) else weeks.filter(status=WeekStatus.PUBLISHED)


def with_people(entries: QuerySet[ScheduleEntry]) -> QuerySet[ScheduleEntry]:
    """Entries with everything a page, the PDF or the API shows: a fixed number of queries."""
    return entries.select_related("room", "week").prefetch_related(
        Prefetch("leaders", queryset=User.objects.order_by("pk")),
        "participant_people",
        "participant_units",
        "accompanying",
    )


def week_entries(agency: Agency, week_start: date, *, public_only: bool = False) -> list[ScheduleEntry]:
    """The published entries of the agency's week starting `week_start` (the
    home page's "this week"), cancelled ones included: five queries whatever the size."""
    year, week, _ = week_start.isocalendar()
    entries = ScheduleEntry.objects.filter(
        week__agency=agency, week__year=year, week__week=week, week__status=WeekStatus.PUBLISHED
    )
    if public_only:
        entries = entries.filter(visibility="public")
    return list(with_people(entries))


def entries_for_leader(user: User, days: int) -> list[ScheduleEntry]:
    """The published, not cancelled entries `user` chairs from today for `days`
    days, with their room (the home page's calendar shows no one's names)."""
    today = timezone.localdate()
    entries = ScheduleEntry.objects.filter(
        leaders=user, date__gte=today, date__lt=today + timedelta(days=days),
        week__status=WeekStatus.PUBLISHED, cancelled=False,
    )  # fmt: skip
    return list(entries.select_related("room"))


def entries_of_week(week: WeekSchedule) -> list[ScheduleEntry]:
    return list(with_people(week.entries.all()))


@dataclass(frozen=True)
class Day:
    day: date
    label: str
    entries: list[ScheduleEntry]


def by_day(start: date, entries: list[ScheduleEntry], *, all_days: bool = False) -> list[Day]:
    """Monday to Sunday with their entries in order; the weekend only when it has some."""
    days = []
    for offset in range(7):
        day = start + timedelta(days=offset)
        todays = sorted((e for e in entries if e.date == day), key=lambda e: (e.starts, e.pk))
        if todays or offset < 5 or all_days:
            days.append(Day(day, weekday_label(day), todays))
    return days


# --------------------------------------------------------------------------- conflicts
@dataclass(frozen=True)
class Conflict:
    kind: str  # "leader" or "room"
    message: str
    other: ScheduleEntry


def overlaps(a_start: time, a_end: time, b_start: time, b_end: time) -> bool:
    return a_start < b_end and b_start < a_end


def conflicts_for(
    agency: Agency, day: date, starts: time, ends: time, leader_ids: set[int], room: Room | None, exclude: int | None = None
) -> list[Conflict]:
    """One leader in two places, one room twice: the other entries of the agency
    that day, not cancelled, whose time overlaps."""
    if not leader_ids and room is None:
        return []
    others = ScheduleEntry.objects.filter(week__agency=agency, date=day, cancelled=False)
    others = others.filter(Q(leaders__in=leader_ids) | Q(room=room) if room else Q(leaders__in=leader_ids))
    if exclude:
        others = others.exclude(pk=exclude)
    found = []
    for other in with_people(others.distinct()):
        if not overlaps(starts, ends, other.starts, other.ends):
            continue
        when = f"{other.starts:%H:%M}–{other.ends:%H:%M} {weekday_label(other.date)}"
        for leader in other.leaders.all():
            if leader.pk in leader_ids:
                message = f"{leader} đã có lịch “{other.content[:60]}” ({when})."
                found.append(Conflict("leader", message, other))
        if room is not None and other.room_id == room.pk:
            message = f"{room.name} đã được đặt cho “{other.content[:60]}” ({when})."
            found.append(Conflict("room", message, other))
    return found


def conflicts_in(entries: list[ScheduleEntry]) -> dict[int, list[str]]:
    """The conflicts among a week's entries, by entry id, for the drafting page
    (computed in memory from the entries already read)."""
    live = [e for e in entries if not e.cancelled]
    found: dict[int, list[str]] = {}
    for entry in live:
        leaders = {leader.pk for leader in entry.leaders.all()}
        for other in live:
            if other.pk == entry.pk or other.date != entry.date:
                continue
            if not overlaps(entry.starts, entry.ends, other.starts, other.ends):
                continue
            shared = [str(leader) for leader in other.leaders.all() if leader.pk in leaders]
            if shared:
                found.setdefault(entry.pk, []).append(f"{', '.join(shared)} trùng lịch với “{other.content[:50]}”.")
            if entry.room_id and entry.room_id == other.room_id:
                found.setdefault(entry.pk, []).append(f"Trùng phòng {entry.room} với “{other.content[:50]}”.")
    return found


def rooms_of(agency: Agency, *, active_only: bool = True) -> QuerySet[Room]:
    rooms = Room.objects.filter(agency=agency)
    return rooms.filter(active=True) if active_only else rooms


def feed_entries(agency: Agency, user: User | None) -> QuerySet[ScheduleEntry]:
    """A calendar feed's entries: the agency's published weeks from eight weeks
    back; a personal feed only those the person chairs, attends or accompanies."""
    since = monday_of(timezone.localdate()) - timedelta(weeks=8)
    entries = ScheduleEntry.objects.filter(week__agency=agency, week__status=WeekStatus.PUBLISHED, date__gte=since)
    if user is not None:
        mine = Q(leaders=user) | Q(participant_people=user) | Q(accompanying=user)
        entries = entries.filter(pk__in=ScheduleEntry.objects.filter(mine).values("pk"))
    return with_people(entries)


@dataclass(frozen=True)
class RoomBookings:
    room: Room
    bookings: list[ScheduleEntry]


def room_bookings(agency: Agency, start: date, days: int) -> list[RoomBookings]:
    """Each room of the agency with the entries holding it from `start` for
    `days` days (any status but cancelled): two queries."""
    rooms = list(Room.objects.filter(agency=agency).select_related("keeper").order_by("-active", "name"))
    held = ScheduleEntry.objects.filter(
        room__in=rooms, date__gte=start, date__lt=start + timedelta(days=days), cancelled=False
    ).select_related("week")
    by_room: dict[int, list[ScheduleEntry]] = {}
    for entry in sorted(held, key=lambda e: (e.date, e.starts)):
        by_room.setdefault(entry.room_id or 0, []).append(entry)
    return [RoomBookings(room, by_room.get(room.pk, [])) for room in rooms]
