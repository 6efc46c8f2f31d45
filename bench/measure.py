"""The measurements. Every figure has a baseline run in the same process on
the same connection: hand-written SQL doing the same work, so that results are
reported as ratios and not only as times of one machine."""

import random
import threading
import time
from datetime import timedelta

from django.core.paginator import Paginator
from django.db import connection, models, transaction
from django.db.models import Count, Max, Min
from django.test.utils import CaptureQueriesContext

from eoffice.audit.models import AuditEvent
from eoffice.incoming.models import Assignment, IncomingDocument, TraceEntry
from eoffice.incoming.receiving.services import incoming_register
from eoffice.incoming.selectors import inbox_assignments, inbox_counts, inbox_items
from eoffice.organisation.models import Agency, Unit, User
from eoffice.organisation.selectors import Actor, build_actor, today
from eoffice.registers.models import Register, RegisterKind

from .dataset import ORGANS, PLACES, TOPICS

PAGE = 50
MIN_SAMPLES = 20  # a case stops after its time budget, but not before this many runs
VIEW_MIN_SAMPLES = 10
TABS = ("waiting", "overdue", "done")


def percentile(values: list[float], p: float) -> float:
    """Linear interpolation between closest ranks (like numpy's default)."""
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def timing(samples: list[float]) -> dict:
    ms = [s * 1000 for s in samples]
    return {
        "p50_ms": round(percentile(ms, 50), 3),
        "p95_ms": round(percentile(ms, 95), 3),
        "mean_ms": round(sum(ms) / len(ms), 3),
        "min_ms": round(min(ms), 3),
        "max_ms": round(max(ms), 3),
        "samples": len(ms),
    }


# ---------------------------------------------------------------- registration


def registration_data(seq: int, rng: random.Random) -> dict:
    """Form data as the clerk enters it (no files); `seq` makes the number unique."""
    organ, organ_id, organ_abbr, signer_position, signer = ORGANS[rng.randrange(len(ORGANS))]
    return {
        "type_name": "Công văn",
        "code_number": str(100_000 + seq),
        "code_notation": f"{organ_abbr}-VP",
        "issued_date": today() - timedelta(days=rng.randrange(0, 5)),
        "organ_name": organ,
        "organ_id": organ_id,
        "subject": f"Về việc {TOPICS[rng.randrange(len(TOPICS))]} trên địa bàn {PLACES[rng.randrange(len(PLACES))]}",
        "page_amount": rng.randrange(1, 20),
        "signer_position": signer_position,
        "signer_full_name": signer,
        "priority": rng.choice([0, 0, 0, 0, 1, 2]),
        "confidentiality": 0,
        "source": "paper",
        "paper_received": True,
    }


def _select_columns(model) -> tuple[list[str], str]:
    """Column names (without id) and a SELECT list that reads them back in a
    form the same engine accepts again as INSERT parameters."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    names = [f.column for f in fields]
    select = []
    for f in fields:
        if isinstance(f, models.JSONField) and connection.vendor == "postgresql":
            select.append(f"CAST({f.column} AS text)")
        else:
            select.append(f.column)
    return names, ", ".join(select)


def _read_rows(model, where: str, params: list) -> list[list]:
    names, select = _select_columns(model)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {select} FROM {model._meta.db_table} WHERE {where} ORDER BY id", params)
        return [list(row) for row in cursor.fetchall()]


def _insert_sql(model, names: list[str], returning: bool = False) -> str:
    marks = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {model._meta.db_table} ({', '.join(names)}) VALUES ({marks})"
    return sql + " RETURNING id" if returning else sql


def measure_registration(actor: Actor, *, count: int, seq_start: int, log) -> dict:
    """Registrations/s through incoming_register vs raw INSERTs of the same rows."""
    rng = random.Random(seq_start)
    warmup = [registration_data(seq_start + i, rng) for i in range(20)]
    batch = [registration_data(seq_start + 20 + i, rng) for i in range(count)]
    for data in warmup[:-1]:
        incoming_register(actor=actor, data=data)
    with CaptureQueriesContext(connection) as ctx:
        incoming_register(actor=actor, data=warmup[-1])
    queries = len(ctx.captured_queries)

    ids = []
    started = time.perf_counter()
    for data in batch:
        ids.append(incoming_register(actor=actor, data=data).pk)
    service_s = time.perf_counter() - started

    # The same rows, read back as stored, inserted again with raw SQL into a
    # separate register (the arrival numbers are unique per register).
    baseline, _ = Register.objects.get_or_create(
        agency=actor.agency, kind=RegisterKind.INCOMING, year=1900, defaults={"name": "benchmark baseline"}
    )
    doc_names, _ = _select_columns(IncomingDocument)
    register_col = doc_names.index("register_id")
    low, high = min(ids), max(ids)
    documents = _read_rows(IncomingDocument, "id BETWEEN %s AND %s", [low, high])
    for row in documents:
        row[1 + register_col] = baseline.pk
    insert_doc = _insert_sql(IncomingDocument, doc_names)
    with connection.cursor() as cursor:
        started = time.perf_counter()
        for row in documents:
            with transaction.atomic():
                cursor.execute(insert_doc, row[1:])
        raw_s = time.perf_counter() - started

    # Every row the service writes: the register counter, the document, the
    # trace entry and the audit event, one transaction per document (the
    # statements of incoming_register without its reads and ORM).
    trace_names, _ = _select_columns(TraceEntry)
    audit_names, _ = _select_columns(AuditEvent)
    trace_rows = _read_rows(TraceEntry, "document_id BETWEEN %s AND %s", [low, high])
    traces = {r[1 + trace_names.index("document_id")]: r[1:] for r in trace_rows}
    audits = {
        r[1 + audit_names.index("object_id")]: r[1:]
        for r in _read_rows(AuditEvent, "action = %s AND object_type = %s", ["incoming.register", "incoming.incomingdocument"])
    }
    baseline2, _ = Register.objects.get_or_create(
        agency=actor.agency, kind=RegisterKind.INCOMING, year=1901, defaults={"name": "benchmark baseline"}
    )
    full_rows = []
    for row in documents:
        doc = list(row[1:])
        doc[register_col] = baseline2.pk
        full_rows.append((doc, list(traces[row[0]]), list(audits[str(row[0])])))
    insert_doc_returning = _insert_sql(IncomingDocument, doc_names, returning=True)
    insert_trace, insert_audit = _insert_sql(TraceEntry, trace_names), _insert_sql(AuditEvent, audit_names)
    trace_doc, audit_obj = trace_names.index("document_id"), audit_names.index("object_id")
    # The number is taken as register_take_number takes it: one UPDATE … RETURNING.
    take = (
        f"UPDATE {Register._meta.db_table} SET last_number = last_number + 1 "
        "WHERE agency_id = %s AND kind = %s AND year = %s RETURNING id, last_number"
    )
    number_col = doc_names.index("arrival_number")
    with connection.cursor() as cursor:
        started = time.perf_counter()
        for doc, trace, audit in full_rows:
            with transaction.atomic():
                cursor.execute(take, [actor.agency.pk, RegisterKind.INCOMING.value, 1901])
                doc[register_col], doc[number_col] = cursor.fetchone()
                cursor.execute(insert_doc_returning, doc)
                new_id = cursor.fetchone()[0]
                trace[trace_doc] = new_id
                audit[audit_obj] = str(new_id)
                cursor.execute(insert_trace, trace)
                cursor.execute(insert_audit, audit)
        raw_all_s = time.perf_counter() - started

    result = {
        "registrations": count,
        "queries_per_registration": queries,
        "service_per_s": round(count / service_s, 1),
        "raw_insert_per_s": round(count / raw_s, 1),
        "ratio_service_to_raw": round((count / service_s) / (count / raw_s), 4),
        "raw_all_rows_per_s": round(count / raw_all_s, 1),
        "ratio_service_to_raw_all_rows": round((count / service_s) / (count / raw_all_s), 4),
    }
    log(
        f"  registration: service {result['service_per_s']:,.0f}/s ({queries} queries each), "
        f"raw INSERT {result['raw_insert_per_s']:,.0f}/s, ratio {result['ratio_service_to_raw']:.3f}; "
        f"raw all rows {result['raw_all_rows_per_s']:,.0f}/s"
    )
    return result


PARALLEL_THREADS = (2, 4, 8)
PARALLEL_WARMUP = 2  # registrations per thread before the clock starts


def register_numbers(agency, year: int) -> dict:
    """The arrival numbers of the incoming register: exactly 1..n, n = its counter?"""
    register = Register.objects.get(agency=agency, kind=RegisterKind.INCOMING, year=year)
    numbers = IncomingDocument.objects.filter(register_id=register.pk).aggregate(
        documents=Count("id"),
        distinct=Count("arrival_number", distinct=True),
        low=Min("arrival_number"),
        high=Max("arrival_number"),
    )
    n = register.last_number
    gap_free = numbers["documents"] == numbers["distinct"] == n and (n == 0 or (numbers["low"] == 1 and numbers["high"] == n))
    return {"register_id": register.pk, "last_number": n, **numbers, "gap_free": gap_free}


def _clerk_thread(user_id: int, agency_id: int, batch: list[dict], barrier, out: dict) -> None:
    """One clerk: its own connection (Django's are per thread), closed at the end."""
    try:
        user, agency = User.objects.get(pk=user_id), Agency.objects.get(pk=agency_id)
        actor = build_actor(user, agency)
        for data in batch[:PARALLEL_WARMUP]:
            incoming_register(actor=actor, data=data)
        barrier.wait()
        numbers = []
        for data in batch[PARALLEL_WARMUP:]:
            try:
                numbers.append(incoming_register(actor=actor, data=data).arrival_number)
            except Exception as exc:  # noqa: BLE001 - counted and reported
                out.setdefault("errors", []).append(f"{type(exc).__name__}: {exc}")
        out["numbers"] = numbers
        out["end"] = time.perf_counter()
    except threading.BrokenBarrierError:
        out.setdefault("errors", []).append("the start barrier broke")
    except Exception as exc:  # noqa: BLE001
        out.setdefault("errors", []).append(f"{type(exc).__name__}: {exc}")
        barrier.abort()
    finally:
        connection.close()


def measure_parallel_registration(clerks: list, agency, *, total: int, seq_start: int, log) -> dict:
    """Registrations/s with several clerks at once: one thread per clerk, each
    with its own connection, `total` registrations shared out, all into the same
    incoming register (its row lock, UPDATE … RETURNING to COMMIT, serialises the
    numbering). Afterwards the register's numbers must be exactly 1..n."""
    rng = random.Random(seq_start)
    year = today().year
    runs = []
    for k, threads in enumerate(PARALLEL_THREADS):
        if threads > len(clerks):
            log(f"  parallel registration: only {len(clerks)} clerks, skipping {threads} threads")
            continue
        per_thread = total // threads
        base = seq_start + k * 100_000
        batches = [
            [registration_data(base + t * 10_000 + i, rng) for i in range(PARALLEL_WARMUP + per_thread)] for t in range(threads)
        ]
        before = Register.objects.get(agency=agency, kind=RegisterKind.INCOMING, year=year).last_number
        outs, seconds = run_clerks(_clerk_thread, [(clerks[t].pk, agency.pk, batches[t]) for t in range(threads)], timeout=120)
        done = sum(len(o.get("numbers", [])) for o in outs)
        taken = sorted(n for o in outs for n in o.get("numbers", []))
        errors = [e for o in outs for e in o.get("errors", [])]
        run = {
            "threads": threads,
            "registrations": done,
            "seconds": round(seconds, 3),
            "per_s": round(done / seconds, 1) if seconds > 0 and done else 0.0,
            "errors": len(errors),
            "error_samples": errors[:3],
            # The timed registrations' numbers are distinct and lie after the warm-ups.
            "numbers_distinct": len(set(taken)) == len(taken),
            "numbers_from": before + 1,
        }
        runs.append(run)
        log(
            f"  parallel registration, {threads} clerks: {done:,} in {seconds:.2f} s = {run['per_s']:,.0f}/s"
            f"{f', {len(errors)} ERRORS: {errors[0]}' if errors else ''}"
        )
    check = register_numbers(agency, year)
    log(
        f"  register {check['register_id']}: {check['documents']:,} documents, {check['distinct']:,} distinct numbers, "
        f"{check['low']}..{check['high']}, counter {check['last_number']:,}: "
        + ("gap-free" if check["gap_free"] else "GAPS OR DUPLICATES")
    )
    best = max(runs, key=lambda r: r["per_s"]) if runs else None
    return {
        "total_per_run": total,
        "warmup_per_thread": PARALLEL_WARMUP,
        "runs": runs,
        "register_check": check,
        "best_per_s": best["per_s"] if best else None,
        "best_threads": best["threads"] if best else None,
    }


# ---------------------------------------------------------------------- inbox
#
# The application's inbox (eoffice/incoming/selectors.py) is a MergedInbox: one
# query per branch (the person's own items; the items of the units they head),
# each read in order from its partial index with LIMIT, merged in Python.


def app_page(actor: Actor, tab: str) -> list:
    """One page of a tab as the application reads it."""
    rows = list(inbox_assignments(actor, tab)[:PAGE])
    for row in rows:
        row.document.subject  # noqa: B018 - touch the related row
    return rows


VIEW_PARTS = ("count", "page", "counters")


def view_path(actor: Actor, tab: str, mark=None) -> list:
    """Every data query of the inbox view (eoffice/incoming/views.py, `inbox`)
    for the first page of a tab, without the template: the Paginator's count,
    the page with its lateness (inbox_items: one calendar query), and the tab
    counters (inbox_counts). `mark(part)` is called at the end of each part."""
    mark = mark or (lambda part: None)
    paginator = Paginator(inbox_assignments(actor, tab), PAGE)
    paginator.count  # noqa: B018 - cached: get_page() would count first anyway
    mark("count")
    items = inbox_items([], paginator.get_page(1))
    for item in items:
        item.document.subject  # noqa: B018
    mark("page")
    inbox_counts(actor)
    mark("counters")
    return items


def app_branch_sql(actor: Actor, tab: str) -> list[tuple[str, tuple]]:
    """The SQL of each branch query the application runs for one page."""
    inbox = inbox_assignments(actor, tab)
    statements = []
    for branch in inbox.branches:
        qs = branch.order_by(*inbox.order)[:PAGE]
        statements.append(qs.query.get_compiler(using=qs.db).as_sql())
    return statements


def _page_order(tab: str):
    """(key, reverse) sorting raw rows of Assignment columns in page order, as
    the database orders them (NULL deadlines last on PostgreSQL, first on SQLite)."""
    columns = [f.column for f in Assignment._meta.concrete_fields]
    pk = columns.index("id")
    if tab == "done":
        done = columns.index("completed_at")
        return (lambda row: (row[done], row[pk])), True
    priority, deadline = columns.index("priority"), columns.index("deadline")
    nulls_last = connection.vendor == "postgresql"

    def key(row):
        missing = row[deadline] is None
        return (-row[priority], missing if nulls_last else not missing, 0 if missing else row[deadline], row[pk])

    return key, False


def cursor_page(cursor, statements, order, subject_index: int) -> list:
    """The application's own SQL run through a cursor and merged like
    MergedInbox merges: the same queries without the ORM's Python."""
    rows = []
    for sql, params in statements:
        cursor.execute(sql, params)
        rows.extend(cursor.fetchall())
    key, reverse = order
    rows.sort(key=key, reverse=reverse)
    rows = rows[:PAGE]
    for row in rows:
        row[subject_index]  # noqa: B018
    return rows


def _columns() -> str:
    """The columns of inbox_assignments' select_related, in the ORM's order."""
    tables = (("a", Assignment), ("d", IncomingDocument), ("un", Unit), ("us", User))
    return ", ".join(f"{alias}.{f.column}" for alias, model in tables for f in model._meta.concrete_fields)


def _raw_branches(actor: Actor, tab: str, a: str = "b", d: str = "bd") -> list[tuple[str, str, list]]:
    """(FROM, WHERE, params) of each branch, hand-written, with the
    assignment table as `a` and the document table as `d`. The is_open terms
    are written as the partial indexes' conditions are."""
    a_table, d_table = Assignment._meta.db_table, IncomingDocument._meta.db_table
    if tab == "done":
        terms, params = [f"NOT {a}.is_open", f"{a}.status <> %s"], ["cancelled"]
    else:
        terms, params = [f"{a}.is_open"], []
        if tab == "overdue":
            terms += [f"{a}.deadline < %s", f"{a}.kind <> %s"]
            params += [connection.ops.adapt_datefield_value(today()), "inform"]
    people = sorted(actor.acting_user_ids)
    own = (
        f"{a_table} {a} INNER JOIN {d_table} {d} ON {d}.id = {a}.document_id",
        " AND ".join([f"{a}.user_id IN ({', '.join(['%s'] * len(people))})", f"{d}.agency_id = %s", *terms]),
        [*people, actor.agency.pk, *params],
    )
    branches = [own]
    units = sorted(actor.head_unit_ids)
    if units:
        where = " AND ".join([f"{a}.unit_id IN ({', '.join(['%s'] * len(units))})", f"{a}.user_id IS NULL", *terms])
        branches.append((f"{a_table} {a}", where, [*units, *params]))
    return branches


def raw_inbox_sql(actor: Actor, tab: str) -> tuple[str, list]:
    """The baseline: one hand-written query for one page of a tab, the same
    rows, columns and order as the application's page. With two branches, the
    first page of each (LIMIT in a subquery, read in order from its partial
    index) is picked by id in one statement: `id IN (… UNION ALL …)`."""
    a, d = Assignment._meta.db_table, IncomingDocument._meta.db_table
    u, p = Unit._meta.db_table, User._meta.db_table

    def order(alias: str) -> str:
        if tab == "done":
            return f"{alias}.completed_at DESC, {alias}.id DESC"
        return f"{alias}.priority DESC, {alias}.deadline ASC, {alias}.id ASC"

    joins = (
        f"FROM {a} a INNER JOIN {d} d ON d.id = a.document_id "
        f"LEFT OUTER JOIN {u} un ON un.id = a.unit_id LEFT OUTER JOIN {p} us ON us.id = a.user_id"
    )
    branches = _raw_branches(actor, tab)
    if len(branches) == 1:
        _, where, params = _raw_branches(actor, tab, "a", "d")[0]
        return f"SELECT {_columns()} {joins} WHERE {where} ORDER BY {order('a')} LIMIT {PAGE}", params
    picks, params = [], []
    for k, (source, where, branch_params) in enumerate(branches):
        picks.append(f"SELECT id FROM (SELECT b.id FROM {source} WHERE {where} ORDER BY {order('b')} LIMIT {PAGE}) b{k}")
        params += branch_params
    sql = f"SELECT {_columns()} {joins} WHERE a.id IN ({' UNION ALL '.join(picks)}) ORDER BY {order('a')} LIMIT {PAGE}"
    return sql, params


def rows_in_tab(actor: Actor, tab: str) -> int:
    """Every row of the tab (the view's count of the done tab is capped)."""
    total = 0
    with connection.cursor() as cursor:
        for source, where, params in _raw_branches(actor, tab):
            cursor.execute(f"SELECT COUNT(*) FROM {source} WHERE {where}", params)
            total += cursor.fetchone()[0]
    return total


def raw_page(cursor, sql: str, params: list, subject_index: int) -> list:
    cursor.execute(sql, params)
    rows = cursor.fetchall()
    for row in rows:
        row[subject_index]  # noqa: B018
    return rows


def explain(sql: str, params) -> str:
    """The plan of a query: EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, EXPLAIN QUERY PLAN on SQLite."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        rows = cursor.fetchall()
    depth = {0: -1}
    lines = []
    for node, parent, _, detail in rows:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + detail)
    return "\n".join(lines)


def run_variants(variants: list, *, repeat: int, budget_s: float, min_samples: int = MIN_SAMPLES) -> list[list[float]]:
    """Time the variants interleaved, rotating which one goes first so that
    none always finds the cache warmer. Stops after `repeat` rounds, or after
    `budget_s` once `min_samples` rounds are done."""
    samples: list[list[float]] = [[] for _ in variants]
    started = time.perf_counter()
    for i in range(repeat):
        for k in range(len(variants)):
            j = (i + k) % len(variants)
            t0 = time.perf_counter()
            variants[j]()
            samples[j].append(time.perf_counter() - t0)
        if time.perf_counter() - started > budget_s and i + 1 >= min_samples:
            break
    return samples


def view_queries(actor: Actor, tab: str) -> dict:
    """Queries of the view path, in all and per part."""
    per_part = {}
    with CaptureQueriesContext(connection) as ctx:
        seen = [0]

        def mark(part):
            per_part[part] = len(ctx.captured_queries) - seen[0]
            seen[0] = len(ctx.captured_queries)

        view_path(actor, tab, mark)
    return {"total": len(ctx.captured_queries), **per_part}


def time_view(actor: Actor, tab: str, *, repeat: int, budget_s: float) -> tuple[list[float], dict]:
    """Samples of the whole view path and of each of its parts."""
    totals: list[float] = []
    parts: dict[str, list[float]] = {part: [] for part in VIEW_PARTS}
    last = [0.0]

    def mark(part):
        now = time.perf_counter()
        parts[part].append(now - last[0])
        last[0] = now

    started = time.perf_counter()
    for i in range(repeat):
        last[0] = t0 = time.perf_counter()
        view_path(actor, tab, mark)
        totals.append(time.perf_counter() - t0)
        if time.perf_counter() - started > budget_s and i + 1 >= VIEW_MIN_SAMPLES:
            break
    return totals, parts


def measure_inbox(actor: Actor, tab: str, *, repeat: int, budget_s: float, with_plan: bool) -> dict:
    """One page of a tab three ways, in rotation: the application
    (inbox_assignments, one query per branch, merged); its own SQL through a
    cursor, merged the same way (application / that = the ORM's Python); the
    hand-written single query (the baseline). Then the whole view path."""
    statements = app_branch_sql(actor, tab)
    order = _page_order(tab)
    sql, params = raw_inbox_sql(actor, tab)
    subject_index = len(Assignment._meta.concrete_fields)
    subject_index += [f.column for f in IncomingDocument._meta.concrete_fields].index("subject")
    with connection.cursor() as cursor:
        app_rows = app_page(actor, tab)
        app_ids = [r.id for r in app_rows]
        same_as_cursor = app_ids == [r[0] for r in cursor_page(cursor, statements, order, subject_index)]
        same_as_raw = app_ids == [r[0] for r in raw_page(cursor, sql, params, subject_index)]
        with CaptureQueriesContext(connection) as ctx:
            app_page(actor, tab)
        queries = len(ctx.captured_queries)
        view_q = view_queries(actor, tab)
        variants = [
            lambda: app_page(actor, tab),
            lambda: cursor_page(cursor, statements, order, subject_index),
            lambda: raw_page(cursor, sql, params, subject_index),
        ]
        run_variants(variants, repeat=10, budget_s=budget_s / 5, min_samples=2)  # warm-up
        app_t, cursor_t, raw_t = run_variants(variants, repeat=repeat, budget_s=budget_s)
        time_view(actor, tab, repeat=3, budget_s=budget_s / 5)  # warm-up
        view_t, parts_t = time_view(actor, tab, repeat=repeat // 4, budget_s=budget_s / 2)
    app, raw = timing(app_t), timing(raw_t)
    result = {
        "tab": tab,
        "rows_in_tab": rows_in_tab(actor, tab),
        "count_shown": Paginator(inbox_assignments(actor, tab), PAGE).count,
        "rows_on_page": len(app_rows),
        "same_rows_as_raw": same_as_raw and same_as_cursor,
        "queries": queries,
        "app": app,
        "app_sql_via_cursor": timing(cursor_t),
        "raw": raw,
        "ratio_app_to_raw_p50": round(app["p50_ms"] / raw["p50_ms"], 3),
        "ratio_app_to_raw_p95": round(app["p95_ms"] / raw["p95_ms"], 3),
        "view": {**timing(view_t), "queries": view_q["total"]},
        "view_parts": {part: {**timing(parts_t[part]), "queries": view_q[part]} for part in VIEW_PARTS},
    }
    if with_plan:  # the queries and their plans, once (at the largest size)
        result["sql"] = [{"sql": s, "params": [str(x) for x in p]} for s, p in statements]
        result["plans"] = [explain(s, list(p)) for s, p in statements]
        result["raw_sql"], result["raw_params"] = sql, [str(x) for x in params]
        result["raw_plan"] = explain(sql, params)
    return result


def run_clerks(target, args_per_thread, *, timeout: float) -> tuple[list[dict], float]:
    """One thread per clerk, released together: `target(*args, barrier, out)` waits
    on the barrier, then records "end" (and its results) in `out`. Returns the
    outs and the seconds from the release to the last clerk's end."""
    barrier = threading.Barrier(len(args_per_thread) + 1)
    outs = [{} for _ in args_per_thread]
    workers = [
        threading.Thread(target=target, args=(*args, barrier, out), daemon=True)
        for args, out in zip(args_per_thread, outs, strict=True)
    ]
    for worker in workers:
        worker.start()
    try:
        barrier.wait(timeout=timeout)
    except threading.BrokenBarrierError:
        pass
    started = time.perf_counter()
    for worker in workers:
        worker.join()
    ends = [o["end"] for o in outs if "end" in o]
    return outs, (max(ends) if ends else time.perf_counter()) - started


def parallel_run(outs: list[dict], seconds: float, threads: int, *, taken_key: str, names: tuple, log, digits=1) -> dict:
    """One run of run_clerks as the report reads it: what the threads took
    (outs[*][taken_key]), per second, errors, and whether all were distinct.
    names: (the count's key, the "all distinct" key), e.g. ("receipts", "codes_distinct")."""
    taken = [item for out in outs for item in out.get(taken_key, [])]
    errors = [error for out in outs for error in out.get("errors", [])]
    per_s = round(len(taken) / seconds, digits) if seconds > 0 and taken else 0.0
    count_key, distinct_key = names
    failures = f", {len(errors)} ERRORS: {errors[0]}" if errors else ""
    log(f"  {count_key}, {threads} at once: {len(taken)} in {seconds:.1f} s = {per_s:,.{digits}f}/s{failures}")
    return {
        "threads": threads,
        count_key: len(taken),
        "seconds": round(seconds, 3),
        "per_s": per_s,
        "errors": len(errors),
        "error_samples": errors[:3],
        distinct_key: len(set(taken)) == len(taken),
    }
