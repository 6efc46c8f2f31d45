"""Background jobs of the core app (huey imports `<app>.tasks`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from eoffice.core.database import refresh_statistics


@db_periodic_task(crontab(hour="1", minute="0"))  # type: ignore[untyped-decorator]  # huey ships no type information
def database_statistics_nightly() -> bool:
    """Each night, when nobody registers: the planner's statistics (database.py)."""
    return refresh_statistics()
