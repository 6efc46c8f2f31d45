"""`make bench`: registration throughput and inbox latency, and the outgoing
documents' rendering, signing and issuance, on SQLite and PostgreSQL.

    python -m bench.run                      # full run: 10k, 100k, 1M documents, both engines
    python -m bench.run --quick              # 10k documents, 500 registrations
    python -m bench.run --sizes 100000 --databases sqlite
    python -m bench.run --only outgoing      # only the outgoing documents (about 1 min per engine)
    python -m bench.run --only search --databases sqlite   # search: 1M documents, tantivy vs raw vs Whoosh (~15 min)
    python -m bench.run --only onestop       # one-stop dossiers: receipts/s, statistics over 100k dossiers
    python -m bench.run --only home --sizes 10000,100000   # the home page's data for a leader at each size
    python -m bench.run --only tasks         # the reminders and digest jobs over 100k open tasks
    python -m bench.run --only exchange      # edXML packages received and registered per second; memory for 50 MB
    python -m bench.run --only serving       # 50 clients against `make run`'s server on the demo office (~5 min, SQLite)
    python -m bench.run --render-docs        # docs/benchmarks.md from the latest results

The parent process creates a fresh database per engine (a SQLite file under
var/bench/, a PostgreSQL database eoffice_bench_<pid>), runs a child process
`python -m bench.run --db <engine> --database-url … --out …` with DATABASE_URL
set before Django starts and a variable directory of its own (keys, signed
PDFs; removed afterwards), collects the child's JSON, drops the database, and
writes bench/results/<date>.json and docs/benchmarks.md.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench import report

ROOT = report.ROOT
DEFAULT_SIZES = [10_000, 100_000, 1_000_000]
QUICK_SIZES = [10_000]
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"
SECTIONS = ("incoming", "outgoing", "search", "onestop", "home", "tasks", "exchange")
# Only with --only: its own database (the demo office) and a running server (bench/serving.py).
SEPARATE = ("serving",)
# Exchange: received packages of 1 MB each, the size of the large one in MB (default, with --quick).
EXCHANGE_COUNTS = {"packages": (200, 40), "memory_mb": (50, 50)}
TASKS = 100_000  # open tasks for the daily jobs (tasks section)
# Outgoing documents: (default, with --quick).
OUTGOING_COUNTS = {"renders": (30, 8), "signatures": (20, 5), "issuances": (60, 20), "parallel_issuances": (40, 16)}
# Search: documents in the index, in the Whoosh comparison (default, with --quick).
SEARCH_DOCS = {"search_docs": (1_000_000, 20_000), "whoosh_docs": (100_000, 5_000)}
# One-stop dossiers: in the statistics data set, receipts by one officer, by four, statistics rounds (default, with --quick).
ONESTOP_COUNTS = {
    "dossiers": (100_000, 10_000),
    "receipts": (1000, 200),
    "parallel_receipts": (400, 100),
    "stats_repeat": (20, 5),
}
# Benchmark databases and variable directories: under EOFFICE_VAR_DIR when set.
BENCH_VAR = Path(os.environ.get("EOFFICE_VAR_DIR") or ROOT / "var") / "bench"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", help="documents in the database, comma-separated (default 10000,100000,1000000)")
    parser.add_argument("--quick", action="store_true", help="10k documents and 500 registrations")
    parser.add_argument("--databases", help="sqlite, postgresql or both (default; --only serving: sqlite, what `make run` uses)")
    parser.add_argument("--registrations", type=int, help="registrations per size (default 2000; 500 with --quick)")
    parser.add_argument(
        "--parallel-registrations",
        type=int,
        help="registrations per thread count with several clerks at once, at the first size (default 1200; 400 with --quick)",
    )
    parser.add_argument("--repeat", type=int, default=200, help="inbox repetitions per case (default 200)")
    parser.add_argument(
        "--only",
        choices=SECTIONS + SEPARATE,
        help="one section: incoming, outgoing, search, onestop, home, tasks, exchange or serving",
    )
    parser.add_argument(
        "--serving-seconds", type=float, help="serving: seconds of each workload, mixed then /healthz (default 60; 15 --quick)"
    )
    parser.add_argument("--packages", type=int, help="exchange: packages of 1 MB received (default 200; 40 with --quick)")
    parser.add_argument("--memory-mb", type=int, help="exchange: the large package's file in MB (default 50)")
    parser.add_argument("--renders", type=int, help="outgoing: PDF and DOCX renders per type (default 30; 8 with --quick)")
    parser.add_argument("--signatures", type=int, help="outgoing: signatures, ours and bare pyHanko (default 20; 5 with --quick)")
    parser.add_argument("--issuances", type=int, help="outgoing: issuances by one clerk (default 60; 20 with --quick)")
    parser.add_argument(
        "--parallel-issuances",
        type=int,
        help="outgoing, PostgreSQL: issuances per thread count with several clerks at once (default 40; 16 with --quick)",
    )
    parser.add_argument("--search-docs", type=int, help="search: documents indexed (default 1000000; 20000 with --quick)")
    parser.add_argument(
        "--whoosh-docs", type=int, help="search: documents of the sample Whoosh and tantivy are compared on (default 100000)"
    )
    parser.add_argument(
        "--dossiers", type=int, help="onestop: dossiers in the statistics data set (default 100000; 10000 with --quick)"
    )
    parser.add_argument("--receipts", type=int, help="onestop: receipts by one officer (default 1000; 200 with --quick)")
    parser.add_argument(
        "--parallel-receipts",
        type=int,
        help="onestop, PostgreSQL: receipts by four officers at once (default 400; 100 with --quick)",
    )
    parser.add_argument("--stats-repeat", type=int, help="onestop: rounds per statistics case (default 20; 5 with --quick)")
    parser.add_argument("--case-budget", type=float, default=10.0, help="seconds after which an inbox case stops early")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark databases")
    parser.add_argument("--render-docs", action="store_true", help="only rewrite docs/benchmarks.md from the latest results")
    # Child mode (run by the parent).
    parser.add_argument("--db", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.sizes:
        try:
            args.sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
        except ValueError:
            parser.error("--sizes: whole numbers separated by commas, e.g. 100000,1000000")
        if not args.sizes or args.sizes[0] < 1000:
            parser.error("--sizes: at least 1000 documents")
    else:
        args.sizes = QUICK_SIZES if args.quick else DEFAULT_SIZES
    if args.registrations is None:
        args.registrations = 500 if args.quick else 2000
    if args.parallel_registrations is None:
        args.parallel_registrations = 400 if args.quick else 1200
    for name, (default, quick) in OUTGOING_COUNTS.items():
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else default)
    for name, (default, quick) in SEARCH_DOCS.items():
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else default)
    for name, (default, quick) in ONESTOP_COUNTS.items() | EXCHANGE_COUNTS.items():
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else default)
    if min(args.dossiers, args.receipts, args.stats_repeat) < 1 or args.parallel_receipts < 0:
        parser.error("--dossiers, --receipts, --stats-repeat: at least 1; --parallel-receipts: 0 or more")
    if min(args.search_docs, args.whoosh_docs) < 0:
        parser.error("--search-docs, --whoosh-docs: 0 or more")
    if min(args.renders, args.signatures, args.issuances) < 1 or args.parallel_issuances < 0:
        parser.error("--renders, --signatures, --issuances: at least 1; --parallel-issuances: 0 or more")
    if args.serving_seconds is None:
        args.serving_seconds = 15.0 if args.quick else 60.0
    # Serving is run against the server `make run` starts: on SQLite unless asked.
    args.databases = args.databases or ("sqlite" if args.only == "serving" else "sqlite,postgresql")
    aliases = {"postgres": "postgresql", "pg": "postgresql", "sqlite3": "sqlite"}
    args.databases = [aliases.get(d.strip(), d.strip()) for d in args.databases.split(",") if d.strip()]
    unknown = set(args.databases) - set(report.ENGINES)
    if unknown:
        parser.error(f"--databases: unknown {', '.join(sorted(unknown))} (sqlite, postgresql)")
    return args


# ------------------------------------------------------------------- child


def child(args) -> None:
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eoffice.settings")
    if args.only == "serving":
        from bench.serving import use_make_run_settings

        use_make_run_settings()  # before Django reads them
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.dataset import check_columns, check_indexes, create_organisation, index_definitions, load_documents
    from bench.measure import TABS, measure_inbox, measure_parallel_registration, measure_registration
    from eoffice.incoming.models import Assignment, IncomingDocument
    from eoffice.organisation.selectors import build_actor

    started = time.perf_counter()
    if args.only == "search":  # the index is built from Entries: no database needed
        # Measured with the first engine only (search_docs 0 for the others).
        search = run_search(args) if args.search_docs else {"skipped": "the index needs no database: see the first engine"}
        result = {"engine": args.db, "stages": [], "search": search, "duration_s": 0.0}
        result["duration_s"] = round(time.perf_counter() - started, 1)
        result.update(engine_info(connection))
        Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
        return
    if args.only == "serving":  # its own data (the demo office) and server: bench/serving.py
        result = {"engine": args.db, "stages": [], "serving": run_serving(args)}
        result["duration_s"] = round(time.perf_counter() - started, 1)
        result.update(engine_info(connection))
        Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
        return
    check_columns()
    call_command("migrate", verbosity=0, interactive=False)
    check_indexes()
    org = create_organisation()
    log(f"[{args.db}] migrated and created the organisation in {time.perf_counter() - started:.1f} s")
    clerk = build_actor(org.clerk, org.agency)
    personas = {
        "unit_head": build_actor(org.heads[0], org.agency),
        "specialist": build_actor(org.specialists[0][0], org.agency),
        "leader": build_actor(org.leaders[0], org.agency),
    }
    sections = [args.only] if args.only else list(SECTIONS)
    stages = []
    for index, size in enumerate(args.sizes if "incoming" in sections else []):
        current = IncomingDocument.objects.count()
        stage = {"documents": size, "load_average_start": _load_average()}
        if size > current:
            log(f"[{args.db}] loading {size - current:,} documents to reach {size:,}")
            stage["load"] = load_documents(org, size - current, seed=20260000 + index, log=log)
        stage["documents"] = IncomingDocument.objects.count()
        stage["assignments"] = Assignment.objects.count()
        stage["inbox"] = []
        last = index == len(args.sizes) - 1
        for persona, actor in personas.items():
            for tab in TABS:
                case = measure_inbox(actor, tab, repeat=args.repeat, budget_s=args.case_budget, with_plan=last)
                case["persona"] = persona
                stage["inbox"].append(case)
                parts = ", ".join(f"{k} {v['p50_ms']:.1f}" for k, v in case["view_parts"].items())
                log(
                    f"[{args.db}] {stage['documents']:,} docs {persona}/{tab}: {case['rows_in_tab']:,} rows, "
                    f"page p50 {case['app']['p50_ms']:.2f} ms p95 {case['app']['p95_ms']:.2f} ms "
                    f"({case['queries']} queries; its SQL via cursor p50 {case['app_sql_via_cursor']['p50_ms']:.2f} ms; "
                    f"hand-written p50 {case['raw']['p50_ms']:.2f} ms, ratio {case['ratio_app_to_raw_p50']:.2f}"
                    f"{'' if case['same_rows_as_raw'] else ', ROWS DIFFER'}); "
                    f"view p50 {case['view']['p50_ms']:.1f} p95 {case['view']['p95_ms']:.1f} ms "
                    f"({case['view']['queries']} queries; p50 {parts})"
                )
        log(f"[{args.db}] {args.registrations:,} registrations at {stage['documents']:,} documents")
        stage["registration"] = measure_registration(clerk, count=args.registrations, seq_start=index * 100_000, log=log)
        if index == 0 and args.parallel_registrations > 0:  # only at the smallest size: keeps the full run short
            log(f"[{args.db}] {args.parallel_registrations:,} registrations with 2, 4 and 8 clerks at once")
            clerks = [org.clerk, *org.extra_clerks]
            stage["registration_parallel"] = measure_parallel_registration(
                clerks, org.agency, total=args.parallel_registrations, seq_start=1_000_000, log=log
            )
        stage["load_average_end"] = _load_average()
        stages.append(stage)

    result = {"engine": args.db, "stages": stages}
    if "outgoing" in sections:
        result["outgoing"] = run_outgoing(org, args)
    if "onestop" in sections:
        result["onestop"] = run_onestop(org, args)
    if "search" in sections and args.search_docs:
        result["search"] = run_search(args)
    if "home" in sections:
        result["home"] = run_home(org, args)
    if "tasks" in sections:
        result["tasks"] = run_tasks(org, args)
    if "exchange" in sections:
        result["exchange"] = run_exchange(org, args)
    result["duration_s"] = round(time.perf_counter() - started, 1)
    result["indexes"] = index_definitions()
    result.update(engine_info(connection))
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


def run_outgoing(org, args) -> dict:
    """The outgoing section; a failure is recorded, not fatal, so that the
    figures of the other sections are kept."""
    import traceback

    from bench.outgoing import measure_outgoing

    log(
        f"[{args.db}] outgoing documents: {args.renders} renders per type, {args.signatures} signatures, "
        f"{args.issuances} issuances" + (f", {args.parallel_issuances} with several clerks" if args.db == "postgresql" else "")
    )
    try:
        return measure_outgoing(
            org,
            renders=args.renders,
            signatures=args.signatures,
            issuances=args.issuances,
            parallel=args.parallel_issuances,
            log=log,
        )
    except Exception as exc:  # noqa: BLE001 - reported in the results
        traceback.print_exc()
        return {"error": f"{type(exc).__name__}: {exc}"}


def run_onestop(org, args) -> dict:
    """The one-stop section (receipts, statistics); a failure is recorded, not fatal."""
    import traceback

    from bench.onestop import measure_onestop

    log(
        f"[{args.db}] one-stop dossiers: statistics over {args.dossiers:,}, {args.receipts} receipts"
        + (f", {args.parallel_receipts} with four officers" if args.db == "postgresql" else "")
    )
    try:
        return measure_onestop(
            org,
            dossiers=args.dossiers,
            receipts=args.receipts,
            parallel=args.parallel_receipts,
            repeat=args.stats_repeat,
            log=log,
        )
    except Exception as exc:  # noqa: BLE001 - reported in the results
        traceback.print_exc()
        return {"error": f"{type(exc).__name__}: {exc}"}


def run_home(org, args) -> dict:
    """The home page section (bench/home.py); a failure is recorded, not fatal."""
    import traceback

    from bench.home import measure_home

    log(f"[{args.db}] home page: a leader's data at {', '.join(f'{s:,}' for s in args.sizes)} documents")
    try:
        return measure_home(org, sizes=args.sizes, repeat=args.repeat, budget_s=args.case_budget, log=log)
    except Exception as exc:  # noqa: BLE001 - reported in the results
        traceback.print_exc()
        return {"error": f"{type(exc).__name__}: {exc}"}


def run_tasks(org, args) -> dict:
    """The daily task jobs (bench/tasks.py); a failure is recorded, not fatal."""
    import traceback

    from bench.tasks import measure_tasks

    log(f"[{args.db}] tasks: the reminders and digest jobs over {TASKS:,} open tasks")
    try:
        return measure_tasks(org, count=TASKS, log=log)
    except Exception as exc:  # noqa: BLE001 - reported in the results
        traceback.print_exc()
        return {"error": f"{type(exc).__name__}: {exc}"}


def run_exchange(org, args) -> dict:
    """Received edXML packages (bench/exchange.py); a failure is recorded, not fatal."""
    import traceback

    from bench.exchange import measure_exchange

    log(f"[{args.db}] exchange: {args.packages} packages of 1 MB received and registered; one of {args.memory_mb} MB")
    try:
        return measure_exchange(org, count=args.packages, memory_mb=args.memory_mb, log=log)
    except Exception as exc:  # noqa: BLE001 - reported in the results
        traceback.print_exc()
        return {"error": f"{type(exc).__name__}: {exc}"}


def run_serving(args) -> dict:
    """50 clients against `make run`'s server (bench/serving.py); a failure is recorded, not fatal."""
    import traceback

    from bench.serving import CLIENTS, measure_serving

    log(f"[{args.db}] serving: the demo office, {CLIENTS} clients, {args.serving_seconds:.0f} s per workload")
    try:
        return measure_serving(seconds=args.serving_seconds, log=log)
    except Exception as exc:  # noqa: BLE001 - reported in the results
        traceback.print_exc()
        return {"error": f"{type(exc).__name__}: {exc}"}


def run_search(args) -> dict:
    """The search section (tantivy needs no database: the same figures on either
    engine, so the parent runs it once); a failure is recorded, not fatal."""
    import traceback

    from bench.search import measure_search

    log(f"[{args.db}] search: {args.search_docs:,} documents, Whoosh compared on {args.whoosh_docs:,}")
    try:
        root = Path(os.environ["EOFFICE_VAR_DIR"]) / "search-index"
        rounds, budget = (3, 20.0) if args.search_docs < 100_000 else (5, 60.0)
        return measure_search(
            root, documents=args.search_docs, whoosh_documents=args.whoosh_docs, rounds=rounds, budget=budget, log=log
        )
    except Exception as exc:  # noqa: BLE001 - reported in the results
        traceback.print_exc()
        return {"error": f"{type(exc).__name__}: {exc}"}


def _load_average() -> list[float] | None:
    """1, 5 and 15-minute load averages: other work on the machine skews timings."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def engine_info(connection) -> dict:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            settings = {}
            for pragma in ("journal_mode", "synchronous", "cache_size"):
                cursor.execute(f"PRAGMA {pragma}")
                value = cursor.fetchone()[0]
                settings[pragma] = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[value] if pragma == "synchronous" else value
            return {"version": connection.Database.sqlite_version, "settings": settings}
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        settings = {}
        for name in ("shared_buffers", "work_mem", "effective_cache_size", "random_page_cost", "synchronous_commit"):
            cursor.execute(f"SHOW {name}")
            settings[name] = cursor.fetchone()[0]
        return {"version": version, "settings": settings}


# ------------------------------------------------------------------ parent


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


class Postgres:
    """A throw-away database on the server named by BENCH_POSTGRES_URL."""

    def __init__(self):
        self.admin_url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
        self.name = f"eoffice_bench_{os.getpid()}"

    def _connect(self):
        import psycopg

        return psycopg.connect(self.admin_url.replace("postgres://", "postgresql://", 1), autocommit=True, connect_timeout=5)

    def create(self) -> str:
        with self._connect() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {self.name}")
            conn.execute(f"CREATE DATABASE {self.name} TEMPLATE template0 ENCODING 'UTF8'")
        return _with_database(self.admin_url, self.name)

    def drop(self) -> None:
        with self._connect() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


class Sqlite:
    def __init__(self):
        self.path = BENCH_VAR / f"eoffice_bench_{os.getpid()}.sqlite3"

    def create(self) -> str:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.drop()
        return f"sqlite:///{self.path}"

    def drop(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)


def run_engine(engine: str, args) -> dict:
    target = Sqlite() if engine == "sqlite" else Postgres()
    try:
        url = target.create()
    except Exception as exc:
        note = f"PostgreSQL unreachable at {getattr(target, 'admin_url', '')} ({str(exc).strip().splitlines()[0]})"
        log(f"NOTE: skipping {report.ENGINES[engine]}: {note}")
        return {"skipped": note}
    env = dict(os.environ)
    env.setdefault("SECRET_KEY", "bench-secret-key")
    env.setdefault("EOFFICE_TASKS", "immediate")
    # Indexing runs in the job worker in production, not in the request: with
    # immediate jobs it would land inside the registrations measured here.
    env.setdefault("EOFFICE_SEARCH_BACKEND", "off")
    var = BENCH_VAR / f"run-{os.getpid()}-{engine}"  # keys, signed PDFs: thrown away with the database
    env["EOFFICE_VAR_DIR"] = str(var)
    env["DJANGO_SETTINGS_MODULE"] = "eoffice.settings"
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    command = [sys.executable, "-m", "bench.run", "--db", engine, "--database-url", url, "--out", str(out)]
    command += ["--sizes", ",".join(map(str, args.sizes)), "--registrations", str(args.registrations)]
    command += ["--parallel-registrations", str(args.parallel_registrations)]
    command += ["--repeat", str(args.repeat), "--case-budget", str(args.case_budget)]
    command += ["--renders", str(args.renders), "--signatures", str(args.signatures), "--issuances", str(args.issuances)]
    command += ["--parallel-issuances", str(args.parallel_issuances)] + (["--only", args.only] if args.only else [])
    command += ["--serving-seconds", str(args.serving_seconds)]
    # The tantivy index does not depend on the database: measured with the first engine only.
    search_docs = args.search_docs if engine == args.databases[0] else 0
    command += ["--search-docs", str(search_docs), "--whoosh-docs", str(args.whoosh_docs)]
    counts = [*ONESTOP_COUNTS, *EXCHANGE_COUNTS]
    command += [arg for name in counts for arg in (f"--{name.replace('_', '-')}", str(getattr(args, name)))]
    try:
        started = time.perf_counter()
        code = subprocess.call(command, cwd=ROOT, env=env)  # noqa: S603 - our own interpreter and module
        if code != 0:
            return {"error": f"the {engine} run failed with exit code {code} (see its output above)"}
        result = json.loads(out.read_text(encoding="utf-8"))
        result["wall_s"] = round(time.perf_counter() - started, 1)
        result["goals"] = report.evaluate(result)
        return result
    finally:
        out.unlink(missing_ok=True)
        if args.keep:
            log(f"kept the {engine} benchmark database: {url} (variable directory {var})")
        else:
            shutil.rmtree(var, ignore_errors=True)
            try:
                target.drop()
            except Exception as exc:
                log(f"WARNING: could not drop the {engine} benchmark database {url}: {exc}")


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.db:
        child(args)
        return 0
    if args.render_docs:
        latest = report.latest_full_results()
        if latest is None:
            log("No bench/results/<date>.json yet: run `make bench` first.")
            return 1
        report.write_docs(latest)
        log(f"docs/benchmarks.md rewritten from {latest.relative_to(ROOT)}")
        return 0

    both = set(args.databases) == set(report.ENGINES)
    full = args.only is None and args.sizes == DEFAULT_SIZES and not args.quick and both
    # A complete outgoing section on its own: shown in docs/benchmarks.md until a full run has one.
    outgoing = args.only == "outgoing" and not args.quick and both
    outgoing &= all(getattr(args, name) == default for name, (default, _) in OUTGOING_COUNTS.items())
    label = "" if full else ("-quick" if args.quick else "-custom")
    if args.only == "outgoing":
        label = "-outgoing" + ("" if outgoing else label)
    # A complete search section on its own (one engine is enough: the index needs no database).
    search = args.only == "search" and not args.quick
    search &= all(getattr(args, name) == default for name, (default, _) in SEARCH_DOCS.items())
    if args.only == "search":
        label = "-search" + ("" if search else label)
    # A complete one-stop section on its own: shown in docs/benchmarks.md until a full run has one.
    onestop = args.only == "onestop" and not args.quick and both
    onestop &= all(getattr(args, name) == default for name, (default, _) in ONESTOP_COUNTS.items())
    if args.only == "onestop":
        label = "-onestop" + ("" if onestop else label)
    if args.only in ("home", "tasks"):
        label = f"-{args.only}" + label
    # A complete serving section on its own (SQLite is enough: what `make run` uses).
    serving = args.only == "serving" and not args.quick and args.serving_seconds == 60
    if args.only == "serving":
        label = "-serving" + ("" if serving else label)
    started_at = datetime.now().astimezone()
    started = time.perf_counter()
    results = {
        "date": date.today().isoformat(),
        "started_at": started_at.isoformat(timespec="seconds"),
        "kind": label[1:] or "full",
        "arguments": {
            "sizes": args.sizes,
            "registrations": args.registrations,
            "parallel_registrations": args.parallel_registrations,
            "repeat": args.repeat,
            "case_budget_s": args.case_budget,
            "only": args.only,
            **{name: getattr(args, name) for name in OUTGOING_COUNTS},
            **{name: getattr(args, name) for name in SEARCH_DOCS},
            **{name: getattr(args, name) for name in ONESTOP_COUNTS},
            "serving_seconds": args.serving_seconds,
        },
        "goals": {
            "registrations_per_s": report.GOAL_REGISTRATIONS_PER_S,
            "inbox_p95_ms": report.GOAL_INBOX_P95_MS,
            "inbox_documents": report.GOAL_INBOX_DOCUMENTS,
        },
        "machine": report.machine_info(),
        "load_average_start": _load_average(),
        "databases": {},
    }
    if (results["load_average_start"] or [0])[0] > 1:
        log(f"NOTE: load average {results['load_average_start'][0]} before the start: other work may skew the timings")
    failed = False
    for engine in args.databases:
        what = {
            "outgoing": "outgoing documents",
            "search": "search",
            "onestop": "one-stop dossiers",
            "home": "home page",
            "tasks": "tasks",
            "serving": "50 clients against make run's server",
        }.get(args.only) or f"sizes {', '.join(f'{s:,}' for s in args.sizes)}"
        log(f"== {report.ENGINES[engine]}: {what}")
        results["databases"][engine] = run_engine(engine, args)
        if "version" in results["databases"][engine]:
            results["machine"][engine] = results["databases"][engine]["version"]
        failed |= "error" in results["databases"][engine]
    results["duration_s"] = round(time.perf_counter() - started, 1)
    results["load_average_end"] = _load_average()
    path = report.RESULTS_DIR / f"{results['date']}{label}.json"
    report.write_json(path, results)
    log("")
    for line in report.summary_lines(results):
        log(line)
    log(f"\nResults: {path.relative_to(ROOT)} ({results['duration_s'] / 60:.1f} min)")
    latest = path if full else report.latest_full_results() if outgoing or search or onestop or serving else None
    if latest is not None:
        report.write_docs(latest)
        log(f"docs/benchmarks.md updated from {latest.relative_to(ROOT)}" + ("" if full else f" and {path.relative_to(ROOT)}"))
    else:
        log(
            "docs/benchmarks.md unchanged (a full `make bench`, or a full `--only outgoing`, `--only search`, "
            "`--only onestop` or `--only serving` run rewrites it)"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
