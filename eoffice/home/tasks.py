"""Background jobs of the home app (huey imports `<app>.tasks`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from eoffice.home.on_time import warm_year_to_date


@db_periodic_task(crontab(hour="0", minute="5"))
def on_time_figures_nightly() -> int:
    """Just after midnight: each agency's on-time figures up to yesterday computed
    and cached (on_time.py), so the first leader of the day does not wait for them."""
    return warm_year_to_date()
