"""The iCalendar feed (RFC 5545) of a secret address: a person's entries or the
whole agency's, published weeks only, in office time (Asia/Ho_Chi_Minh, with
its VTIMEZONE). A changed entry keeps its UID and raises its SEQUENCE; a
cancelled one stays with STATUS:CANCELLED, so calendar apps update or drop it."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

from eoffice.operations.models import CalendarFeed, ScheduleEntry
from eoffice.operations.schedule.selectors import feed_entries


def feed_path(token: str) -> str:
    return reverse("operations:schedule-feed", kwargs={"token": token})


def _event(entry: ScheduleEntry, zone: ZoneInfo) -> Event:
    event = Event()
    event.add("uid", f"schedule-entry-{entry.pk}@eoffice")
    event.add("dtstamp", entry.updated_at)
    event.add("last-modified", entry.updated_at)
    event.add("sequence", entry.sequence)
    event.add("dtstart", datetime.combine(entry.date, entry.starts, tzinfo=zone))
    event.add("dtend", datetime.combine(entry.date, entry.ends, tzinfo=zone))
    event.add("summary", ("[Điều chỉnh] " if entry.changed and not entry.cancelled else "") + entry.content)
    where = ", ".join(part for part in (entry.room.name if entry.room else "", entry.place) if part)
    if where:
        event.add("location", where)
    lines = [
        ("Chủ trì", ", ".join(str(user) for user in entry.leaders.all())),
        ("Thành phần", entry.participants),
        ("Chuẩn bị", entry.preparing_unit),
        ("Ghi chú", entry.note),
    ]
    event.add("description", "\n".join(f"{label}: {value}" for label, value in lines if value))
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    event.add("class", "PUBLIC" if entry.visibility == "public" else "PRIVATE")
    return event


def feed_calendar(feed: CalendarFeed) -> bytes:
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//eOffice//Lich cong tac tuan//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    owner = f" — {feed.user}" if feed.scope == CalendarFeed.Scope.PERSONAL else ""
    calendar.add("x-wr-calname", f"Lịch công tác {feed.agency.short_name or feed.agency.name}{owner}")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    person = feed.user if feed.scope == CalendarFeed.Scope.PERSONAL else None
    for entry in feed_entries(feed.agency, person):
        calendar.add_component(_event(entry, zone))
    calendar.add_missing_timezones()
    return calendar.to_ical()
