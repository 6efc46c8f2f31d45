"""Background jobs of the exchange (huey imports `<app>.tasks`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from eoffice.exchange import sending
from eoffice.exchange.inbox import poll_inbox


@db_periodic_task(crontab(minute="*"))
def poll_inbox_task() -> int:
    """Every minute: the packages dropped into the inbox folder are received."""
    return len(poll_inbox())


@db_task()
def send_dispatch_task(dispatch_id: int) -> None:
    """One package, right after the transaction that queued it commits."""
    sending.attempt(dispatch_id)


@db_periodic_task(crontab(minute="*"))
def send_due_task() -> int:
    """Every minute: the packages whose retry is due, or whose worker died."""
    return sum(sending.attempt(pk) is not None for pk in sending.due())
