"""One-stop dossiers (hồ sơ một cửa): receipts per second and the statistics
query, each against a baseline run in the same process on the same
connection, so that the results are read as ratios:

- receipt: `services.dossier_receive` by one one-stop officer (and, on
  PostgreSQL, by four officers in threads) on a table already holding the
  statistics data set, vs raw SQL writing the same rows: the dossier rows
  alone, INSERTed again one per transaction; and every row a receipt writes
  (the day's counter UPDATE … RETURNING, the dossier, its papers and steps, the
  history event and the audit row) in one transaction per dossier. Afterwards
  the codes of each day must be exactly 0001..n, n the day's counter;
- statistics: `statistics.dossier_statistics` over N dossiers (bulk_create,
  spread over two years, every status, with their steps and history events)
  for a month and for the whole two years, per grouping, vs one hand-written
  GROUP BY computing the same figures (checked equal). Goal: p95 < 1 s at 100k.
"""

import random
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import JSONField, Max
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from eoffice.audit.models import AuditEvent
from eoffice.onestop.dossiers.services import dossier_receive
from eoffice.onestop.models import (
    Channel,
    Dossier,
    DossierEvent,
    DossierPaper,
    DossierStep,
    EventKind,
    OnlineLevel,
    Procedure,
    ProcedureField,
    ProcedureStep,
    RequiredPaper,
    Status,
    Timeliness,
)
from eoffice.onestop.statistics.queries import dossier_statistics, period_bounds, without_jit
from eoffice.organisation.models import Agency, Membership, Role, Unit, User
from eoffice.organisation.selectors import build_actor
from eoffice.registers.models import Register, RegisterKind

from .dataset import Organisation
from .measure import parallel_run, run_clerks, run_variants, timing

OFFICERS = 4
PARALLEL_THREADS = (4,)
PARALLEL_WARMUP = 2  # receipts per thread before the clock starts
WARMUP = 10
DAYS_OF_HISTORY = 730
BATCH = 5_000
BASELINE_YEAR = 1900  # the raw receipts' own counter: codes are numbered per day register
GOAL_STATISTICS_S = 1.0
GROUPS = (None, "procedure", "field", "unit")

FIELDS = [
    ("G01-DD", "Đất đai"),
    ("G02-XD", "Hoạt động xây dựng"),
    ("G03-DN", "Thành lập và hoạt động của doanh nghiệp"),
    ("G04-HT", "Hộ tịch"),
    ("G05-MT", "Môi trường"),
    ("G06-VH", "Văn hóa"),
]
ACTIONS = ["Cấp", "Cấp lại", "Điều chỉnh", "Gia hạn"]
OBJECTS = [
    "giấy chứng nhận quyền sử dụng đất",
    "giấy phép xây dựng nhà ở riêng lẻ",
    "giấy chứng nhận đăng ký doanh nghiệp",
    "trích lục khai sinh",
    "giấy phép môi trường",
    "giấy phép tổ chức biểu diễn nghệ thuật",
]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang", "Đặng Quốc Huy"]
STREETS = ["Lạch Tray", "Điện Biên Phủ", "Trần Phú", "Lê Lợi", "Tô Hiệu", "Cầu Đất"]


@dataclass
class OneStopOffice:
    agency: Agency
    baseline: Agency  # the raw receipts' rows go to an agency of their own
    counter: Unit
    officers: list[User]
    procedures: list[Procedure]


def prepare(org: Organisation) -> OneStopOffice:
    """The one-stop unit and its officers, six fields and 24 procedures of two
    to five steps (the counter, one or two of the office's units, sometimes a
    step published as text only, every other one the counter again to hand the
    result back) and two or three required papers each."""
    agency = org.agency
    counter = Unit.objects.create(agency=agency, name="Bộ phận Một cửa", abbreviation="MC")
    officers = [User.objects.create(username=f"motcua{k}", full_name=f"Cán bộ một cửa {k}") for k in range(OFFICERS)]
    Membership.objects.bulk_create(
        Membership(user=u, agency=agency, role=Role.ONE_STOP, unit=counter, position="Chuyên viên") for u in officers
    )
    baseline = Agency.objects.create(name="Benchmark baseline", short_name="BASE", organ_id="000.99.00.H26", hosted=True)
    rng = random.Random(5)
    procedures = []
    for n in range(24):
        field, _ = ProcedureField.objects.get_or_create(
            code=FIELDS[n % len(FIELDS)][0], defaults={"name": FIELDS[n % len(FIELDS)][1]}
        )
        units = [counter, *rng.sample(org.units, rng.randrange(1, 3))]
        steps = [(u, Decimal(rng.choice(["0.5", "1", "2", "3", "5"]))) for u in units]
        steps += [(None, Decimal("1"))] if n % 5 == 0 else []  # "Lãnh đạo UBND" as text only
        steps += [(counter, Decimal("0.5"))] if n % 2 == 0 else []  # the counter again: trả kết quả
        procedure = Procedure.objects.create(
            agency=agency,
            code=f"1.{900_000 + n:06d}.000.00.00.H26",
            name=f"{ACTIONS[n % len(ACTIONS)]} {OBJECTS[n % len(OBJECTS)]} ({n + 1})",
            field=field,
            online=OnlineLevel.FULL if n % 3 else OnlineLevel.NONE,
            implementing_agency=agency.name,
            processing_days=sum(days for _, days in steps),
            result="Giấy phép",
        )
        ProcedureStep.objects.bulk_create(
            ProcedureStep(procedure=procedure, order=k, name=f"Bước {k}", unit=u, unit_name=u.name if u else "Lãnh đạo", days=d)
            for k, (u, d) in enumerate(steps, start=1)
        )
        RequiredPaper.objects.bulk_create(
            RequiredPaper(procedure=procedure, order=k, name=f"Giấy tờ số {k}", originals=1, copies=k % 2)
            for k in range(1, 2 + n % 2 + 1)
        )
        procedures.append(procedure)
    return OneStopOffice(agency, baseline, counter, officers, procedures)


# ----------------------------------------------------------------- the data set


def _local(day: date, minutes: int) -> datetime:
    """An office-time moment: 07:30 plus `minutes`."""
    zone = timezone.get_default_timezone()
    return datetime(day.year, day.month, day.day, 7, 30, tzinfo=zone) + timedelta(minutes=minutes)


def _verdict(finished: datetime, due: datetime) -> str:
    zone = timezone.get_default_timezone()
    done, promised = finished.astimezone(zone).date(), due.astimezone(zone).date()
    return Timeliness.EARLY if done < promised else Timeliness.ON_TIME if done == promised else Timeliness.LATE


def _state(age: int, rng) -> str:
    """What became of a dossier received `age` days ago."""
    r = rng.random()
    if age < 20:
        table = [("open", 0.55), ("finished", 0.35), ("refused", 0.05), ("withdrawn", 0.05)]
    else:
        table = [("open", 0.03), ("finished", 0.90), ("refused", 0.04), ("withdrawn", 0.03)]
    for state, share in table:
        if r < share:
            return state
        r -= share
    return table[-1][0]


def receipt_times(count: int, *, seed: int, now: datetime) -> list[datetime]:
    """When the dossiers were received, oldest first as in a real table (the
    ids then follow the receipt time, and so does the order on disk)."""
    rng = random.Random(seed)
    today = timezone.localtime(now).date()
    times = [_local(today - timedelta(days=rng.randrange(DAYS_OF_HISTORY)), rng.randrange(9 * 60)) for _ in range(count)]
    return sorted(t if t < now else now - timedelta(minutes=rng.randrange(1, 600)) for t in times)


def generate(office: OneStopOffice, received_times: list[datetime], *, seed: int, now: datetime, first_id: int):
    """Dossiers, their steps and their history events, unsaved, with explicit ids."""
    rng = random.Random(seed)
    plans = {p.pk: list(p.steps.order_by("order").values_list("order", "name", "unit_id", "days")) for p in office.procedures}
    dossiers, steps, events = [], [], []
    for n, received in enumerate(received_times):
        pk, procedure = first_id + n, office.procedures[rng.randrange(len(office.procedures))]
        age = (now - received).days
        due = received + timedelta(days=float(procedure.processing_days) * 1.4 + 0.5)
        state = _state(age, rng)
        online = procedure.online != OnlineLevel.NONE and rng.random() < 0.3
        values = {"status": Status.RECEIVED, "finished_at": None, "returned_at": None, "timeliness": "", "paused_at": None}
        if state == "open":
            values["status"] = rng.choice([Status.RECEIVED, Status.IN_PROCESS, Status.IN_PROCESS, Status.SUPPLEMENT])
            if values["status"] == Status.SUPPLEMENT:
                values["paused_at"] = min(received + timedelta(days=rng.uniform(0.2, 3)), now)
        elif state == "finished":
            finished = min(received + (due - received) * rng.uniform(0.3, 1.5), now)
            returned = rng.random() < 0.8 and finished + timedelta(days=1) < now
            values.update(
                status=Status.RETURNED if returned else Status.RESULT_READY,
                finished_at=finished,
                returned_at=finished + timedelta(hours=rng.randrange(1, 24)) if returned else None,
                timeliness=_verdict(finished, due),
            )
            events.append(DossierEvent(dossier_id=pk, kind=EventKind.RESULT_READY, at=finished))
        else:
            values["status"] = Status.REFUSED if state == "refused" else Status.WITHDRAWN
            closed = min(received + timedelta(days=rng.uniform(0.1, 5)), now)
            kind = EventKind.REFUSED if state == "refused" else EventKind.WITHDRAWN
            events.append(DossierEvent(dossier_id=pk, kind=kind, at=closed, note="Lý do ghi trên phiếu"))
        events.append(DossierEvent(dossier_id=pk, kind=EventKind.RECEIVED, at=received, due_at=due))
        dossiers.append(
            Dossier(
                pk=pk,
                agency=office.agency,
                code=f"BENCH-{pk:08d}",
                procedure=procedure,
                channel=Channel.ONLINE if online else Channel.COUNTER,
                applicant_name=NAMES[rng.randrange(len(NAMES))],
                phone=f"09{rng.randrange(10**8):08d}",
                address=f"Số {rng.randrange(1, 300)} đường {STREETS[rng.randrange(len(STREETS))]}, Hải Phòng",
                submitted_at=received if online else None,
                received_at=received,
                received_by=office.officers[0],
                first_due_at=due,
                due_at=due,
                **values,
            )
        )
        steps += [
            DossierStep(dossier_id=pk, order=o, name=name, unit_id=unit, days=days) for o, name, unit, days in plans[procedure.pk]
        ]
    return dossiers, steps, events


def load_dossiers(office: OneStopOffice, count: int, *, seed: int, log) -> dict:
    """`count` dossiers with bulk_create in batches, then ANALYZE."""
    started = time.perf_counter()
    first = (Dossier.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    now = timezone.now()
    rows = {"dossiers": 0, "steps": 0, "events": 0}
    times = receipt_times(count, seed=seed, now=now)
    with transaction.atomic():
        for offset in range(0, count, BATCH):
            dossiers, steps, events = generate(
                office, times[offset : offset + BATCH], seed=seed + offset, now=now, first_id=first + offset
            )
            Dossier.objects.bulk_create(dossiers, batch_size=1000)
            DossierStep.objects.bulk_create(steps, batch_size=2000)
            DossierEvent.objects.bulk_create(events, batch_size=2000)
            rows["dossiers"] += len(dossiers)
            rows["steps"] += len(steps)
            rows["events"] += len(events)
    loaded = time.perf_counter() - started
    tables = [m._meta.db_table for m in (Dossier, DossierStep, DossierEvent)]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
        else:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Dossier]):
                cursor.execute(sql)
            for table in tables:
                cursor.execute(f"VACUUM (ANALYZE) {table}")
    total = time.perf_counter() - started
    log(f"  {rows['dossiers']:,} dossiers, {rows['steps']:,} steps, {rows['events']:,} events in {total:.1f} s")
    return {**rows, "insert_s": round(loaded, 2), "total_s": round(total, 2), "dossiers_per_s": round(count / loaded)}


# --------------------------------------------------------------------- receipts


def receipt_input(procedure: Procedure, papers: list, rng) -> dict:
    """What the counter's form gives dossier_receive: the applicant and the checklist, every paper ticked."""
    checklist = [
        {"required_paper": p, "name": p.name, "originals": p.originals, "copies": p.copies, "file": None} for p in papers
    ]
    applicant = {
        "kind": "person",
        "name": NAMES[rng.randrange(len(NAMES))],
        "id_number": f"0311{rng.randrange(10**8):08d}",
        "phone": f"09{rng.randrange(10**8):08d}",
        "address": f"Số {rng.randrange(1, 300)} đường {STREETS[rng.randrange(len(STREETS))]}, Hải Phòng",
    }
    return {"procedure": procedure, "applicant": applicant, "papers": checklist}


def _inputs(office: OneStopOffice, count: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    papers = {p.pk: list(p.papers.order_by("order")) for p in office.procedures}
    procedures = office.procedures
    return [receipt_input(procedures[k % len(procedures)], papers[procedures[k % len(procedures)].pk], rng) for k in range(count)]


def _baseline_register(office: OneStopOffice) -> Register:
    register, _ = Register.objects.get_or_create(
        agency=office.baseline, kind=RegisterKind.DOSSIER, year=BASELINE_YEAR, series="raw", defaults={"name": "benchmark"}
    )
    return register


def _columns(model) -> tuple[list[str], str]:
    """Column names (without id) and a SELECT list reading them back in a form
    the engine accepts again as INSERT parameters; quoted ("order" is a keyword)."""
    quote = connection.ops.quote_name
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    cast = connection.vendor == "postgresql"
    select = [f"CAST({quote(f.column)} AS text)" if cast and isinstance(f, JSONField) else quote(f.column) for f in fields]
    return [f.column for f in fields], ", ".join(select)


def _read(model, where: str, params: list) -> list[list]:
    _, select = _columns(model)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {select} FROM {model._meta.db_table} WHERE {where} ORDER BY id", params)
        return [list(row) for row in cursor.fetchall()]


def _insert(model, names: list[str], returning: bool = False) -> str:
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {model._meta.db_table} ({', '.join(quote(n) for n in names)}) VALUES ({marks})"
    return sql + " RETURNING id" if returning else sql


def raw_receipts(office: OneStopOffice, ids: list[int]) -> dict:
    """The rows the receipts wrote, read back as stored, written again with raw
    SQL under the baseline agency: the dossier rows alone, then every row."""
    names, _ = _columns(Dossier)
    agency_col, code_col = names.index("agency_id"), names.index("code")
    dossiers = _read(Dossier, "id BETWEEN %s AND %s", [min(ids), max(ids)])
    where = "dossier_id BETWEEN %s AND %s"
    children = {model: _read(model, where, [min(ids), max(ids)]) for model in (DossierPaper, DossierStep, DossierEvent)}
    child_names = {model: _columns(model)[0] for model in children}
    audit_names, _ = _columns(AuditEvent)
    audits = {
        r[1 + audit_names.index("object_id")]: r[1:]
        for r in _read(AuditEvent, "action = %s AND object_type = %s", ["onestop.received", "onestop.dossier"])
    }
    by_dossier = {model: {} for model in children}
    for model, rows in children.items():
        column = child_names[model].index("dossier_id")
        for row in rows:
            by_dossier[model].setdefault(row[1 + column], []).append(row[1:])

    def dossier_row(row, tag: str) -> list:
        values = list(row[1:])
        values[agency_col], values[code_col] = office.baseline.pk, f"RAW{tag}-{row[0]}"
        return values

    insert = _insert(Dossier, names)
    with connection.cursor() as cursor:
        started = time.perf_counter()
        for row in dossiers:
            with transaction.atomic():
                cursor.execute(insert, dossier_row(row, "1"))
        dossier_s = time.perf_counter() - started

    register = _baseline_register(office)
    take = (
        f"UPDATE {Register._meta.db_table} SET last_number = last_number + 1 "
        "WHERE agency_id = %s AND kind = %s AND year = %s AND series = %s RETURNING id, last_number"
    )
    insert_returning = _insert(Dossier, names, returning=True)
    inserts = {model: _insert(model, child_names[model]) for model in children}
    insert_audit = _insert(AuditEvent, audit_names)
    with connection.cursor() as cursor:
        started = time.perf_counter()
        for row in dossiers:
            with transaction.atomic():
                cursor.execute(take, [office.baseline.pk, RegisterKind.DOSSIER.value, BASELINE_YEAR, "raw"])
                cursor.fetchone()
                cursor.execute(insert_returning, dossier_row(row, "2"))
                new_id = cursor.fetchone()[0]
                for model in children:
                    column = child_names[model].index("dossier_id")
                    for child in by_dossier[model].get(row[0], []):
                        values = list(child)
                        values[column] = new_id
                        cursor.execute(inserts[model], values)
                audit = list(audits[str(row[0])])
                audit[audit_names.index("object_id")] = str(new_id)
                cursor.execute(insert_audit, audit)
        all_s = time.perf_counter() - started
    assert Register.objects.get(pk=register.pk).last_number >= len(dossiers)
    return {"raw_insert_per_s": len(dossiers) / dossier_s, "raw_all_rows_per_s": len(dossiers) / all_s}


def measure_receipts(office: OneStopOffice, *, count: int, log) -> dict:
    """Receipts one after another by one officer, vs raw SQL of the same rows."""
    officer = build_actor(office.officers[0], office.agency)
    batch = _inputs(office, WARMUP + count + 1, seed=11)
    for data in batch[:WARMUP]:
        dossier_receive(actor=officer, **data)
    with CaptureQueriesContext(connection) as ctx:
        dossier_receive(actor=officer, **batch[WARMUP])
    ids, samples = [], []
    started = time.perf_counter()
    for data in batch[WARMUP + 1 :]:
        t0 = time.perf_counter()
        ids.append(dossier_receive(actor=officer, **data).pk)
        samples.append(time.perf_counter() - t0)
    per_s = count / (time.perf_counter() - started)
    raw = raw_receipts(office, ids)
    result = {
        "receipts": count,
        "queries_per_receipt": len(ctx.captured_queries),
        "per_s": round(per_s, 1),
        "receipt": timing(samples),
        "raw_insert_per_s": round(raw["raw_insert_per_s"], 1),
        "ratio_to_raw_insert": round(per_s / raw["raw_insert_per_s"], 4),
        "raw_all_rows_per_s": round(raw["raw_all_rows_per_s"], 1),
        "ratio_to_raw_all_rows": round(per_s / raw["raw_all_rows_per_s"], 4),
    }
    log(
        f"  receipts, one officer: {per_s:,.0f}/s ({result['queries_per_receipt']} queries each, p50 "
        f"{result['receipt']['p50_ms']:.1f} ms); raw dossier INSERT {raw['raw_insert_per_s']:,.0f}/s "
        f"(×{result['ratio_to_raw_insert']:.3f}), raw every row {raw['raw_all_rows_per_s']:,.0f}/s "
        f"(×{result['ratio_to_raw_all_rows']:.3f})"
    )
    return result


def _officer_thread(user_id: int, agency_id: int, batch: list[dict], barrier, out: dict) -> None:
    """One officer: its own connection (Django's are per thread), closed at the end."""
    try:
        actor = build_actor(User.objects.get(pk=user_id), Agency.objects.get(pk=agency_id))
        for data in batch[:PARALLEL_WARMUP]:
            dossier_receive(actor=actor, **data)
        barrier.wait()
        codes = []
        for data in batch[PARALLEL_WARMUP:]:
            try:
                codes.append(dossier_receive(actor=actor, **data).code)
            except Exception as exc:  # noqa: BLE001 - counted and reported
                out.setdefault("errors", []).append(f"{type(exc).__name__}: {exc}")
        out["codes"], out["end"] = codes, time.perf_counter()
    except threading.BrokenBarrierError:
        out.setdefault("errors", []).append("the start barrier broke")
    except Exception as exc:  # noqa: BLE001
        out.setdefault("errors", []).append(f"{type(exc).__name__}: {exc}")
        barrier.abort()
    finally:
        connection.close()


def measure_parallel_receipts(office: OneStopOffice, *, total: int, log) -> dict:
    """Receipts/s with several officers at once, one thread and connection each,
    all taking codes from the same day register."""
    runs = []
    for threads in PARALLEL_THREADS:
        per_thread = total // threads
        batch = _inputs(office, threads * (PARALLEL_WARMUP + per_thread), seed=100 + threads)
        args = [(office.officers[t].pk, office.agency.pk, batch[t::threads]) for t in range(threads)]
        outs, seconds = run_clerks(_officer_thread, args, timeout=300)
        runs.append(parallel_run(outs, seconds, threads, taken_key="codes", names=("receipts", "codes_distinct"), log=log))
    return {"total_per_run": total, "warmup_per_thread": PARALLEL_WARMUP, "runs": runs}


def code_check(agency: Agency) -> dict:
    """The codes of each day's register: exactly <organ id>-<yymmdd>-0001 … n, n its counter?"""
    days = []
    for register in Register.objects.filter(agency=agency, kind=RegisterKind.DOSSIER).order_by("series"):
        prefix = f"{agency.organ_id}-{register.series}-"
        codes = list(Dossier.objects.filter(agency=agency, code__startswith=prefix).values_list("code", flat=True))
        numbers = sorted(int(code[len(prefix) :]) for code in codes)
        n = register.last_number
        days.append(
            {
                "series": register.series,
                "last_number": n,
                "dossiers": len(numbers),
                "gap_free": numbers == list(range(1, n + 1)),
            }
        )
    return {"days": days, "gap_free": bool(days) and all(d["gap_free"] for d in days)}


# -------------------------------------------------------------------- statistics

CLOSED_KINDS = (EventKind.REFUSED.value, EventKind.WITHDRAWN.value)
RAW_GROUPS = {
    # group_by → (SELECT and GROUP BY columns, FROM)
    None: ("", "{dossier} d"),
    "procedure": ("p.id, p.code, p.name", "{dossier} d JOIN {procedure} p ON p.id = d.procedure_id"),
    "field": (
        "f.id, f.code, f.name",
        "{dossier} d JOIN {procedure} p ON p.id = d.procedure_id JOIN {field} f ON f.id = p.field_id",
    ),
    # Each dossier once per unit of its steps: the distinct pairs first.
    "unit": (
        "u.id, u.abbreviation, u.name",
        "(SELECT DISTINCT dossier_id, unit_id FROM {step}) s JOIN {dossier} d ON d.id = s.dossier_id "
        "LEFT JOIN {unit} u ON u.id = s.unit_id",
    ),
}
# Within the dossiers in play (the WHERE clause), as statistics.conditions.
RAW_FIGURES = {
    "carried_over": "d.received_at < %(begins)s",
    "received": "d.received_at >= %(begins)s",
    "received_online": "d.received_at >= %(begins)s AND d.channel = %(online)s",
    "resolved": "d.finished_at < %(ends)s",
    "early": "d.finished_at < %(ends)s AND d.timeliness = %(early)s",
    "on_time": "d.finished_at < %(ends)s AND d.timeliness = %(on_time)s",
    "late": "d.finished_at < %(ends)s AND d.timeliness = %(late)s",
    "refused": "d.status = %(refused)s AND {closed} < %(ends)s",
    "withdrawn": "d.status = %(withdrawn)s AND {closed} < %(ends)s",
    "pending": "{open_at_end}",
    "overdue": (
        "{open_at_end} AND d.due_at < %(moment)s "
        "AND (d.status <> %(supplement)s OR d.paused_at IS NULL OR d.due_at < d.paused_at)"
    ),
}


def raw_statistics_sql(group_by: str | None) -> str:
    """The same figures, hand-written: the closing time by a scalar subquery
    read only for refused and withdrawn dossiers, one CASE per figure, one
    GROUP BY (by unit over the distinct (dossier, unit) pairs of the steps)."""
    tables = {
        "dossier": Dossier._meta.db_table,
        "procedure": Procedure._meta.db_table,
        "field": ProcedureField._meta.db_table,
        "step": DossierStep._meta.db_table,
        "unit": Unit._meta.db_table,
    }
    closed = (
        f"COALESCE((SELECT MAX(e.at) FROM {DossierEvent._meta.db_table} e WHERE e.dossier_id = d.id "
        "AND e.kind IN (%(closed_kind_1)s, %(closed_kind_2)s)), d.received_at)"
    )

    def open_at(moment: str) -> str:
        return (
            f"(d.finished_at IS NULL OR d.finished_at >= {moment}) "
            f"AND (d.status NOT IN (%(refused)s, %(withdrawn)s) OR {closed} >= {moment})"
        )

    parts = {"closed": closed, "open_at_end": open_at("%(ends)s")}
    columns, source = RAW_GROUPS[group_by]
    figures = ",\n  ".join(f"COUNT(CASE WHEN {cond.format(**parts)} THEN 1 END) AS {name}" for name, cond in RAW_FIGURES.items())
    select = f"{columns},\n  " if columns else ""
    group = f"\nGROUP BY {columns}" if columns else ""
    return (
        f"SELECT {select}{figures}\nFROM {source.format(**tables)}\n"
        f"WHERE d.agency_id = %(agency)s AND d.received_at < %(ends)s "
        f"AND (d.received_at >= %(begins)s OR ({open_at('%(begins)s')})){group}"
    )


def raw_statistics(agency, start: date, end: date, group_by: str | None, now: datetime) -> dict:
    """{group key: {figure: count}, "total": {figure: count}} of the hand-written
    queries: the same number of queries as the application runs."""
    begins, ends = period_bounds(start, end)
    adapt = connection.ops.adapt_datetimefield_value
    params = {
        "agency": agency.pk,
        "begins": adapt(begins),
        "ends": adapt(ends),
        "moment": adapt(min(ends, now)),
        "online": Channel.ONLINE.value,
        "early": Timeliness.EARLY.value,
        "on_time": Timeliness.ON_TIME.value,
        "late": Timeliness.LATE.value,
        "refused": Status.REFUSED.value,
        "withdrawn": Status.WITHDRAWN.value,
        "supplement": Status.SUPPLEMENT.value,
        "closed_kind_1": CLOSED_KINDS[0],
        "closed_kind_2": CLOSED_KINDS[1],
    }
    out = {}
    with without_jit(), connection.cursor() as cursor:  # as the application runs its query
        if group_by:
            cursor.execute(raw_statistics_sql(group_by), params)
            out = {row[0]: dict(zip(RAW_FIGURES, row[3:], strict=True)) for row in cursor.fetchall()}
        if group_by in ("procedure", "field"):  # one group per dossier: the totals are the sum, as the application does
            out["total"] = {name: sum(group[name] for group in out.values()) for name in RAW_FIGURES}
        else:
            cursor.execute(raw_statistics_sql(None), params)
            out["total"] = dict(zip(RAW_FIGURES, cursor.fetchone(), strict=True))
    return out


def _app_figures(rows) -> dict:
    out = {}
    for row in rows:
        out["total" if row.is_total else row.key] = {name: getattr(row, name) for name in RAW_FIGURES}
    return out


def measure_statistics(agency, *, repeat: int, budget_s: float, log) -> dict:
    """dossier_statistics per grouping, for the last full month and the whole
    two years, against the hand-written query (its groups; the totals come
    from the ungrouped case)."""
    now = timezone.now()
    today = timezone.localtime(now).date()
    month_end = today.replace(day=1) - timedelta(days=1)
    periods = {
        "month": (month_end.replace(day=1), month_end),
        "two_years": (today - timedelta(days=DAYS_OF_HISTORY), today),
    }
    cases = []
    for period, (start, end) in periods.items():
        for group_by in GROUPS:

            def app(group_by=group_by, start=start, end=end):
                return dossier_statistics(agency=agency, start=start, end=end, group_by=group_by, now=now)

            def raw(group_by=group_by, start=start, end=end):
                return raw_statistics(agency, start, end, group_by, now)

            rows, hand = app(), raw()
            mine = _app_figures(rows)
            same = mine == hand
            run_variants([app, raw], repeat=2, budget_s=budget_s, min_samples=1)  # warm-up
            app_samples, raw_samples = run_variants([app, raw], repeat=repeat, budget_s=budget_s, min_samples=min(5, repeat))
            case = {
                "period": period,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "group_by": group_by or "none",
                "groups": len(rows) - 1,
                "handled": rows[-1].handled,
                "app": timing(app_samples),
                "raw": timing(raw_samples),
                "same_figures_as_raw": same,
            }
            case["ratio_p50"] = round(case["app"]["p50_ms"] / case["raw"]["p50_ms"], 2)
            cases.append(case)
            log(
                f"  statistics {period} by {case['group_by']}: {case['groups']} groups, {case['handled']:,} dossiers; "
                f"p50 {case['app']['p50_ms']:.1f} ms p95 {case['app']['p95_ms']:.1f} ms; hand-written p50 "
                f"{case['raw']['p50_ms']:.1f} ms (×{case['ratio_p50']:.2f}){'' if same else '; FIGURES DIFFER'}"
            )
    worst = max(cases, key=lambda c: c["app"]["p95_ms"])
    return {
        "cases": cases,
        "worst_p95_ms": worst["app"]["p95_ms"],
        "worst_case": f"{worst['period']} by {worst['group_by']}",
        "same_figures": all(c["same_figures_as_raw"] for c in cases),
    }


# ------------------------------------------------------------------------- all


def measure_onestop(org: Organisation, *, dossiers: int, receipts: int, parallel: int, repeat: int, log) -> dict:
    """The whole one-stop section on the current database."""
    started = time.perf_counter()
    office = prepare(org)
    log(f"  loading {dossiers:,} dossiers over {DAYS_OF_HISTORY} days")
    result: dict = {"load": load_dossiers(office, dossiers, seed=20260500, log=log)}
    result["dossiers_in_database"] = Dossier.objects.filter(agency=office.agency).count()
    result["statistics"] = measure_statistics(office.agency, repeat=repeat, budget_s=30.0, log=log)
    s = result["statistics"]
    s["goal_s"] = GOAL_STATISTICS_S
    s["met"] = s["worst_p95_ms"] < GOAL_STATISTICS_S * 1000
    result["receipt"] = measure_receipts(office, count=receipts, log=log)
    if parallel > 0 and connection.vendor == "postgresql":
        result["receipt_parallel"] = measure_parallel_receipts(office, total=parallel, log=log)
    elif parallel > 0:
        result["receipt_parallel"] = {"skipped": "PostgreSQL only: SQLite serialises every writer"}
    result["code_check"] = check = code_check(office.agency)
    log(
        "  dossier codes: "
        + ", ".join(f"{d['series']}: {d['dossiers']} codes, counter {d['last_number']}" for d in check["days"])
        + (": gap-free" if check["gap_free"] else ": GAPS OR DUPLICATES")
    )
    result["duration_s"] = round(time.perf_counter() - started, 1)
    return result
