"""The e-mails of notifications, through Django's mail framework (the backend
is configured in settings: a file per message under var/mail, the console, or
SMTP). Both jobs are idempotent: a notification is e-mailed at most once, a
person gets at most one digest a day, and each claim is written in the same
transaction as the sending, so a failure leaves it for the retry."""

import itertools
import logging
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from eoffice.notifications.kinds import LABELS, group_of
from eoffice.notifications.models import Channel, DigestRun, Notification, Preference

logger = logging.getLogger(__name__)


class NotSent(Exception):
    """Some digests failed: huey retries the job, which skips those sent."""


def site_url(path: str) -> str:
    return settings.EOFFICE_PUBLIC_URL.rstrip("/") + path


def open_url(notification: Notification) -> str:
    """The link in a mail opens the record and marks the notification read."""
    return site_url(reverse("notification-open", args=[notification.pk]))


def _send(to: str, subject: str, template: str, context: dict[str, Any]) -> None:
    links = {"all_url": site_url(reverse("notifications")), "settings_url": site_url(reverse("notification-settings"))}
    context = {**context, **links}
    text = render_to_string(f"notifications/email/{template}.txt", context)
    message = EmailMultiAlternatives(subject, text, None, [to])
    message.attach_alternative(render_to_string(f"notifications/email/{template}.html", context), "text/html")
    message.send()


# --------------------------------------------------------------------------- immediate
def send_immediate(ids: Iterable[int]) -> int:
    """One mail per notification still unread and not e-mailed, to a person
    with an address. Returns how many were sent."""
    sent = 0
    for pk in ids:
        with transaction.atomic():
            row = (
                Notification.objects.select_for_update(of=("self",))
                .select_related("recipient")
                .filter(pk=pk, emailed_at__isnull=True, read_at__isnull=True)
                .exclude(recipient__email="")
                .first()
            )
            if row is None:
                continue
            row.emailed_at = timezone.now()
            row.save(update_fields=["emailed_at"])
            _send(row.recipient.email, f"eOffice: {row.title}", "immediate", {"user": row.recipient, "item": _item(row)})
            sent += 1
    return sent


# --------------------------------------------------------------------------- digest
def pending_for_digest(now: datetime) -> QuerySet[Notification]:
    """Unread notifications not yet e-mailed, of people with an address, a
    person's together (the partial index notif_unsent)."""
    return (
        Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True, created_at__lte=now)
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "id")
    )


def send_digests(day: date, *, now: datetime | None = None) -> int:
    """The morning mail: for each person, what is waiting for them that they
    want in the digest (the default), once per day. A failed mail does not stop
    the others; the job then raises so that huey retries the rest."""
    now = now or timezone.now()
    elsewhere = set(Preference.objects.exclude(channel=Channel.DIGEST).values_list("user_id", "group"))
    done = set(DigestRun.objects.filter(day=day).values_list("user_id", flat=True))
    sent, failed = 0, []
    rows = pending_for_digest(now).iterator(chunk_size=2000)
    for user_id, items in itertools.groupby(rows, key=lambda row: row.recipient_id):
        wanted = [row for row in items if (user_id, group_of(row.kind)) not in elsewhere]
        if not wanted or user_id in done:
            continue
        try:
            sent += _send_digest(day, wanted, now)
        except Exception:  # a refused address or a mail server down: the retry tries again
            logger.exception("digest for user %s not sent", user_id)
            failed.append(user_id)
    if failed:
        raise NotSent(f"{len(failed)} digest(s) not sent")
    return sent


@transaction.atomic
def _send_digest(day: date, rows: list[Notification], now: datetime) -> int:
    user = rows[0].recipient
    run, created = DigestRun.objects.get_or_create(user=user, day=day, defaults={"count": len(rows)})
    if not created:  # another run of the job sent it
        return 0
    Notification.objects.filter(pk__in=[row.pk for row in rows], emailed_at__isnull=True).update(emailed_at=now)
    groups = [
        {"label": LABELS[group], "items": [_item(row) for row in items]}
        for group, items in itertools.groupby(sorted(rows, key=lambda r: group_of(r.kind)), key=lambda r: group_of(r.kind))
    ]
    subject = f"eOffice: {len(rows)} việc chờ đồng chí ngày {day:%d/%m/%Y}"
    _send(user.email, subject, "digest", {"user": user, "day": day, "count": len(rows), "groups": groups})
    return 1


def _item(row: Notification) -> dict[str, Any]:
    return {"title": row.title, "body": row.body, "at": timezone.localtime(row.created_at), "url": open_url(row)}
