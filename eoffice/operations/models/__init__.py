"""The models of each part of the operations app, one module per part."""

from eoffice.operations.models.schedule import CalendarFeed, EntryChange, Room, ScheduleEntry, WeekSchedule  # noqa: F401
