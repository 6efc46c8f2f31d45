"""A proposed inbox query and indexes, measured on the benchmark database only.

The application is not changed: the indexes are created in the throw-away
benchmark database after the current code has been measured, and dropped again
before the next size is loaded.

Why (see docs/benchmarks.md for the plans):
- On SQLite, `filter(is_open=True)` renders as a bare `"is_open"` term, which
  SQLite cannot match to the second column of the (user, is_open, -priority,
  deadline) index: it scans every assignment of the person and sorts. A partial
  index WHERE "is_open" is matched, and returns the rows already in order.
- Nothing serves the done tab's ORDER BY completed_at: every finished task of the
  person is joined and sorted for 50 rows (half a million for a leader).
- The unit head's `user = me OR (unit = mine AND user IS NULL)` cannot be read
  in order from one index on either engine: both sort all open rows of the unit.
  Taking the first page of each branch from its own index (LIMIT 50 each) and
  ordering those ≤ 100 rows keeps the page O(page size). One query still:
  `pk IN (branch UNION ALL branch)` on PostgreSQL; SQLite allows no LIMIT inside
  a compound SELECT, so there `pk IN (branch) OR pk IN (branch)`, which SQLite
  plans well (and PostgreSQL badly: hashed subplans over a sequential scan).
"""

from django.db import connection
from django.db.models import Index, Q
from django.test.utils import CaptureQueriesContext

from eoffice.incoming.models import Assignment, AssignmentKind
from eoffice.organisation.selectors import Actor, today

from .measure import MIN_SAMPLES, PAGE, explain, run_variants, timing

PROPOSED_INDEXES = [
    Index(fields=["user", "-priority", "deadline", "id"], condition=Q(is_open=True), name="assignment_open_user"),
    Index(
        fields=["unit", "-priority", "deadline", "id"], condition=Q(is_open=True, user__isnull=True), name="assignment_open_unit"
    ),
    Index(fields=["user", "-completed_at", "-id"], condition=Q(is_open=False), name="assignment_done_user"),
    Index(fields=["unit", "-completed_at", "-id"], condition=Q(is_open=False, user__isnull=True), name="assignment_done_unit"),
]


def proposed_inbox_assignments(actor: Actor, tab: str, *, limit: int = PAGE):
    """Same rows and order as inbox_assignments(actor, tab)[:limit] (waiting,
    overdue and done tabs), reading at most `limit` rows per branch. For page
    n, pass limit = n * PAGE and slice [(n - 1) * PAGE:]."""
    base = Assignment.objects.filter(document__agency=actor.agency)
    if tab == "done":
        base = base.filter(is_open=False).exclude(status="cancelled")
        order = ("-completed_at", "-id")
    else:
        base = base.filter(is_open=True)
        if tab == "overdue":
            base = base.filter(deadline__lt=today()).exclude(kind=AssignmentKind.INFORM)
        order = ("-priority", "deadline", "id")
    branches = [base.filter(user_id__in=list(actor.acting_user_ids))]
    if actor.head_unit_ids:
        branches.append(base.filter(unit_id__in=list(actor.head_unit_ids), user__isnull=True))
    firsts = [b.order_by(*order).values("pk")[:limit] for b in branches]
    if len(firsts) == 1:
        wanted = Q(pk__in=firsts[0])
    elif connection.features.supports_slicing_ordering_in_compound:
        wanted = Q(pk__in=firsts[0].union(*firsts[1:], all=True))
    else:
        wanted = Q()
        for first in firsts:
            wanted |= Q(pk__in=first)
    return Assignment.objects.filter(wanted).select_related("document", "unit", "user").order_by(*order)


def proposed_page(actor: Actor, tab: str) -> list:
    rows = list(proposed_inbox_assignments(actor, tab)[:PAGE])
    for row in rows:
        row.document.subject  # noqa: B018 - touch the related row
    return rows


def _create_statements() -> list[str]:
    editor = connection.schema_editor(collect_sql=True)  # not entered: SQL only, no constraint checks
    return [str(index.create_sql(Assignment, editor)) for index in PROPOSED_INDEXES]


def measure_proposal(personas: dict, tabs, current_ids: dict, *, repeat: int, budget_s: float, with_plan: bool, log) -> dict:
    """Create the indexes, time proposed_page() for every persona and tab, drop them."""
    statements = _create_statements()
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else f"ANALYZE {Assignment._meta.db_table}")
    cases = []
    try:
        for persona, actor in personas.items():
            for tab in tabs:
                rows = proposed_page(actor, tab)
                with CaptureQueriesContext(connection) as ctx:
                    proposed_page(actor, tab)
                run_variants([lambda a=actor, t=tab: proposed_page(a, t)], repeat=10, budget_s=budget_s / 5, min_samples=2)
                (samples,) = run_variants(
                    [lambda a=actor, t=tab: proposed_page(a, t)], repeat=repeat, budget_s=budget_s, min_samples=MIN_SAMPLES
                )
                case = {
                    "persona": persona,
                    "tab": tab,
                    "queries": len(ctx.captured_queries),
                    "same_rows_as_current": [r.id for r in rows] == current_ids[(persona, tab)],
                    "proposed": timing(samples),
                }
                if with_plan:
                    qs = proposed_inbox_assignments(actor, tab)[:PAGE]
                    sql, params = qs.query.get_compiler(using=qs.db).as_sql()
                    case["plan"] = explain(sql, list(params))
                cases.append(case)
                log(
                    f"  proposed {persona}/{tab}: p50 {case['proposed']['p50_ms']:.2f} ms "
                    f"p95 {case['proposed']['p95_ms']:.2f} ms, {case['queries']} queries, "
                    f"same rows: {case['same_rows_as_current']}"
                )
    finally:
        with connection.cursor() as cursor:
            for index in PROPOSED_INDEXES:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(index.name)}")
    return {"indexes": statements, "cases": cases}
