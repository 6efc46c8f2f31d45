"""The one way every module tells someone that something waits for them."""

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from eoffice.notifications.models import Notification


def notify(
    recipients: Iterable[Any],
    *,
    agency: Any,
    kind: str,
    title: str,
    url: str = "",
    body: str = "",
    obj: models.Model | None = None,
    exclude: Any = None,
) -> list[Notification]:
    """Write one notification per distinct recipient (not `exclude`, usually the
    person who acted: nobody is told of their own step). Call inside the
    service's transaction so that a rolled-back step notifies nobody."""
    seen: set[int] = set()
    rows = []
    for user in recipients:
        if user is None or user.pk in seen or (exclude is not None and user.pk == exclude.pk):
            continue
        seen.add(user.pk)
        rows.append(
            Notification(
                recipient=user,
                agency=agency,
                kind=kind,
                title=title,
                url=url,
                body=body,
                object_type=obj._meta.label_lower if obj is not None else "",
                object_id=str(obj.pk) if obj is not None else "",
            )
        )
    for row in rows:
        row.normalise_text()
    return Notification.objects.bulk_create(rows)


@transaction.atomic
def mark_read(user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the user's unread notifications read (all, or those of `ids`);
    another person's ids are ignored. Returns how many changed."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())


def unread_count(user: Any) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
