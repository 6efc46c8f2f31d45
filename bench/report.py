"""Machine information, results files and docs/benchmarks.md."""

import json
import os
import platform
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
DOCS = ROOT / "docs" / "benchmarks.md"

GOAL_REGISTRATIONS_PER_S = 300
GOAL_INBOX_P95_MS = 50
GOAL_INBOX_DOCUMENTS = 1_000_000
ENGINES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
PERSONAS = {
    "unit_head": "unit head (own tasks + unit's tasks)",
    "specialist": "specialist (own tasks)",
    "leader": "leader (reviews)",
}
NOTES_BEGIN, NOTES_END = "<!-- notes:begin -->", "<!-- notes:end -->"
DEFAULT_NOTES = """_Analysis of the latest full run. `make bench` regenerates everything in this
file except the text between the notes markers._"""


def machine_info() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    import django

    return {
        "platform": platform.platform(),
        "cpu": cpu or platform.machine(),
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "django": django.get_version(),
    }


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def latest_full_results() -> Path | None:
    """The newest bench/results/<YYYY-MM-DD>.json (quick and custom runs excluded)."""
    full = sorted(p for p in RESULTS_DIR.glob("*.json") if re.fullmatch(r"\d{4}-\d{2}-\d{2}\.json", p.name))
    return full[-1] if full else None


# ------------------------------------------------------------------- goals


def evaluate(engine: dict) -> dict:
    """Whether one engine's results meet the goals of the issue."""
    stages = engine.get("stages") or []
    if not stages:
        return {}
    regs = [(s["registration"]["service_per_s"], s["documents"]) for s in stages if s.get("registration")]
    out: dict = {}
    if regs:
        rate, size = min(regs)
        out["registrations"] = {"worst_per_s": rate, "at_documents": size, "met": rate >= GOAL_REGISTRATIONS_PER_S}
    big = [s for s in stages if s["documents"] >= GOAL_INBOX_DOCUMENTS]
    if big:
        cases = [(c["orm"]["p95_ms"], s["documents"], c["persona"], c["tab"]) for s in big for c in s["inbox"]]
        p95, size, persona, tab = max(cases)
        failing = [f"{c[2]}/{c[3]}" for c in cases if c[0] > GOAL_INBOX_P95_MS]
        out["inbox_p95"] = {
            "worst_p95_ms": p95,
            "at_documents": size,
            "persona": persona,
            "tab": tab,
            "failing": failing,
            "met": p95 <= GOAL_INBOX_P95_MS,
        }
    proposed = [
        (c["proposed"]["p95_ms"], s["documents"], c["persona"], c["tab"], c["queries"], c["same_rows_as_current"])
        for s in big
        for c in (s.get("proposal") or {}).get("cases", [])
    ]
    if proposed:
        p95, size, persona, tab, _, _ = max(proposed)
        out["inbox_p95_proposed"] = {
            "worst_p95_ms": p95,
            "at_documents": size,
            "persona": persona,
            "tab": tab,
            "failing": [f"{c[2]}/{c[3]}" for c in proposed if c[0] > GOAL_INBOX_P95_MS],
            "queries_seen": sorted({c[4] for c in proposed}),
            "same_rows": all(c[5] for c in proposed),
            "met": p95 <= GOAL_INBOX_P95_MS and all(c[5] for c in proposed),
        }
    per_case: dict[tuple, set] = {}
    for s in stages:
        for c in s["inbox"]:
            per_case.setdefault((c["persona"], c["tab"]), set()).add(c["queries"])
    counts = sorted({q for qs in per_case.values() for q in qs})
    out["constant_queries"] = {
        "sizes": [s["documents"] for s in stages],
        "queries_seen": counts,
        # Constant means the same at every size: undecided with only one size.
        "met": all(len(qs) == 1 for qs in per_case.values()) if len(stages) > 1 else None,
    }
    return out


# ---------------------------------------------------------------- markdown


def _n(value) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def _size(documents: int) -> str:
    if documents >= 1_000_000 and documents % 1_000_000 == 0:
        return f"{documents // 1_000_000}M"
    if documents >= 1000 and documents % 1000 == 0:
        return f"{documents // 1000}k"
    return f"{documents:,}"


def _ms(value: float) -> str:
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def _mark(met: bool | None) -> str:
    return "—" if met is None else ("✅ met" if met else "❌ missed")


def _goal_rows(results: dict) -> list[str]:
    engines = [(key, results["databases"].get(key, {})) for key in ENGINES]
    head = "| goal | " + " | ".join(ENGINES[k] for k, _ in engines) + " |"
    rows = [head, "|---|" + "---|" * len(engines)]

    def cell(engine, key, text):
        if engine.get("skipped"):
            return "not run"
        goal = engine.get("goals", {}).get(key)
        return "not measured" if not goal else f"{text(goal)} {_mark(goal['met'])}"

    cells = [
        cell(e, "registrations", lambda g: f"{g['worst_per_s']:,.0f}/s (slowest, at {_size(g['at_documents'])} documents)")
        for _, e in engines
    ]
    rows.append(f"| ≥ {GOAL_REGISTRATIONS_PER_S} registrations/s through the service layer | " + " | ".join(cells) + " |")
    cells = [
        cell(
            e,
            "inbox_p95",
            lambda g: (
                f"worst p95 {_ms(g['worst_p95_ms'])} ms ({g['persona']}, {g['tab']})"
                + (f"; over the goal: {', '.join(g['failing'])}" if g["failing"] else "")
            ),
        )
        for _, e in engines
    ]
    rows.append(f"| inbox p95 ≤ {GOAL_INBOX_P95_MS} ms at {_size(GOAL_INBOX_DOCUMENTS)} documents | " + " | ".join(cells) + " |")
    cells = [
        cell(
            e,
            "constant_queries",
            lambda g: f"{', '.join(map(str, g['queries_seen']))} per page at {', '.join(_size(s) for s in g['sizes'])}",
        )
        for _, e in engines
    ]
    rows.append("| constant number of queries per inbox page | " + " | ".join(cells) + " |")
    if any(e.get("goals", {}).get("inbox_p95_proposed") for _, e in engines):
        cells = [
            cell(
                e,
                "inbox_p95_proposed",
                lambda g: (
                    f"worst p95 {_ms(g['worst_p95_ms'])} ms ({g['persona']}, {g['tab']}), "
                    f"{', '.join(map(str, g['queries_seen']))} query per page" + ("" if g["same_rows"] else ", ⚠ rows differ")
                ),
            )
            for _, e in engines
        ]
        rows.append(
            f"| *with the proposed indexes and query (`bench/proposal.py`, not in the application)*: "
            f"inbox p95 ≤ {GOAL_INBOX_P95_MS} ms at {_size(GOAL_INBOX_DOCUMENTS)} | " + " | ".join(cells) + " |"
        )
    return rows


def _engine_section(key: str, engine: dict) -> list[str]:
    name = ENGINES[key]
    out = [f"## {name}", ""]
    if engine.get("skipped"):
        return [*out, f"Not run: {engine['skipped']}", ""]
    if engine.get("error"):
        return [*out, f"Failed: {engine['error']}", ""]
    settings = ", ".join(f"{k} = {v}" for k, v in engine.get("settings", {}).items())
    out += [f"{name} {engine.get('version', '?')}; {settings}.", ""]
    stages = engine["stages"]

    out += ["### Registration", ""]
    out += [
        "| documents in the database | service (incoming_register) | raw INSERT, same rows | service / raw "
        "| raw SQL, every row the service writes | service / that | queries per registration |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in stages:
        r = s.get("registration")
        if r:
            out.append(
                f"| {_size(s['documents'])} | {r['service_per_s']:,.0f}/s | {r['raw_insert_per_s']:,.0f}/s "
                f"| {r['ratio_service_to_raw']:.3f} | {r['raw_all_rows_per_s']:,.0f}/s "
                f"| {r['ratio_service_to_raw_all_rows']:.3f} | {r['queries_per_registration']} |"
            )
    out.append("")

    out += ["### Inbox (one page of 50)", ""]
    out += [
        "| documents | who | tab | rows in tab | p50 ms | p95 ms | queries | ORM's SQL via cursor p50 "
        "| hand-written SQL p50 | hand-written SQL p95 | ORM / hand-written (p50) | whole view p50 / p95 ms (queries) |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for s in stages:
        for c in s["inbox"]:
            o, r, v = c["orm"], c["raw"], c["view"]
            flag = " ❌" if s["documents"] >= GOAL_INBOX_DOCUMENTS and o["p95_ms"] > GOAL_INBOX_P95_MS else ""
            same = "" if c["same_rows_as_raw"] else " ⚠ rows differ"
            out.append(
                f"| {_size(s['documents'])} | {c['persona'].replace('_', ' ')} | {c['tab']} | {c['rows_in_tab']:,} "
                f"| {_ms(o['p50_ms'])} | {_ms(o['p95_ms'])}{flag} | {c['queries']} | {_ms(c['orm_sql_via_cursor']['p50_ms'])} "
                f"| {_ms(r['p50_ms'])} | {_ms(r['p95_ms'])} | {c['ratio_orm_to_raw_p50']:.2f}{same} "
                f"| {_ms(v['p50_ms'])} / {_ms(v['p95_ms'])} ({v['queries']}) |"
            )
    out.append("")
    samples = sorted({c["orm"]["samples"] for s in stages for c in s["inbox"]})
    out += [
        f"Samples per case: {samples[0]}–{samples[-1]} (fewer when a case ran past its time budget).",
        "",
    ]
    loads = [(s["documents"], s.get("load_average_start"), s.get("load_average_end")) for s in stages]
    loads = [f"{_size(n)}: {a[0]} → {b[0]}" for n, a, b in loads if a and b]
    if loads:
        out += [f"Load average (1 min) at the start and end of each size: {'; '.join(loads)}.", ""]

    proposals = [(s, s["proposal"]) for s in stages if s.get("proposal")]
    if proposals:
        out += ["### Proposed inbox indexes and query (measured on the benchmark database only)", ""]
        out += [
            "Defined in `bench/proposal.py`; the indexes are created after the current code is measured and dropped again.",
            "",
        ]
        out += ["```sql", *(sql.strip() + ";" for sql in proposals[-1][1]["indexes"]), "```", ""]
        out += [
            "| documents | who | tab | current p50 / p95 ms | proposed p50 / p95 ms | queries | same rows |",
            "|---:|---|---|---:|---:|---:|---|",
        ]
        for s, proposal in proposals:
            current = {(c["persona"], c["tab"]): c for c in s["inbox"]}
            for c in proposal["cases"]:
                o, p = current[(c["persona"], c["tab"])]["orm"], c["proposed"]
                flag = " ❌" if s["documents"] >= GOAL_INBOX_DOCUMENTS and p["p95_ms"] > GOAL_INBOX_P95_MS else ""
                out.append(
                    f"| {_size(s['documents'])} | {c['persona'].replace('_', ' ')} | {c['tab']} "
                    f"| {_ms(o['p50_ms'])} / {_ms(o['p95_ms'])} | {_ms(p['p50_ms'])} / {_ms(p['p95_ms'])}{flag} "
                    f"| {c['queries']} | {'yes' if c['same_rows_as_current'] else '⚠ no'} |"
                )
        out.append("")
        last = proposals[-1]
        plan = next(
            (c for c in last[1]["cases"] if c["persona"] == "unit_head" and c["tab"] == "waiting" and c.get("plan")), None
        )
        if plan:
            out += [f"Plan of the proposed query, unit head, waiting, {_size(last[0]['documents'])} documents:", ""]
            out += ["```text", plan["plan"], "```", ""]

    out += ["### Loading", ""]
    out += ["| documents | assignments | documents added | insert s | index rebuild s | analyze s | documents/s |"]
    out += ["|---:|---:|---:|---:|---:|---:|---:|"]
    for s in stages:
        ld = s.get("load")
        if ld:
            out.append(
                f"| {_size(s['documents'])} | {s['assignments']:,} | {ld['documents_added']:,} | {ld['insert_s']} "
                f"| {ld['index_rebuild_s']} | {ld['analyze_s']} | {ld['documents_per_s']:,} |"
            )
    out.append("")

    slow = [
        (s, c)
        for s in stages
        if s["documents"] >= GOAL_INBOX_DOCUMENTS
        for c in s["inbox"]
        if c["orm"]["p95_ms"] > GOAL_INBOX_P95_MS and c.get("plan")
    ]
    if slow:
        out += ["### Query plans of the pages over the goal", ""]
        out += ["The slowest page of each person over the goal (all plans are in the results file).", ""]
        worst: dict[str, tuple] = {}
        for s, c in slow:
            if c["persona"] not in worst or c["orm"]["p95_ms"] > worst[c["persona"]][1]["orm"]["p95_ms"]:
                worst[c["persona"]] = (s, c)
        for persona, (s, c) in worst.items():
            others = [o["tab"] for _, o in slow if o["persona"] == persona and o is not c]
            also = f" (also over the goal: {', '.join(others)})" if others else ""
            title = f"{persona.replace('_', ' ')}, {c['tab']}, {_size(s['documents'])} documents{also}"
            out += [f"{title}; the ORM's query:", "", "```text", c["plan"], "```", ""]
            if key == "sqlite" and c.get("raw_plan"):
                out += ["The hand-written query:", "", "```text", c["raw_plan"], "```", ""]
    return out


def render_markdown(results: dict, source: str, notes: str) -> str:
    m = results["machine"]
    minutes = results["duration_s"] / 60
    out = [
        "# Benchmarks",
        "",
        f"<!-- Generated by `make bench` (bench/report.py) from {source}. "
        "Only the text between the notes markers is kept from one run to the next. -->",
        "",
        "Performance goals live here, not in the tests. Every figure is measured against a",
        "baseline run in the same process on the same connection (hand-written SQL doing the",
        "same work), so compare the ratios across machines rather than the bare times.",
        "",
        f"Latest full run: **{results['date']}**, {minutes:.0f} min. Machine: {m['cpu']}, {m['cores']} cores, "
        f"{m['memory_gb']} GB RAM, {m['platform']}; Python {m['python']}, Django {m['django']}.",
        "",
        "## Goals",
        "",
        *_goal_rows(results),
        "",
        NOTES_BEGIN,
        notes.strip(),
        NOTES_END,
        "",
    ]
    for key in ENGINES:
        if key in results["databases"]:
            out += _engine_section(key, results["databases"][key])
    out += [
        "## How to reproduce",
        "",
        "```sh",
        "make bench                                # 10k, 100k and 1M documents on SQLite and PostgreSQL (~20 min, 2 cores)",
        'make bench BENCH_ARGS="--quick"           # 10k documents, 500 registrations: a check in about 2 min',
        'make bench BENCH_ARGS="--sizes 100000"    # chosen sizes (documents in the database, loaded incrementally)',
        'make bench BENCH_ARGS="--databases sqlite"',
        'make bench BENCH_ARGS="--render-docs"     # rewrite this file from the latest bench/results/<date>.json',
        "```",
        "",
        "A full run writes `bench/results/<YYYY-MM-DD>.json` and rewrites this file; quick and",
        "custom runs write `bench/results/<YYYY-MM-DD>-quick.json` / `-custom.json` and print",
        "their figures without touching this file. PostgreSQL is reached at",
        "`postgres://postgres@127.0.0.1:5432/postgres` (`BENCH_POSTGRES_URL` to change); the run",
        "creates a database `eoffice_bench_<pid>` and drops it at the end, and is skipped with a",
        "note when the server is unreachable. SQLite runs on a fresh file under `var/bench/`.",
        "",
        "## Method",
        "",
        "- **Registration**: after 20 warm-up registrations, N documents (2,000 by default) are",
        "  registered one by one through `incoming_register` by the clerk (no files), each in its",
        "  own transaction as in production (SQLite: WAL, `synchronous=NORMAL`; PostgreSQL:",
        "  default durability). Baselines, same process and connection: the same document rows,",
        "  read back as stored, inserted again with one raw `INSERT` per row, one transaction",
        "  per row; and every row the service writes (register counter `UPDATE`, document,",
        "  trace and audit `INSERT`s) in one transaction per document. Measured at each size,",
        "  on a database already holding that many documents.",
        "- **Inbox**: `inbox_assignments(actor, tab)` for the tabs waiting, overdue and done,",
        "  evaluated as one page (`list(qs[:50])`, touching `row.document.subject`), for three",
        "  people: the head of the busiest unit (matches on their own tasks or their unit's, an",
        "  `OR`), a specialist of that unit, and the chief of office (who reviews half of all",
        "  documents). Three variants timed in rotation, after up to 10 warm-up rounds: the ORM;",
        "  the ORM's own SQL through a cursor (so ORM / that = the ORM's Python cost); and the",
        "  baseline, hand-written SQL (same joins, columns, filters, order and `LIMIT`, returning",
        "  the same rows, checked) through a cursor: a difference between the last two is the",
        "  SQL's shape, i.e. the plan. Up to 200 rounds; a case stops after 10 s once it has 20.",
        "  Queries are counted with `CaptureQueriesContext`. \u201cWhole view\u201d is every query the",
        "  inbox view runs for the tab: the `Paginator` count and page, and `inbox_counts` (with",
        "  its calendar lookup); at least 10 samples.",
        "- **Proposal**: `bench/proposal.py` (partial indexes, and the first page of each branch",
        "  of the unit head's `OR` read separately) is measured on the same database after the",
        "  current code, with its own indexes created and then dropped again.",
        "- **Data**: one agency, 20 units each with a head and 8 specialists, three leaders.",
        "  Documents are spread over three years; the recent ones are open, 5 % of older ones",
        "  are still open (overdue), the rest done; every document is reviewed by a leader, led by",
        "  a unit (the busiest unit leads 15 %), half passed on to a specialist, some coordinated",
        "  or for information; about 3 assignments per document. The loader (`bench/dataset.py`)",
        "  uses PostgreSQL `COPY` / SQLite `executemany` in one transaction with the secondary",
        "  indexes dropped and rebuilt, then `ANALYZE` (PostgreSQL: `VACUUM (ANALYZE)`). Sizes",
        "  are loaded incrementally in one database per engine: 10k, then 100k, then 1M.",
        "",
    ]
    return "\n".join(out)


def current_notes() -> str:
    if DOCS.exists():
        text = DOCS.read_text(encoding="utf-8")
        if NOTES_BEGIN in text and NOTES_END in text:
            return text.split(NOTES_BEGIN, 1)[1].split(NOTES_END, 1)[0]
    return DEFAULT_NOTES


def write_docs(results_path: Path) -> None:
    results = json.loads(results_path.read_text(encoding="utf-8"))
    text = render_markdown(results, f"bench/results/{results_path.name}", current_notes())
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    tmp = DOCS.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, DOCS)


def summary_lines(results: dict) -> list[str]:
    """A few lines for the terminal."""
    lines = []
    for key, engine in results["databases"].items():
        name = ENGINES.get(key, key)
        if engine.get("skipped") or engine.get("error"):
            lines.append(f"{name}: {engine.get('skipped') or engine.get('error')}")
            continue
        for s in engine["stages"]:
            r = s.get("registration")
            if r:
                lines.append(
                    f"{name} {_size(s['documents'])}: registrations {r['service_per_s']:,.0f}/s "
                    f"(raw {r['raw_insert_per_s']:,.0f}/s, ratio {r['ratio_service_to_raw']:.3f})"
                )
            for c in s["inbox"]:
                lines.append(
                    f"{name} {_size(s['documents'])}: inbox {c['persona']}/{c['tab']} p50 {_ms(c['orm']['p50_ms'])} ms "
                    f"p95 {_ms(c['orm']['p95_ms'])} ms, {c['queries']} quer{'y' if c['queries'] == 1 else 'ies'}, "
                    f"ORM/raw {c['ratio_orm_to_raw_p50']:.2f}"
                )
        for goal, value in engine.get("goals", {}).items():
            lines.append(f"{name} goal {goal}: {_mark(value['met'])}")
    return lines
