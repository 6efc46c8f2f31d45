"""The measurements. Every figure has a baseline run in the same process on
the same connection: hand-written SQL doing the same work, so that results are
reported as ratios and not only as times of one machine."""

import random
import time
from datetime import timedelta

from django.core.paginator import Paginator
from django.db import connection, models, transaction
from django.test.utils import CaptureQueriesContext

from eoffice.audit.models import AuditEvent
from eoffice.incoming.models import Assignment, IncomingDocument, TraceEntry
from eoffice.incoming.selectors import inbox_assignments, inbox_counts
from eoffice.incoming.services import incoming_register
from eoffice.organisation.models import Unit, User
from eoffice.organisation.selectors import Actor, today
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
    # trace entry and the audit event, one transaction per document.
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
    bump = f"UPDATE {Register._meta.db_table} SET last_number = last_number + 1 WHERE id = %s"
    with connection.cursor() as cursor:
        started = time.perf_counter()
        for doc, trace, audit in full_rows:
            with transaction.atomic():
                cursor.execute(bump, [baseline2.pk])
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


# ---------------------------------------------------------------------- inbox


def orm_page(actor: Actor, tab: str) -> list:
    """What the inbox page does with one page of a tab."""
    rows = list(inbox_assignments(actor, tab)[:PAGE])
    for row in rows:
        row.document.subject  # noqa: B018 - touch the related row
    return rows


def view_page(actor: Actor, tab: str) -> list:
    """All the data queries of the inbox view for a tab: Paginator count and
    page, and the tab counters (the clerk's registry queue aside)."""
    page = Paginator(inbox_assignments(actor, tab), PAGE).get_page(1)
    rows = list(page)
    for row in rows:
        row.document.subject  # noqa: B018
    inbox_counts(actor)
    return rows


def raw_inbox_sql(actor: Actor, tab: str) -> tuple[str, list]:
    """The hand-written SQL for one page of a tab: the same rows, columns and
    order as inbox_assignments(actor, tab)[:50] with its select_related."""
    a, d = Assignment._meta.db_table, IncomingDocument._meta.db_table
    u, p = Unit._meta.db_table, User._meta.db_table
    params: list = []
    people = sorted(actor.acting_user_ids)
    who = [f"a.user_id IN ({', '.join(['%s'] * len(people))})"]
    params += people
    units = sorted(actor.head_unit_ids)
    if units:
        who.append(f"(a.unit_id IN ({', '.join(['%s'] * len(units))}) AND a.user_id IS NULL)")
        params += units
    where = [f"({' OR '.join(who)})", "d.agency_id = %s"]
    params.append(actor.agency.pk)
    if tab == "done":
        where += ["a.is_open = %s", "a.status <> %s"]
        params += [False, "cancelled"]
        order = "a.completed_at DESC, a.id DESC"
    else:
        where.append("a.is_open = %s")
        params.append(True)
        if tab == "overdue":
            where += ["a.deadline < %s", "a.kind <> %s"]
            params += [connection.ops.adapt_datefield_value(today()), "inform"]
        order = "a.priority DESC, a.deadline ASC, a.id ASC"
    sql = (
        f"SELECT a.*, d.*, un.*, us.* FROM {a} a INNER JOIN {d} d ON d.id = a.document_id "
        f"LEFT OUTER JOIN {u} un ON un.id = a.unit_id LEFT OUTER JOIN {p} us ON us.id = a.user_id "
        f"WHERE {' AND '.join(where)} ORDER BY {order} LIMIT {PAGE}"
    )
    return sql, params


def raw_page(cursor, sql: str, params: list, subject_index: int) -> list:
    cursor.execute(sql, params)
    rows = cursor.fetchall()
    for row in rows:
        row[subject_index]  # noqa: B018
    return rows


def explain(sql: str, params: list) -> str:
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


def measure_inbox(actor: Actor, tab: str, *, repeat: int, budget_s: float, with_plan: bool) -> dict:
    """One page of a tab three ways: through the ORM; the ORM's own SQL through
    a cursor (the ORM's Python cost); the hand-written SQL (the baseline)."""
    sql, params = raw_inbox_sql(actor, tab)
    page_qs = inbox_assignments(actor, tab)[:PAGE]
    orm_sql, orm_params = page_qs.query.get_compiler(using=page_qs.db).as_sql()
    asg_columns = len(Assignment._meta.concrete_fields)
    subject_index = asg_columns + [f.column for f in IncomingDocument._meta.concrete_fields].index("subject")
    with connection.cursor() as cursor:
        orm_rows = orm_page(actor, tab)
        raw_rows = raw_page(cursor, sql, params, subject_index)
        same_rows = [r.id for r in orm_rows] == [r[0] for r in raw_rows]
        with CaptureQueriesContext(connection) as ctx:
            orm_page(actor, tab)
        queries = len(ctx.captured_queries)
        with CaptureQueriesContext(connection) as ctx:
            view_page(actor, tab)
        view_queries = len(ctx.captured_queries)
        variants = [
            lambda: orm_page(actor, tab),
            lambda: raw_page(cursor, orm_sql, orm_params, subject_index),
            lambda: raw_page(cursor, sql, params, subject_index),
        ]
        run_variants(variants, repeat=10, budget_s=budget_s / 5, min_samples=2)  # warm-up
        orm_t, orm_sql_t, raw_t = run_variants(variants, repeat=repeat, budget_s=budget_s)
        view = [lambda: view_page(actor, tab)]
        (view_t,) = run_variants(view, repeat=repeat // 4, budget_s=budget_s / 3, min_samples=VIEW_MIN_SAMPLES)
    orm, raw = timing(orm_t), timing(raw_t)
    result = {
        "tab": tab,
        "rows_in_tab": inbox_assignments(actor, tab).count(),
        "rows_on_page": len(orm_rows),
        "same_rows_as_raw": same_rows,
        "queries": queries,
        "orm": orm,
        "orm_sql_via_cursor": timing(orm_sql_t),
        "raw": raw,
        "ratio_orm_to_raw_p50": round(orm["p50_ms"] / raw["p50_ms"], 3),
        "ratio_orm_to_raw_p95": round(orm["p95_ms"] / raw["p95_ms"], 3),
        "view": {**timing(view_t), "queries": view_queries},
        "page_ids": [r.id for r in orm_rows],
    }
    if with_plan:  # the queries and their plans, once (at the largest size)
        result["sql"], result["sql_params"] = orm_sql, [str(p) for p in orm_params]
        result["raw_sql"], result["raw_params"] = sql, [str(p) for p in params]
        result["plan"] = explain(orm_sql, list(orm_params))
        result["raw_plan"] = explain(sql, params)
    return result
