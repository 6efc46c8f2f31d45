"""Tasks (nhiệm vụ): the daily jobs over the issue's 100k open tasks (goal: each
under 10 s), a section of bench.run (`--only tasks`).

The reminders job (`operations.tasking.reminders.send_task_reminders`): a third
of the tasks overdue, a third due soon, the rest later, led by 1,000 people and
the units (their heads); the assigners are the leaders. Then the notifications'
daily digest (`notifications.mail.send_digests`, mail to the locmem backend):
one mail per person with what the reminders left them. Each job is run twice:
the second run must send nothing (it remembers what it sent).

Baseline, in the same process: the rows each job reads, selected with the same
SQL through a cursor (the reminders' candidate tasks; the digest's pending
notifications), so the ratio is what the job adds to reading its input."""

import time
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from .dataset import Organisation

GOAL_S = 10.0
PEOPLE = 1000


def load(org: Organisation, count: int) -> dict:
    """`count` open tasks in a new agency's five units, bulk-inserted."""
    from eoffice.operations.models import Task, TaskStatus
    from eoffice.organisation.models import Agency, Membership, Role, Unit, User

    started = time.perf_counter()
    agency = Agency.objects.create(name="Sở Nội vụ (nhiệm vụ)", short_name="SNV")
    units = [Unit.objects.create(agency=agency, name=f"Phòng {i}", abbreviation=f"P{i}") for i in range(5)]
    users = User.objects.bulk_create(
        User(username=f"nv{n}", full_name=f"Người {n}", email=f"nv{n}@example.vn") for n in range(PEOPLE + 6)
    )
    leader, heads, people = users[0], users[1:6], users[6:]
    Membership.objects.create(user=leader, agency=agency, role=Role.LEADER)
    for head, unit in zip(heads, units, strict=True):
        Membership.objects.create(user=head, agency=agency, role=Role.UNIT_HEAD, unit=unit)
    today = timezone.localdate()
    rows = (
        Task(
            agency=agency, title=f"Nhiệm vụ {n}", assigner=leader, created_by=leader, assigned_on=today - timedelta(days=30),
            lead_unit=None if n % 2 else units[n % 5], lead_person=people[n % PEOPLE] if n % 2 else None,
            status=TaskStatus.IN_PROGRESS if n % 4 else TaskStatus.ASSIGNED,
            deadline=today + timedelta(days=(n % 3 - 1) * (1 + n % 20)),
        )
        for n in range(count)
    )  # fmt: skip
    Task.objects.bulk_create(rows, batch_size=5000)
    return {"tasks": count, "people": PEOPLE + 6, "load_s": round(time.perf_counter() - started, 1)}


def nothing_sent(sent) -> bool:
    return not any(sent.values()) if isinstance(sent, dict) else not sent


def timed(function) -> tuple[object, float, int]:
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        result = function()
    return result, round(time.perf_counter() - started, 2), len(queries)


def selected(queryset) -> tuple[int, float]:
    """The baseline: `queryset`'s SQL through a cursor, every row fetched."""
    sql, params = queryset.query.sql_with_params()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = len(cursor.fetchall())
    return rows, round(time.perf_counter() - started, 2)


def job(name: str, run, baseline, log) -> dict:
    rows, raw_s = baseline()
    sent, first_s, queries = timed(run)
    again, repeat_s, _ = timed(run)
    case = {
        "job": name, "sent": sent, "first_s": first_s, "queries": queries, "repeat_sent": again, "repeat_s": repeat_s,
        "raw_rows": rows, "raw_s": raw_s, "ratio": round(first_s / raw_s, 1) if raw_s else None, "met": first_s < GOAL_S,
    }  # fmt: skip
    log(f"  tasks {name}: {sent} in {first_s} s ({queries} queries); again: {again} in {repeat_s} s; raw {rows:,} rows {raw_s} s")
    return case


def measure_tasks(org: Organisation, *, count: int, log) -> dict:
    from eoffice.notifications.mail import pending_for_digest, send_digests
    from eoffice.operations.models import Task
    from eoffice.operations.tasking.selectors import due_soon_q, overdue_q

    loaded = load(org, count)
    log(f"  tasks: {count:,} open tasks loaded in {loaded['load_s']} s")
    today = timezone.localdate()

    def candidates():
        reminded = Task.objects.filter(overdue_q(today) | due_soon_q(today)).values_list("pk", "title", "deadline")
        return selected(reminded)

    from eoffice.operations.tasking.reminders import send_task_reminders

    cases = [job("reminders", send_task_reminders, candidates, log)]
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        cases.append(job("digest", lambda: send_digests(today), lambda: selected(pending_for_digest(timezone.now())), log))
    return {
        **loaded,
        "cases": cases,
        "goal_s": GOAL_S,
        "met": all(c["met"] for c in cases),
        "idempotent": all(nothing_sent(c["repeat_sent"]) for c in cases),
    }
