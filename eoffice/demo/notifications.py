"""The demo's notifications: the stories play every step through the services,
which notify as they go (dated by the story's clock), so a year of bell items
exists. People read their bell: what is older than a few days is marked read
(two hours after it came), and every demo login keeps a handful unread."""

from datetime import datetime, timedelta

from django.db.models import F

from eoffice.demo.catalog import LOGINS
from eoffice.notifications.models import Notification

RECENT_DAYS = 3
AT_LEAST_UNREAD = 4


def notifications_settle(now: datetime) -> None:
    Notification.objects.filter(read_at__isnull=True, created_at__lt=now - timedelta(days=RECENT_DAYS)).update(
        read_at=F("created_at") + timedelta(hours=2)
    )
    for username, _ in LOGINS:
        mine = Notification.objects.filter(recipient__username=username)
        if mine.filter(read_at__isnull=True).count() < AT_LEAST_UNREAD:
            latest = list(mine.order_by("-created_at", "-id").values_list("pk", flat=True)[:AT_LEAST_UNREAD])
            Notification.objects.filter(pk__in=latest).update(read_at=None)
