"""The daily reminders: each open task is reminded once when it becomes due soon
and once when it becomes overdue (for its current deadline: an extension may
bring a new reminder). What was sent is remembered in TaskReminder rows, written
in the same transaction as the notifications, so a retried or repeated run sends
nothing twice.

Set-based for 100k open tasks: the database writes the rows. Per kind, one
`INSERT … SELECT` writes the notifications (the lead person, or the heads of the
lead unit through a join with the memberships, and the assigner when overdue)
and one writes the reminder marks, both SELECTs compiled by the ORM from the
same queryset of tasks not reminded yet. Building the rows in Python and
bulk-inserting them cost 40 s over 100k tasks; notify() one insert per task.
Those who chose immediate e-mail for the operations group get it once the run
commits (the digest skips them), as send() would do."""

from datetime import date, datetime
from typing import Any

from django.db import connection, models, transaction
from django.db.models import CharField, DateTimeField, Exists, F, Func, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat, Left
from django.urls import reverse
from django.utils import timezone

from eoffice.notifications.models import Notification
from eoffice.notifications.services import email_now_written
from eoffice.operations.models import ReminderKind, Task, TaskReminder
from eoffice.operations.tasking.selectors import due_soon_q, overdue_q
from eoffice.organisation.models import Role

TITLES: dict[str, str] = {
    ReminderKind.DUE_SOON: "Nhiệm vụ sắp đến hạn ({deadline}): {title}",
    ReminderKind.OVERDUE: "Nhiệm vụ quá hạn ({deadline}): {title}",
}
TITLE_LENGTH = 300  # Notification.title's max_length
NOTIFICATION_COLUMNS = ("recipient", "agency", "kind", "title", "body", "url", "object_type", "object_id", "created_at")
MARK_COLUMNS = ("task", "kind", "deadline", "sent_at")


@transaction.atomic
def send_task_reminders(on: date | None = None) -> dict[str, int]:
    """Remind the leads (and, when overdue, the assigner). Returns the number of
    tasks reminded per kind."""
    on = on or timezone.localdate()
    now = timezone.now()
    counts = {}
    for kind, condition in ((ReminderKind.OVERDUE, overdue_q(on)), (ReminderKind.DUE_SOON, due_soon_q(on))):
        counts[str(kind)] = _remind(kind, condition, now)
    return counts


def _remind(kind: str, condition: Q, now: datetime) -> int:
    sent = TaskReminder.objects.filter(task=OuterRef("pk"), kind=kind, deadline=OuterRef("deadline"))
    due = Task.objects.filter(condition).filter(~Exists(sent)).order_by()
    # The notifications first: the marks would hide the tasks from their SELECT.
    _insert(Notification, NOTIFICATION_COLUMNS, _notifications(due, kind, now))
    email_now_written(Notification.objects.filter(kind=f"operations.task_{kind}", created_at=now), "operations")
    marks = _columns(due, task=F("pk"), kind=Value(kind), deadline=F("deadline"), sent_at=_at(now))
    return _insert(TaskReminder, MARK_COLUMNS, marks, " ON CONFLICT DO NOTHING")


def _notifications(due: QuerySet[Task], kind: str, now: datetime) -> QuerySet[Task]:
    """One row per task and person: the lead person, else each head of the lead
    unit; the assigner too when overdue. UNION drops the repeats (an assigner
    who leads the task is told once): the other columns depend on the task."""
    before, rest = TITLES[kind].split("{deadline}")
    middle, after = rest.split("{title}")
    title = Concat(Value(before), DayMonthYear("deadline"), Value(middle), "title", Value(after), output_field=CharField())
    url = reverse("operations:task-detail", kwargs={"pk": 999999999}).split("999999999")
    what = {
        "agency": F("agency_id"),
        "kind": Value(f"operations.task_{kind}"),
        "title": Left(title, TITLE_LENGTH),
        "body": Value(""),
        "url": Concat(Value(url[0]), Cast("pk", CharField()), Value(url[1]), output_field=CharField()),
        "object_type": Value("operations.task"),
        "object_id": Cast("pk", CharField()),
        "created_at": _at(now),
    }
    people = _columns(due.filter(lead_person__isnull=False), recipient=F("lead_person_id"), **what)
    # The join with the memberships: one row per head of the lead unit.
    heads = due.filter(lead_person__isnull=True, lead_unit__memberships__role=Role.UNIT_HEAD)
    rows = [people, _columns(heads, recipient=F("lead_unit__memberships__user_id"), **what)]
    if kind == ReminderKind.OVERDUE:
        rows.append(_columns(due, recipient=F("assigner_id"), **what))
    return rows[0].union(*rows[1:])


def _columns(tasks: QuerySet[Task], **columns: Any) -> QuerySet[Task]:
    """The SELECT of an INSERT: exactly these columns, in this order (aliased, as
    a task's own fields may share the names of the columns written)."""
    aliased = {f"c_{name}": expression for name, expression in columns.items()}
    return tasks.annotate(**aliased).values_list(*aliased)


def _insert(model: type[models.Model], columns: tuple[str, ...], rows: QuerySet[Any], suffix: str = "") -> int:
    """INSERT INTO the model's table the rows the queryset selects; returns how
    many were written."""
    quote = connection.ops.quote_name
    column = {field.name: field.column for field in model._meta.concrete_fields if field.column}
    names = ", ".join(quote(column[name]) for name in columns)
    select, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(model._meta.db_table)} ({names}) {select}{suffix}", params)
        return cursor.rowcount


def _at(moment: datetime) -> Value:
    return Value(moment, output_field=DateTimeField())


class DayMonthYear(Func):
    """A date as dd/mm/yyyy, formatted by the database."""

    function = "to_char"
    template = "%(function)s(%(expressions)s, 'DD/MM/YYYY')"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        # The format as a parameter: its % signs need no escaping.
        formatted = Func(Value("%d/%m/%Y"), *self.get_source_expressions(), function="strftime", output_field=CharField())
        return formatted.as_sql(compiler, connection)
