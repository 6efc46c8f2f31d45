"""Background jobs of the home app (huey imports `<app>.tasks`)."""

from datetime import datetime

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from eoffice.home.leaders import refresh_overviews
from eoffice.home.on_time import warm_year_to_date


@db_periodic_task(crontab(hour="0", minute="5"))
def on_time_figures_nightly() -> int:
    """Just after midnight: each agency's on-time figures up to yesterday computed
    and cached (on_time.py), so the first leader of the day does not wait for them."""
    return warm_year_to_date()


def every_leader_panels_period(moment: datetime) -> bool:
    """Huey asks each minute: the minutes of the day that are multiples of
    EOFFICE_LEADER_PANELS_MINUTES (any period, unlike crontab's */n within an hour)."""
    return (moment.hour * 60 + moment.minute) % settings.EOFFICE_LEADER_PANELS_MINUTES == 0


@db_periodic_task(every_leader_panels_period)
def leader_panels_refresh() -> int:
    """Every EOFFICE_LEADER_PANELS_MINUTES: each hosted agency's late-by-unit
    figures recomputed and cached (home/leaders.py), so leaders read them."""
    return refresh_overviews()
