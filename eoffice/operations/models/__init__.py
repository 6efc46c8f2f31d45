"""The models of each part of the operations app, one module per part."""

from eoffice.operations.models.meetings import (  # noqa: F401  # re-exported
    Conclusion,
    Invitation,
    Meeting,
    MeetingPaper,
    MeetingStatus,
    Reply,
)
from eoffice.operations.models.schedule import CalendarFeed, EntryChange, Room, ScheduleEntry, WeekSchedule  # noqa: F401
from eoffice.operations.models.tasks import (  # noqa: F401  # re-exported
    DONE_TASK_STATUSES,
    OPEN_TASK_STATUSES,
    ExtensionRequest,
    ExtensionStatus,
    ProgressReport,
    Recurrence,
    ReminderKind,
    Task,
    TaskDeadlineChange,
    TaskFile,
    TaskGrant,
    TaskPriority,
    TaskReminder,
    TaskSource,
    TaskStatus,
    TaskTrace,
)
