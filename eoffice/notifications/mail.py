"""The e-mails of notifications, through Django's mail framework (the backend
is configured in settings: a file per message under var/mail, the console, or
SMTP). Both jobs are idempotent: a notification is e-mailed at most once, a
person gets at most one digest a day, and each claim is written in the same
transaction as the sending, so a failure leaves it for the retry."""

import itertools
import logging
import operator
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any, NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

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


def _links() -> dict[str, str]:
    return {"all_url": site_url(reverse("notifications")), "settings_url": site_url(reverse("notification-settings"))}


def _send(to: str, subject: str, template: str, context: dict[str, Any]) -> None:
    context = {**context, **_links()}
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
PEOPLE_PER_BATCH = 20  # digests per transaction: it holds SQLite's write lock while they are sent
UPDATE_CHUNK = 5000  # notifications per emailed_at UPDATE


def pending_for_digest(now: datetime) -> QuerySet[Notification]:
    """Unread notifications not yet e-mailed, of people with an address, a
    person's together (the partial index notif_unsent)."""
    return (
        Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True, created_at__lte=now)
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "id")
    )


class Waiting(NamedTuple):
    """A notification as the digest lists it."""

    pk: int
    kind: str
    title: str
    created_at: datetime


Digest = tuple[Any, list[Waiting]]  # a person (a User) and what their digest lists


def send_digests(day: date, *, now: datetime | None = None) -> int:
    """The morning mail: for each person, what is waiting for them that they
    want in the digest (the default), once per day. A failed mail does not stop
    the others; the job then raises so that huey retries the rest.

    Over 100k notifications the items are the cost, not the people: the rows
    are read as tuples, each item's lines are written once in Python (the
    template's per-item loop and date filter cost 0.2 ms an item), and the
    claims and marks of PEOPLE_PER_BATCH people are written in one transaction."""
    now = now or timezone.now()
    people = _waiting(day, now)
    failed: list[int] = []
    templates = {name: get_template(f"notifications/email/digest.{name}") for name in ("txt", "html")}
    sent = 0
    while batch := list(itertools.islice(people, PEOPLE_PER_BATCH)):  # read outside the transaction
        batch_sent, batch_failed = _send_batch(day, batch, now, templates)
        sent, failed = sent + batch_sent, failed + batch_failed
    if failed:
        raise NotSent(f"{len(failed)} digest(s) not sent")
    return sent


def _waiting(day: date, now: datetime) -> Iterator[Digest]:
    """Each person with an address who has not had today's digest, and what
    they want in it (their other choices left out), oldest first."""
    elsewhere = set(Preference.objects.exclude(channel=Channel.DIGEST).values_list("user_id", "group"))
    done = set(DigestRun.objects.filter(day=day).values_list("user_id", flat=True))
    pending = pending_for_digest(now)
    users = {user.pk: user for user in get_user_model().objects.filter(pk__in=pending.order_by().values("recipient_id"))}
    rows = pending.values_list("recipient_id", "pk", "kind", "title", "created_at").iterator(chunk_size=2000)
    for user_id, items in itertools.groupby(rows, key=operator.itemgetter(0)):
        wanted = [Waiting(*row[1:]) for row in items if (user_id, group_of(row[2])) not in elsewhere]
        if wanted and user_id not in done:
            yield users[user_id], wanted


def _send_batch(day: date, batch: list[Digest], now: datetime, templates: dict[str, Any]) -> tuple[int, list[int]]:
    """Each person's claim and mail in a savepoint (a refused mail undoes only
    its claim), then one UPDATE marks what was sent, all in one transaction: a
    notification is marked e-mailed only if its mail went, and a crash before
    the commit leaves the batch to the retry."""
    emailed: list[int] = []
    failed: list[int] = []
    sent = 0
    with transaction.atomic():
        for user, rows in batch:
            try:
                with transaction.atomic():
                    DigestRun.objects.create(user=user, day=day, count=len(rows))
                    _send_digest(day, user, rows, templates)
            except IntegrityError:  # another run of the job claimed and sent it
                continue
            except Exception:  # a refused address or a mail server down: the retry tries again
                logger.exception("digest for user %s not sent", user.pk)
                failed.append(user.pk)
                continue
            emailed += [row.pk for row in rows]
            sent += 1
        for start in range(0, len(emailed), UPDATE_CHUNK):
            chunk = emailed[start : start + UPDATE_CHUNK]
            Notification.objects.filter(pk__in=chunk, emailed_at__isnull=True).update(emailed_at=now)
    return sent, failed


def _send_digest(day: date, user: Any, rows: list[Waiting], templates: dict[str, Any]) -> None:
    local = timezone.get_current_timezone()
    open_path = reverse("notification-open", args=[999999999]).split("999999999")
    lines: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        url = site_url(f"{open_path[0]}{row.pk}{open_path[1]}")
        at = f"{row.created_at.astimezone(local):%d/%m/%Y %H:%M}"
        group = lines.setdefault(group_of(row.kind), {"txt": [], "html": []})
        # What the templates' loop wrote for an item, character for character (HTML escaped as autoescape does).
        group["txt"].append(f"- {row.title} ({at})\n  {url}\n")
        group["html"].append(f'\n  <li><a href="{escape(url)}">{escape(row.title)}</a> <small>({at})</small></li>')
    groups = [
        {"label": LABELS[group], "txt": "".join(lines[group]["txt"]), "html": mark_safe("".join(lines[group]["html"]))}  # noqa: S308 - escaped above
        for group in sorted(lines)
    ]
    context = {"user": user, "day": day, "count": len(rows), "groups": groups, **_links()}
    subject = f"eOffice: {len(rows)} việc chờ đồng chí ngày {day:%d/%m/%Y}"
    message = EmailMultiAlternatives(subject, templates["txt"].render(context), None, [user.email])
    message.attach_alternative(templates["html"].render(context), "text/html")
    message.send()


def _item(row: Notification) -> dict[str, Any]:
    return {"title": row.title, "body": row.body, "at": timezone.localtime(row.created_at), "url": open_url(row)}
