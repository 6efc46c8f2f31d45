"""The one way every module tells someone that something waits for them, and
what a person does with their own notifications (read them, choose how they
are e-mailed). Marking read is personal state, not a step on a record: it is
not audited."""

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from eoffice.notifications.kinds import LABELS, group_of
from eoffice.notifications.models import Channel, Notification, Preference


def notify(recipients: Iterable[Any], **what: Any) -> list[Notification]:
    """Write one notification per distinct recipient (a user or a user's id;
    not `exclude`, usually the person who acted: nobody is told of their own
    step), in one insert; `what` are prepare()'s keywords (agency, kind, title,
    url, body, obj, exclude). Call inside the service's transaction so that a
    rolled-back step notifies nobody; those who asked for immediate e-mail get
    it from a job once the step commits."""
    return send(prepare(recipients, **what))


def prepare(
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
    """notify()'s rows, unsaved: a step that tells different people different
    things (the lead unit, the informed) sends them all with one send()."""
    excluded = getattr(exclude, "pk", exclude)
    ids = [pk for pk in dict.fromkeys(getattr(user, "pk", user) for user in recipients) if pk is not None and pk != excluded]
    common = {
        "agency": agency,
        "kind": kind,
        "title": title,
        "url": url,
        "body": body,
        "object_type": obj._meta.label_lower if obj is not None else "",
        "object_id": str(obj.pk) if obj is not None else "",
    }
    return [Notification(recipient_id=pk, **common) for pk in ids]


def send(rows: list[Notification]) -> list[Notification]:
    """Insert prepared rows in one statement, one per person and record (the
    first prepared wins), and queue the immediate e-mails."""
    seen: set[tuple[int, str, str]] = set()
    unique = []
    for row in rows:
        key = (row.recipient_id, row.object_type, row.object_id or str(id(row)))
        if key not in seen:
            seen.add(key)
            row.normalise_text()
            unique.append(row)
    if not unique:
        return []
    created = Notification.objects.bulk_create(unique)
    _email_now(created)
    return created


def _email_now(rows: list[Notification]) -> None:
    """Queue the e-mail of those whose preference for this kind is "immediate"
    (one small indexed read), after the commit: a rolled-back step sends nothing."""
    groups = {group_of(row.kind) for row in rows}
    wanted = set(
        Preference.objects.filter(
            user_id__in={row.recipient_id for row in rows}, group__in=groups, channel=Channel.IMMEDIATE
        ).values_list("user_id", "group")
    )
    _queue_immediate([row.pk for row in rows if (row.recipient_id, group_of(row.kind)) in wanted])


def email_now_written(rows: QuerySet[Notification], group: str) -> None:
    """send()'s immediate e-mails for rows a job wrote in bulk without it (the
    task reminders' INSERT … SELECT): `rows` select what it wrote, all of one group."""
    wanted = Preference.objects.filter(group=group, channel=Channel.IMMEDIATE).values("user_id")
    _queue_immediate(list(rows.filter(recipient_id__in=wanted).values_list("pk", flat=True)))


def _queue_immediate(ids: list[int]) -> None:
    if ids:
        from eoffice.notifications.tasks import send_immediate_task

        transaction.on_commit(lambda: send_immediate_task(ids))


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


def preferences_of(user: Any) -> dict[str, str]:
    """Every group with the user's channel for it (the digest where none is set)."""
    chosen = dict(Preference.objects.filter(user=user).values_list("group", "channel"))
    return {group: chosen.get(group, Channel.DIGEST) for group in LABELS}


@transaction.atomic
def preferences_set(user: Any, choices: dict[str, str]) -> None:
    """Store the user's channel per group; unknown groups and channels are
    refused by the form or the API body before this. Not audited: it decides
    only how the user's own mail reaches them."""
    for group, channel in choices.items():
        Preference.objects.update_or_create(user=user, group=group, defaults={"channel": channel})
