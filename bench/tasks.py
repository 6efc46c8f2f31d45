"""Tasks (nhiệm vụ): the daily reminder job and the home page's task queries
over N open tasks, on the database DATABASE_URL names (default: a SQLite file
under EOFFICE_VAR_DIR). Not yet a section of bench.run:

    SECRET_KEY=bench EOFFICE_TASKS=immediate EOFFICE_VAR_DIR=var/bench-tasks python -m bench.tasks 100000

Builds one agency with five units, N tasks (bulk_create: a third overdue, a
third due soon, the rest later), then times `send_task_reminders()` (first run:
every overdue and due-soon task reminded; second run: nothing to send) and
`tasks_waiting_for(head).count()`, `late_by_unit(agency)`, `statistics(agency)`
(goal for the job: well under 10 s at 100k)."""

import os
import sys
import time
from datetime import timedelta

import django


def main(count: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eoffice.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from eoffice.operations.models import Task
    from eoffice.operations.tasking.reminders import send_task_reminders
    from eoffice.operations.tasking.selectors import late_by_unit, statistics, tasks_waiting_for
    from eoffice.organisation.models import Agency, Membership, Role, Unit, User
    from eoffice.organisation.selectors import build_actor

    call_command("migrate", verbosity=0)
    agency = Agency.objects.create(name=f"Bench {time.time()}")
    units = [Unit.objects.create(agency=agency, name=f"Phòng {i}", abbreviation=f"P{i}") for i in range(5)]
    leader = User.objects.create(username=f"bench-leader-{agency.pk}")
    Membership.objects.create(user=leader, agency=agency, role=Role.LEADER)
    head = User.objects.create(username=f"bench-head-{agency.pk}")
    Membership.objects.create(user=head, agency=agency, role=Role.UNIT_HEAD, unit=units[0])
    today = timezone.localdate()
    rows = [
        Task(agency=agency, title=f"Nhiệm vụ {n}", assigner=leader, created_by=leader, lead_unit=units[n % 5],
             assigned_on=today - timedelta(days=30), deadline=today + timedelta(days=(n % 3 - 1) * (1 + n % 20)))
        for n in range(count)
    ]  # fmt: skip
    started = time.perf_counter()
    Task.objects.bulk_create(rows, batch_size=5000)
    print(f"{count} tasks created in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    for run in ("first", "repeat"):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            sent = send_task_reminders()
        print(f"reminders ({run}): {sent} in {time.perf_counter() - started:.2f} s, {len(queries)} queries")
    actor = build_actor(head, agency)
    for name, call in (
        ("tasks_waiting_for(head).count()", lambda: tasks_waiting_for(actor).count()),
        ("late_by_unit(agency)", lambda: late_by_unit(agency)),
        ("statistics(agency)", lambda: statistics(agency)),
    ):
        timings = []
        for _ in range(20):
            started = time.perf_counter()
            call()
            timings.append(time.perf_counter() - started)
        timings.sort()
        print(f"{name}: median {timings[10] * 1000:.1f} ms, p95 {timings[18] * 1000:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
