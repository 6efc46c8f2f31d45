"""Background jobs of the exchange (huey imports `<app>.tasks`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from eoffice.exchange.inbox import poll_inbox
from eoffice.exchange.models import SendState, SentStatus


class NotSent(Exception):
    """Raised so that huey retries a status package the transport refused."""


@db_periodic_task(crontab(minute="*"))
def poll_inbox_task() -> int:
    """Every minute: the packages dropped into the inbox folder are received."""
    return len(poll_inbox())


@db_task(retries=3, retry_delay=60)
def send_status_task(status_id: int) -> None:
    from eoffice.exchange.statuses import send_status

    status = SentStatus.objects.select_related("package", "envelope").filter(pk=status_id).first()
    if status is not None and send_status(status).state == SendState.FAILED:
        raise NotSent(f"status package {status.message_id} not sent")
