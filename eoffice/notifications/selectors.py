"""Reads of a person's own notifications: the list (page and API) and one
notification by id, never another person's."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from eoffice.notifications.models import Notification


def notifications_of(user: Any, *, unread_only: bool = False) -> QuerySet[Notification]:
    """Newest first (the notif_unread index), with the agency for people of several."""
    rows = Notification.objects.filter(recipient=user).select_related("agency")
    return rows.filter(read_at__isnull=True) if unread_only else rows


def notification_of(user: Any, pk: int) -> Notification:
    """The user's notification, else 404: another person's is not there for them."""
    row = Notification.objects.filter(recipient=user, pk=pk).first()
    if row is None:
        raise Http404("Không có thông báo này.")
    return row
