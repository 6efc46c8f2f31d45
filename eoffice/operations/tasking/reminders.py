"""The daily reminders: each open task is reminded once when it becomes due soon
and once when it becomes overdue (for its current deadline: an extension may
bring a new reminder). What was sent is remembered in TaskReminder rows, written
in the same transaction as the notifications, so a retried or repeated run sends
nothing twice.

Set-based for 100k open tasks: one query per kind finds the tasks not reminded
yet, one query gives the lead units' heads, and the notifications and reminder
rows are bulk-inserted (notify() would cost one insert per task)."""

from collections import defaultdict
from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from eoffice.notifications.models import Notification
from eoffice.operations.models import ReminderKind, Task, TaskReminder
from eoffice.operations.tasking.selectors import due_soon_q, overdue_q
from eoffice.organisation.models import Membership, Role

BATCH = 5000
TITLES: dict[str, str] = {
    ReminderKind.DUE_SOON: "Nhiệm vụ sắp đến hạn ({deadline}): {title}",
    ReminderKind.OVERDUE: "Nhiệm vụ quá hạn ({deadline}): {title}",
}


@transaction.atomic
def send_task_reminders(on: date | None = None) -> dict[str, int]:
    """Remind the leads (and, when overdue, the assigner). Returns the number of
    tasks reminded per kind."""
    on = on or timezone.localdate()
    counts = {}
    for kind, condition in ((ReminderKind.OVERDUE, overdue_q(on)), (ReminderKind.DUE_SOON, due_soon_q(on))):
        counts[str(kind)] = _remind(kind, condition)
    return counts


def _remind(kind: str, condition: Q) -> int:
    sent = TaskReminder.objects.filter(task=OuterRef("pk"), kind=kind, deadline=OuterRef("deadline"))
    fields = ("pk", "agency_id", "title", "deadline", "lead_person_id", "lead_unit_id", "assigner_id")
    rows = list(Task.objects.filter(condition).filter(~Exists(sent)).values_list(*fields))
    heads = _unit_heads({row[5] for row in rows if row[4] is None and row[5] is not None})
    url = reverse("operations:task-detail", kwargs={"pk": 999999999}).replace("999999999", "{}")
    notes, marks = [], []
    for pk, agency_id, title, deadline, person, unit, assigner in rows:
        people = {person} if person is not None else set(heads.get(unit, ()))
        if kind == ReminderKind.OVERDUE:
            people.add(assigner)
        text = TITLES[kind].format(deadline=f"{deadline:%d/%m/%Y}", title=title)[:300]
        notes += [
            Notification(
                recipient_id=user, agency_id=agency_id, kind=f"operations.task_{kind}", title=text,
                url=url.format(pk), object_type="operations.task", object_id=str(pk),
            )
            for user in people
        ]  # fmt: skip
        marks.append(TaskReminder(task_id=pk, kind=kind, deadline=deadline))
    Notification.objects.bulk_create(notes, batch_size=BATCH)
    TaskReminder.objects.bulk_create(marks, batch_size=BATCH, ignore_conflicts=True)
    return len(marks)


def _unit_heads(unit_ids: set[int]) -> dict[int, list[int]]:
    heads: dict[int, list[int]] = defaultdict(list)
    memberships = Membership.objects.filter(unit_id__in=unit_ids, role=Role.UNIT_HEAD).values_list("unit_id", "user_id")
    for unit, user in memberships.iterator(chunk_size=BATCH):
        heads[unit].append(user)
    return heads
