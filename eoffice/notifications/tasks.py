"""The notification e-mails' jobs on the existing queue (huey finds them in
<app>.tasks): one after a step commits, for those who want mail at once; the
daily digest at EOFFICE_DIGEST_HOUR, local time. Both are retried, and
idempotent (notifications/mail.py)."""

from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from eoffice.notifications.mail import send_digests, send_immediate


@db_task(retries=3, retry_delay=60)
def send_immediate_task(ids: list[int]) -> None:
    send_immediate(ids)


def digest_due(moment: datetime) -> bool:
    """Huey asks every minute with its clock (naive UTC unless configured
    otherwise); the digest goes at the top of EOFFICE_DIGEST_HOUR here."""
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC) if HUEY.utc else timezone.make_aware(moment)
    local = timezone.localtime(moment)
    return local.hour == settings.EOFFICE_DIGEST_HOUR and local.minute == 0


@db_periodic_task(digest_due, retries=3, retry_delay=300)
def digest_task() -> None:
    send_digests(timezone.localdate())
