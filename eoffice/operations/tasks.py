"""Background jobs of the operations app (huey imports `<app>.tasks`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from eoffice.operations.tasking.reminders import send_task_reminders


@db_periodic_task(crontab(hour="6", minute="30"))
def task_reminders_daily() -> dict[str, int]:
    """Each morning: due-soon and overdue tasks reminded once each (tasking/reminders.py)."""
    return send_task_reminders()
