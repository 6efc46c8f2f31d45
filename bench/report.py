"""Machine information, results files and docs/benchmarks.md."""

import json
import os
import platform
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
DOCS = ROOT / "docs" / "benchmarks.md"

GOAL_REGISTRATIONS_PER_S = 300
GOAL_INBOX_P95_MS = 50
GOAL_INBOX_DOCUMENTS = 1_000_000
# Search (issue 4): ranked top-20 p95 at 1M documents, against the raw engine and Whoosh.
GOAL_SEARCH_P95_MS, GOAL_SEARCH_DOCUMENTS = 50, 1_000_000
GOAL_SEARCH_RATIO_TO_RAW, GOAL_SEARCH_SPEEDUP_WHOOSH = 1.5, 10
# One-stop (issue 5): the statistics query over 100k dossiers, every grouping and period.
GOAL_STATISTICS_MS, GOAL_STATISTICS_DOSSIERS = 1000, 100_000
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


def latest_outgoing_results() -> Path | None:
    """The newest bench/results/<YYYY-MM-DD>-outgoing.json: a complete `--only
    outgoing` run, shown until a full run has an outgoing section of its own."""
    runs = sorted(p for p in RESULTS_DIR.glob("*.json") if re.fullmatch(r"\d{4}-\d{2}-\d{2}-outgoing\.json", p.name))
    return runs[-1] if runs else None


def latest_search_results() -> Path | None:
    """The newest bench/results/<YYYY-MM-DD>-search.json: a complete `--only search`
    run, shown until a full run has a search section of its own."""
    runs = sorted(p for p in RESULTS_DIR.glob("*.json") if re.fullmatch(r"\d{4}-\d{2}-\d{2}-search\.json", p.name))
    return runs[-1] if runs else None


def latest_onestop_results() -> Path | None:
    """The newest bench/results/<YYYY-MM-DD>-onestop.json: a complete `--only onestop`
    run, shown until a full run has a one-stop section of its own."""
    runs = sorted(p for p in RESULTS_DIR.glob("*.json") if re.fullmatch(r"\d{4}-\d{2}-\d{2}-onestop\.json", p.name))
    return runs[-1] if runs else None


def latest_serving_results() -> Path | None:
    """The newest bench/results/<YYYY-MM-DD>-serving.json: a complete `--only serving`
    run (a full run has none: it needs the demo office and a running server)."""
    runs = sorted(p for p in RESULTS_DIR.glob("*.json") if re.fullmatch(r"\d{4}-\d{2}-\d{2}-serving\.json", p.name))
    return runs[-1] if runs else None


def search_of(results: dict) -> dict | None:
    """The search figures of a run: measured with one engine only (tantivy needs no database)."""
    return next((e["search"] for e in results.get("databases", {}).values() if e.get("search")), None)


# ------------------------------------------------------------------- goals


def evaluate(engine: dict) -> dict:
    """Whether one engine's results meet the goals of the issue."""
    stages = engine.get("stages") or []
    if not stages:
        return onestop_goals(engine)
    regs = [(s["registration"]["service_per_s"], s["documents"]) for s in stages if s.get("registration")]
    out: dict = onestop_goals(engine)
    if regs:
        rate, size = min(regs)
        goal = {"worst_per_s": rate, "at_documents": size}
        # Several clerks at once (measured at the smallest size only): the best thread count.
        runs = [
            (r["per_s"], r["threads"], s["documents"], s["registration_parallel"]["register_check"]["gap_free"])
            for s in stages
            if s.get("registration_parallel")
            for r in s["registration_parallel"]["runs"]
            if not r["errors"]
        ]
        if runs:
            best, threads, at, gap_free = max(runs)
            goal.update(parallel_best_per_s=best, parallel_threads=threads, parallel_at_documents=at, gap_free=gap_free)
        # The ✅/❌ is on the better of the single clerk's slowest figure and the best parallel one.
        basis = max(rate, goal.get("parallel_best_per_s") or 0)
        goal["met_by"] = "one-clerk" if basis == rate else "several-clerks"
        goal["met"] = basis >= GOAL_REGISTRATIONS_PER_S
        out["registrations"] = goal
    big = [s for s in stages if s["documents"] >= GOAL_INBOX_DOCUMENTS]
    for key, measure in (("inbox_p95", "app"), ("inbox_view_p95", "view")):
        cases = [(c[measure]["p95_ms"], s["documents"], c["persona"], c["tab"]) for s in big for c in s["inbox"]]
        if cases:
            p95, size, persona, tab = max(cases)
            out[key] = {
                "worst_p95_ms": p95,
                "at_documents": size,
                "persona": persona,
                "tab": tab,
                "failing": [f"{c[2]}/{c[3]}" for c in cases if c[0] > GOAL_INBOX_P95_MS],
                "same_rows": all(c["same_rows_as_raw"] for s in big for c in s["inbox"]),
                "met": p95 <= GOAL_INBOX_P95_MS,
            }
    per_case: dict[tuple, set] = {}
    for s in stages:
        for c in s["inbox"]:
            per_case.setdefault((c["persona"], c["tab"]), set()).add(c["queries"])
    per_persona: dict[str, set] = {}
    for (persona, _), queries in per_case.items():
        per_persona.setdefault(persona, set()).update(queries)
    out["constant_queries"] = {
        "sizes": [s["documents"] for s in stages],
        "queries_seen": sorted({q for qs in per_case.values() for q in qs}),
        "per_persona": {persona: sorted(qs) for persona, qs in per_persona.items()},
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


def _span(values) -> str:
    values = sorted(set(values))
    return str(values[0]) if len(values) == 1 else f"{values[0]}–{values[-1]}"


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

    def worst(g):
        text = f"worst p95 {_ms(g['worst_p95_ms'])} ms ({g['persona']}, {g['tab']})"
        if g["failing"]:
            text += f"; over the goal: {', '.join(g['failing'])}"
        return text + ("" if g["same_rows"] else "; ⚠ rows differ from the hand-written SQL")

    def registrations(g):
        text = f"one clerk: {g['worst_per_s']:,.0f}/s (slowest, at {_size(g['at_documents'])} documents)"
        if g.get("parallel_best_per_s") is not None:
            text += (
                f"; several clerks at once: best {g['parallel_best_per_s']:,.0f}/s ({g['parallel_threads']} threads, "
                f"at {_size(g['parallel_at_documents'])}{'' if g.get('gap_free', True) else '; ⚠ numbers not gap-free'})"
            )
        return text + (f"; ✅/❌ on the {g['met_by']} figure" if g.get("met_by") else "")

    cells = [cell(e, "registrations", registrations) for _, e in engines]
    rows.append(
        f"| ≥ {GOAL_REGISTRATIONS_PER_S} registrations/s through the service layer "
        "(✅/❌ on the better of one clerk's slowest figure and the best with several clerks at once) | "
        + " | ".join(cells)
        + " |"
    )
    cells = [cell(e, "inbox_p95", worst) for _, e in engines]
    rows.append(
        f"| inbox page (`inbox_assignments`, 50 rows) p95 ≤ {GOAL_INBOX_P95_MS} ms at {_size(GOAL_INBOX_DOCUMENTS)} documents | "
        + " | ".join(cells)
        + " |"
    )

    def queries(g):
        people = ", ".join(f"{p.replace('_', ' ')} {'/'.join(map(str, q))}" for p, q in g["per_persona"].items())
        return f"per page: {people}, at {', '.join(_size(s) for s in g['sizes'])}"

    cells = [cell(e, "constant_queries", queries) for _, e in engines]
    rows.append("| constant number of queries per inbox page | " + " | ".join(cells) + " |")
    cells = [cell(e, "inbox_view_p95", worst) for _, e in engines]
    rows.append(
        f"| whole inbox view (count + page + tab counters) p95 ≤ {GOAL_INBOX_P95_MS} ms at {_size(GOAL_INBOX_DOCUMENTS)} | "
        + " | ".join(cells)
        + " |"
    )
    return rows


def _engine_section(key: str, engine: dict, outgoing: tuple | None = None) -> list[str]:
    """One engine's tables; `outgoing`: its entry of _outgoing_entries()."""
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
    for s in stages:
        par = s.get("registration_parallel")
        if not par:
            continue
        single = (s.get("registration") or {}).get("service_per_s")
        out += [f"### Registration with several clerks at once ({_size(s['documents'])} documents)", ""]
        out += [
            "| clerks (threads) | registrations | seconds | total registrations/s | vs one clerk | errors |",
            "|---:|---:|---:|---:|---:|---:|",
        ]
        if single:
            out.append(f"| 1 | {s['registration']['registrations']:,} | — | {single:,.0f}/s | 1.00 | — |")
        for r in par["runs"]:
            ratio = f"{r['per_s'] / single:.2f}" if single else "—"
            out.append(
                f"| {r['threads']} | {r['registrations']:,} | {r['seconds']:.2f} | {r['per_s']:,.0f}/s "
                f"| {ratio} | {r['errors']} |"
            )
        c = par["register_check"]
        verdict = "exactly 1..n, no gap, no duplicate ✅" if c["gap_free"] else "**not** 1..n (gaps or duplicates) ❌"
        out += [
            "",
            f"Arrival numbers of the incoming register afterwards: {c['documents']:,} documents, {c['distinct']:,} distinct "
            f"numbers, {c['low']}..{c['high']}, counter {c['last_number']:,}: {verdict}.",
            "",
        ]

    if outgoing:
        out += _outgoing_section(*outgoing)
    if not stages:
        return out

    out += ["### Inbox page (`inbox_assignments(actor, tab)[:50]`)", ""]
    out += [
        "| documents | who | tab | rows in tab | p50 ms | p95 ms | queries | its SQL via cursor p50 "
        "| hand-written SQL p50 | hand-written SQL p95 | application / hand-written (p50) |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in stages:
        for c in s["inbox"]:
            o, r = c["app"], c["raw"]
            flag = " ❌" if s["documents"] >= GOAL_INBOX_DOCUMENTS and o["p95_ms"] > GOAL_INBOX_P95_MS else ""
            same = "" if c["same_rows_as_raw"] else " ⚠ rows differ"
            out.append(
                f"| {_size(s['documents'])} | {c['persona'].replace('_', ' ')} | {c['tab']} | {c['rows_in_tab']:,} "
                f"| {_ms(o['p50_ms'])} | {_ms(o['p95_ms'])}{flag} | {c['queries']} | {_ms(c['app_sql_via_cursor']['p50_ms'])} "
                f"| {_ms(r['p50_ms'])} | {_ms(r['p95_ms'])} | {c['ratio_app_to_raw_p50']:.2f}{same} |"
            )
    out.append("")
    samples = _span(c["app"]["samples"] for s in stages for c in s["inbox"])
    budget = " (fewer when a case ran past its time budget)" if "–" in samples else ""
    out += [f"Samples per case: {samples}{budget}.", ""]

    out += ["### Whole inbox view (first page of the tab)", ""]
    out += [
        "| documents | who | tab | count shown | p50 ms | p95 ms | queries "
        "| Paginator count p50 ms (queries) | page + lateness p50 ms (queries) | tab counters p50 ms (queries) |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in stages:
        for c in s["inbox"]:
            v, parts = c["view"], c["view_parts"]
            flag = " ❌" if s["documents"] >= GOAL_INBOX_DOCUMENTS and v["p95_ms"] > GOAL_INBOX_P95_MS else ""
            cells = " | ".join(f"{_ms(parts[k]['p50_ms'])} ({parts[k]['queries']})" for k in ("count", "page", "counters"))
            out.append(
                f"| {_size(s['documents'])} | {c['persona'].replace('_', ' ')} | {c['tab']} | {c['count_shown']:,} "
                f"| {_ms(v['p50_ms'])} | {_ms(v['p95_ms'])}{flag} | {v['queries']} | {cells} |"
            )
    out.append("")
    out += [f"Samples per case: {_span(c['view']['samples'] for s in stages for c in s['inbox'])}.", ""]
    loads = [(s["documents"], s.get("load_average_start"), s.get("load_average_end")) for s in stages]
    loads = [f"{_size(n)}: {a[0]} → {b[0]}" for n, a, b in loads if a and b]
    if loads:
        out += [f"Load average (1 min) at the start and end of each size: {'; '.join(loads)}.", ""]

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

    biggest = max(stages, key=lambda s: s["documents"])
    shown = [
        c
        for c in biggest["inbox"]
        if c.get("plans") and ((c["persona"], c["tab"]) == ("unit_head", "waiting") or c["app"]["p95_ms"] > GOAL_INBOX_P95_MS)
    ]
    if shown:
        out += [f"### Query plans at {_size(biggest['documents'])} documents", ""]
        out += [
            "The unit head's waiting page (two branches), and every page over the goal; all plans are in the results file.",
            "",
        ]
        for c in shown:
            title = f"{c['persona'].replace('_', ' ')}, {c['tab']}"
            for k, plan in enumerate(c["plans"]):
                branch = ("own items", "items of the units they head")[k] if len(c["plans"]) > 1 else "one query"
                out += [f"{title}: the application's query {k + 1} of {len(c['plans'])} ({branch}):", ""]
                out += ["```text", plan, "```", ""]
            if c.get("raw_plan"):
                out += [f"{title}: the hand-written query:", "", "```text", c["raw_plan"], "```", ""]

    indexes = engine.get("indexes", {}).get("incoming_assignment")
    if indexes:
        out += ["### Indexes of `incoming_assignment` during the measurements", ""]
        out += [
            "As the database reports them once the bulk load has rebuilt them (`bench/dataset.py` checks that they are",
            "the ones the migrations created, with their conditions):",
            "",
            "```sql",
            *(sql.strip() + ";" for sql in indexes),
            "```",
            "",
        ]
    return out


def _outgoing_entries(results: dict, outgoing: tuple[str, dict] | None) -> dict[str, tuple]:
    """Per engine: (outgoing figures, the same engine's incoming registration
    figures, the source file when the outgoing figures come from a separate run)."""
    entries = {}
    for key, engine in results["databases"].items():
        registration = next((s["registration"] for s in engine.get("stages") or [] if s.get("registration")), None)
        if engine.get("outgoing"):
            entries[key] = (engine["outgoing"], registration, None)
        elif outgoing and outgoing[1]["databases"].get(key):
            other = outgoing[1]["databases"][key]
            entries[key] = (other.get("outgoing") or other, registration, outgoing[0])
    return entries


def _range(values, fmt: str) -> str:
    low, high = min(values), max(values)
    return format(low, fmt) if format(low, fmt) == format(high, fmt) else f"{format(low, fmt)}–{format(high, fmt)}"


def _outgoing_overview(entries: dict[str, tuple]) -> list[str]:
    """One paragraph over both engines: what the outgoing figures say."""
    done = {key: entry for key, entry in entries.items() if entry[0].get("render")}
    if not done:
        return []
    figures = [entry[0] for entry in done.values()]
    renders = [r for o in figures for r in o["render"]]
    signing = [o["signing"] for o in figures]
    issuance = [o["issuance"] for o in figures]
    registrations = [entry[1]["service_per_s"] for entry in done.values() if entry[1]]
    text = (
        f"Rendering a one-page document takes {_range([r['pdf']['p50_ms'] for r in renders], '.0f')} ms as PDF, "
        f"{_range([r['ratio_pdf_to_peer_p50'] for r in renders], '.1f')}× a bare ReportLab canvas writing the same text "
        f"in the same fonts, and {_range([r['docx']['p50_ms'] for r in renders], '.0f')} ms as DOCX, "
        f"{_range([r['ratio_docx_to_peer_p50'] for r in renders], '.1f')}× plain python-docx paragraphs (p50). "
        f"A signature takes {_range([s['ours']['p50_ms'] for s in signing], '.0f')} ms, "
        f"{_range([s['ratio_p50'] for s in signing], '.1f')}× one bare pyHanko call on the same PDF. "
        f"An issuance takes {_range([i['issuance']['p50_ms'] for i in issuance], '.0f')} ms "
        f"({_range([i['per_s'] for i in issuance], '.1f')}/s for one clerk"
        + (f", against {_range(registrations, ',.0f')} incoming registrations/s" if registrations else "")
        + (" in the full run" if registrations and any(entry[2] for entry in done.values()) else "")
        + "): it fills the number into the signed PDF and applies the agency's signature while it holds the "
        "register's row lock, so the issuances of one agency run one at a time"
    )
    runs = [(key, r) for key, entry in done.items() for r in (entry[0].get("issuance_parallel") or {}).get("runs", [])]
    if runs:
        text += " — with several clerks at once: " + ", ".join(
            f"{r['threads']} clerks {r['per_s']:.1f}/s ({ENGINES[key]})" for key, r in runs
        )
    gap_free = all(o["register_check"]["gap_free"] for o in figures)
    text += ". The register's numbers stayed " + ("exactly 1..n." if gap_free else "**not** 1..n ❌.")
    sources = sorted({entry[2] for entry in done.values() if entry[2]})
    if sources:
        text += f" (From {', '.join(sources)}.)"
    return ["## Outgoing documents", "", text, ""]


def _outgoing_section(o: dict, registration: dict | None, source: str | None) -> list[str]:
    """Rendering, signing and issuance of outgoing documents, with their baselines."""
    out = ["### Outgoing documents", ""]
    if source:
        note = "the incoming registrations/s beside it are the full run's"
        out += [f"From a separate `--only outgoing` run ({source}); {note}.", ""]
    if o.get("skipped") or o.get("error"):
        return [*out, f"{'Not run' if o.get('skipped') else 'Failed'}: {o.get('skipped') or o.get('error')}", ""]
    out += [
        "| document | pages | PDF (`render_pdf`) p50 ms | p95 ms | bare ReportLab canvas, same text and fonts, p50 ms "
        "| PDF / canvas | DOCX (`render_docx`) p50 ms | p95 ms | plain python-docx paragraphs p50 ms | DOCX / plain |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in o["render"]:
        out.append(
            f"| {r['type_name']} | {r['pages']} | {_ms(r['pdf']['p50_ms'])} | {_ms(r['pdf']['p95_ms'])} "
            f"| {_ms(r['pdf_peer']['p50_ms'])} | {r['ratio_pdf_to_peer_p50']:.2f} | {_ms(r['docx']['p50_ms'])} "
            f"| {_ms(r['docx']['p95_ms'])} | {_ms(r['docx_peer']['p50_ms'])} | {r['ratio_docx_to_peer_p50']:.2f} |"
        )
    samples = _span(r["pdf"]["samples"] for r in o["render"])
    s = o["signing"]
    out += [
        "",
        f"Samples per renderer: {samples}. Signing the {s['type_name']} as its signer (unnumbered PDF, personal key):",
        "",
        "| signatures | `sign_pdf` p50 ms | p95 ms | bare pyHanko call p50 ms | p95 ms | ours / bare |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {s['signatures']} | {_ms(s['ours']['p50_ms'])} | {_ms(s['ours']['p95_ms'])} | {_ms(s['bare']['p50_ms'])} "
        f"| {_ms(s['bare']['p95_ms'])} | {s['ratio_p50']:.2f} |",
        "",
    ]
    i = o["issuance"]
    reg = registration["service_per_s"] if registration else None
    versus = f"| {reg:,.0f}/s | {i['per_s'] / reg:.4f} |" if reg else "| — | — |"
    out += [
        "| clerks (threads) | issuances | issuances/s | p50 ms | p95 ms | queries | raw INSERT, same rows "
        "| issuances / raw INSERTs | registrations/s (incoming, one clerk) | issuances / registrations |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| 1 | {i['issuances']} | {i['per_s']:.2f}/s | {_ms(i['issuance']['p50_ms'])} | {_ms(i['issuance']['p95_ms'])} "
        f"| {i['queries_per_issuance']} | {i['raw_insert_per_s']:,.0f}/s | {i['ratio_to_raw_insert']:.4f} " + versus,
    ]
    parallel = o.get("issuance_parallel") or {}
    for r in parallel.get("runs", []):
        errors = f" ({r['errors']} errors)" if r["errors"] else ""
        out.append(f"| {r['threads']} | {r['issuances']}{errors} | {r['per_s']:.2f}/s | — | — | — | — | — | — | — |")
    c = o["register_check"]
    verdict = "exactly 1..n, no gap, no duplicate ✅" if c["gap_free"] else "**not** 1..n (gaps or duplicates) ❌"
    out += [
        "",
        "Text extraction of each issued PDF runs inline after `COMMIT` here (`EOFFICE_TASKS=immediate`; a background "
        f"job in production): p50 {_ms(i['extraction']['p50_ms'])} ms of each issuance. "
        + (f"Several clerks: {parallel['skipped']}. " if parallel.get("skipped") else "")
        + f"Numbers of the outgoing register afterwards: {c['documents']:,} documents, {c['distinct']:,} distinct, "
        f"{c['low']}..{c['high']}, counter {c['last_number']:,}: {verdict}.",
        "",
    ]
    return out


def render_markdown(
    results: dict,
    source: str,
    notes: str,
    outgoing: tuple[str, dict] | None = None,
    search: tuple[str, dict] | None = None,
    onestop: tuple[str, dict] | None = None,
    serving: tuple[str, dict] | None = None,
) -> str:
    """`outgoing`: (source, results) of a separate `--only outgoing` run, used
    for the engines whose entry in `results` has no outgoing section; `search`,
    `onestop`: (source, results) of a separate `--only search` / `--only onestop`
    run when `results` has none; `serving`: (source, results) of the latest `--only serving` run."""
    m = results["machine"]
    minutes = results["duration_s"] / 60
    sources = source + (f" and {outgoing[0]}" if outgoing else "")
    out = [
        "# Benchmarks",
        "",
        f"<!-- Generated by `make bench` (bench/report.py) from {sources}. "
        "Only the text between the notes markers is kept from one run to the next. -->",
        "",
        "Performance goals live here, not in the tests. Every figure is measured against a",
        "baseline run in the same process on the same connection (hand-written SQL doing the",
        "same work), so compare the ratios across machines rather than the bare times.",
        "",
        f"Latest full run: **{results['date']}**, {minutes:.0f} min. Machine: {m['cpu']}, {m['cores']} cores, "
        f"{m['memory_gb']} GB RAM, {m['platform']}; Python {m['python']}, Django {m['django']}.",
        "",
    ]
    if outgoing:
        o, om = outgoing[1], outgoing[1]["machine"]
        same = (om["cpu"], om["cores"]) == (m["cpu"], m["cores"])
        machine = "same machine" if same else f"machine: {om['cpu']}, {om['cores']} cores"
        out += [
            f"Outgoing documents: `--only outgoing` run of **{o['date']}** ({outgoing[0]}), "
            f"{o['duration_s'] / 60:.0f} min, {machine}.",
            "",
        ]
    out += [
        "## Goals",
        "",
        *_goal_rows(results),
        "",
        NOTES_BEGIN,
        notes.strip(),
        NOTES_END,
        "",
    ]
    entries = _outgoing_entries(results, outgoing)
    out += _outgoing_overview(entries)
    if search_of(results):
        out += search_section(search_of(results), results, None)
    elif search and search_of(search[1]):
        out += search_section(search_of(search[1]), search[1], search[0])
    if onestop_of(results):
        out += onestop_section(results, None)
    elif onestop and onestop_of(onestop[1]):
        out += onestop_section(onestop[1], onestop[0])
    if serving:
        out += serving_section(serving[1], serving[0])
    for key in ENGINES:
        if key in results["databases"]:
            out += _engine_section(key, results["databases"][key], entries.get(key))
    out += [
        "## How to reproduce",
        "",
        "```sh",
        "make bench                                # 10k, 100k and 1M documents on SQLite and PostgreSQL (~10 min, 2 cores)",
        'make bench BENCH_ARGS="--quick"           # 10k documents, 500 registrations: a check in about 1 min',
        'make bench BENCH_ARGS="--sizes 100000"    # chosen sizes (documents in the database, loaded incrementally)',
        'make bench BENCH_ARGS="--databases sqlite"',
        'make bench BENCH_ARGS="--only outgoing"   # only the outgoing documents (~1 min per engine)',
        'make bench BENCH_ARGS="--quick --only outgoing"  # the same with fewer samples, a check',
        'make bench BENCH_ARGS="--only search --databases sqlite"  # search: 1M documents, Whoosh on 100k (~15 min)',
        'make bench BENCH_ARGS="--only search --quick --databases sqlite"  # 20k documents, Whoosh on 5k (~1 min)',
        'make bench BENCH_ARGS="--only onestop"    # one-stop: receipts, statistics over 100k dossiers (~5 min)',
        'make bench BENCH_ARGS="--only onestop --quick"  # 10k dossiers, 200 receipts: a check',
        'make bench BENCH_ARGS="--only home --sizes 10000,100000"  # the home page\'s data per persona at each size',
        'make bench BENCH_ARGS="--only serving"    # 50 clients against make run\'s server, demo office (~4 min, SQLite)',
        'make bench BENCH_ARGS="--render-docs"     # rewrite this file from the latest bench/results/<date>.json',
        "```",
        "",
        "A full run writes `bench/results/<YYYY-MM-DD>.json` and rewrites this file; quick and",
        "custom runs write `bench/results/<YYYY-MM-DD>-quick.json` / `-custom.json` and print",
        "their figures without touching this file. `--only outgoing` on both engines with the",
        "default counts writes `bench/results/<YYYY-MM-DD>-outgoing.json` and rewrites this file:",
        "its figures stand in for the outgoing section until a full run has one of its own (quick",
        "or custom ones: `-outgoing-quick.json` / `-outgoing-custom.json`). PostgreSQL is reached at",
        "`postgres://postgres@127.0.0.1:5432/postgres` (`BENCH_POSTGRES_URL` to change); the run",
        "creates a database `eoffice_bench_<pid>` and drops it at the end, and is skipped with a",
        "note when the server is unreachable. SQLite runs on a fresh file under `var/bench/`.",
        "The search section needs no database and runs with the first engine only; `--only search`",
        "with the default sizes writes `bench/results/<YYYY-MM-DD>-search.json` and rewrites this",
        "file (`--search-docs`, `--whoosh-docs` to change the sizes).",
        "",
        "## Method",
        "",
        "- **Registration**: after 20 warm-up registrations, N documents (2,000 by default) are",
        "  registered one by one through `incoming_register` by the clerk (no files), each in its",
        "  own transaction as in production (SQLite: WAL, `synchronous=NORMAL`; PostgreSQL:",
        "  default durability). Baselines, same process and connection: the same document rows,",
        "  read back as stored, inserted again with one raw `INSERT` per row, one transaction",
        "  per row; and every row the service writes (the counter's `UPDATE … RETURNING` as",
        "  `register_take_number` runs it, the document, trace and audit `INSERT`s) in one",
        "  transaction per document. Measured at each size,",
        "  on a database already holding that many documents.",
        "- **Several clerks at once**: at the smallest size only, 2, 4 and 8 threads, each with its",
        "  own Django connection (closed at the end of the thread) and its own clerk of the same",
        "  agency, register 1,200 documents in all through `incoming_register` into the same",
        "  incoming register (after 2 warm-up registrations per thread; the clock runs from a",
        "  common start to the last thread's end). The register's row lock, from the counter's",
        "  `UPDATE … RETURNING` to `COMMIT`, serialises the numbering; SQLite serialises every",
        "  writer (`BEGIN IMMEDIATE`, 30 s busy timeout). Afterwards the register's arrival",
        "  numbers are checked to be exactly 1..n (n = its counter; no gap, no duplicate).",
        "- **Inbox page**: the application's path, `inbox_assignments(actor, tab)` for the tabs",
        "  waiting, overdue and done, evaluated as one page (`list(inbox[:50])`, touching",
        "  `row.document.subject`), for three people: the head of the busiest unit (two branches:",
        "  their own items, and the unit's items without a person), a specialist of that unit, and",
        "  the chief of office (who reviews half of all documents). `inbox_assignments` returns a",
        "  `MergedInbox`: one query per branch, each read in order from its partial index with",
        "  `LIMIT`, merged in Python. Three variants timed in rotation, after up to 10 warm-up",
        "  rounds: the application; its own branch queries through a cursor, merged the same way",
        "  (application / that = the ORM's Python); and the baseline, one hand-written query (same",
        "  joins, columns, filters, order and `LIMIT`; for two branches the first 50 of each are",
        "  picked in a subquery, `id IN (… LIMIT 50 UNION ALL … LIMIT 50)`), whose rows are checked",
        "  to be the application's. Up to 200 rounds; a case stops after 10 s once it has 20.",
        "  Queries are counted with `CaptureQueriesContext`.",
        "- **Whole view**: every data query the inbox view (`eoffice/incoming/views.py`) runs for the",
        "  first page of a tab, without the template: the `Paginator` count (capped at",
        "  `DONE_COUNT_CAP` in the done tab), the page with its lateness (`inbox_items`, one calendar",
        "  query), and the tab counters (`inbox_counts`, one aggregate per branch, with its calendar",
        "  lookup); each part timed on its own; at least 10 samples.",
        "- **Data**: one agency, 20 units each with a head and 8 specialists, three leaders.",
        "  Documents are spread over three years; the recent ones are open, 5 % of older ones",
        "  are still open (overdue), the rest done; every document is reviewed by a leader, led by",
        "  a unit (the busiest unit leads 15 %), half passed on to a specialist, some coordinated",
        "  or for information; about 3 assignments per document. The loader (`bench/dataset.py`)",
        "  uses PostgreSQL `COPY` / SQLite `executemany` in one transaction with the secondary",
        "  indexes dropped and rebuilt from the DDL the database reports (partial conditions",
        "  included; the rebuilt set is checked against the old one and the models' indexes),",
        "  then `ANALYZE` (PostgreSQL: `VACUUM (ANALYZE)`). Sizes",
        "  are loaded incrementally in one database per engine: 10k, then 100k, then 1M.",
        "- **Outgoing documents** (`bench/outgoing.py`, after the incoming sections): a Quyết định and a",
        "  Công văn (one page each) drafted, approved for content and format and signed through the",
        "  services, with keys from the test CA (`eoffice.signatures.testca`). Rendering: `render_pdf`",
        "  and `render_docx` of `layout_for(document)`, each against a peer, timed in rotation: the same",
        "  lines (from the renderers' own text helpers) written with a bare ReportLab canvas in the same",
        "  embedded Liberation Serif faces, and as plain python-docx paragraphs; 30 rounds after 2",
        "  warm-ups. Signing: `sign_pdf` with the signer's key into the signature box, against one",
        "  bare pyHanko `sign_pdf` call on the same PDF and box (signer loaded once, pyHanko's default",
        "  stamp; ours loads the key, checks the certificate and draws the Vietnamese stamp); 20 rounds.",
        "  Issuance: `outgoing_issue` by one clerk on 60 pre-signed copies of the Công văn (rows cloned",
        "  in bulk, sharing its signed PDF; one recipient in the installation, so each issuance also",
        "  registers an incoming copy there), timed one by one after 2 warm-ups; baselines: the issued",
        "  rows inserted again with raw `INSERT`s, one transaction each, and the incoming",
        "  registrations/s of the same engine (one clerk, smallest size). On PostgreSQL, 2 and then 4",
        "  clerks in threads issue 40 more into the same register. Each issuance holds the register's",
        "  row lock from taking the number to `COMMIT`, the agency's signature included, so the",
        "  issuances of one agency run one at a time on either engine. Afterwards the register's",
        "  numbers are checked to be exactly 1..n.",
        "- **Search** (`bench/search.py`): the search spike's synthetic Vietnamese corpus",
        "  (`bench/search_spike.py`: types, numbers like 123/QĐ-UBND, organs, subjects, abstracts, 20",
        "  agencies with realistic principals) as `eoffice.search.sources.Entry` objects, 10 % with",
        "  20-40 more sentences of attachment text, written through `TantivyBackend.upsert` in batches",
        "  of 50,000 (no database; generating the corpus is timed apart). Queries: the spike's 50,",
        "  ranked and newest first, one warm-up round then up to 5 rounds (60 s budget per path):",
        "  `service.search` itself for a duck-typed Actor (parse, principals, count, facets, snippets",
        "  of the 20 hits), `backend.search` with and without facets, and the raw engine: the",
        "  backend's own tantivy query object built once, `searcher.search(query, 20)` (tantivy-py",
        "  counts the matches by default). Whoosh (Whoosh-Reloaded) is built on a sample with the",
        "  same tokens and compared with tantivy built on the same sample.",
        *ONESTOP_METHOD,
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
    """docs/benchmarks.md from a full run; the outgoing figures from the latest
    `--only outgoing` run when the full run has none (older results files)."""
    results = json.loads(results_path.read_text(encoding="utf-8"))
    outgoing = None
    separate = latest_outgoing_results()
    if separate and not all(e.get("outgoing") for e in results["databases"].values() if e.get("stages")):
        outgoing = (f"bench/results/{separate.name}", json.loads(separate.read_text(encoding="utf-8")))
    search = None
    separate = latest_search_results()
    if separate and not search_of(results):
        search = (f"bench/results/{separate.name}", json.loads(separate.read_text(encoding="utf-8")))
    onestop = None
    separate = latest_onestop_results()
    if separate and not onestop_of(results):
        onestop = (f"bench/results/{separate.name}", json.loads(separate.read_text(encoding="utf-8")))
    separate = latest_serving_results()
    serving = (f"bench/results/{separate.name}", json.loads(separate.read_text(encoding="utf-8"))) if separate else None
    text = render_markdown(results, f"bench/results/{results_path.name}", current_notes(), outgoing, search, onestop, serving)
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
        for s in engine.get("stages") or []:
            r = s.get("registration")
            if r:
                lines.append(
                    f"{name} {_size(s['documents'])}: registrations {r['service_per_s']:,.0f}/s "
                    f"(raw {r['raw_insert_per_s']:,.0f}/s, ratio {r['ratio_service_to_raw']:.3f})"
                )
            par = s.get("registration_parallel")
            if par:
                runs = ", ".join(f"{r['threads']} clerks {r['per_s']:,.0f}/s" for r in par["runs"])
                gap = "gap-free" if par["register_check"]["gap_free"] else "NOT gap-free"
                lines.append(f"{name} {_size(s['documents'])}: registrations with several clerks at once: {runs}; numbers {gap}")
            for c in s["inbox"]:
                lines.append(
                    f"{name} {_size(s['documents'])}: inbox {c['persona']}/{c['tab']} page p50 {_ms(c['app']['p50_ms'])} ms "
                    f"p95 {_ms(c['app']['p95_ms'])} ms, {c['queries']} quer{'y' if c['queries'] == 1 else 'ies'}, "
                    f"app/hand-written {c['ratio_app_to_raw_p50']:.2f}; view p95 {_ms(c['view']['p95_ms'])} ms "
                    f"({c['view']['queries']} queries)"
                )
        lines += _outgoing_summary(name, engine.get("outgoing") or {})
        lines += search_summary(engine.get("search") or {})
        lines += onestop_summary(name, engine.get("onestop") or {})
        lines += home_summary(name, engine.get("home") or {})
        lines += tasks_summary(name, engine.get("tasks") or {})
        lines += exchange_summary(name, engine.get("exchange") or {})
        lines += serving_summary(name, engine.get("serving") or {})
        for goal, value in engine.get("goals", {}).items():
            lines.append(f"{name} goal {goal}: {_mark(value['met'])}")
    return lines


def _outgoing_summary(name: str, o: dict) -> list[str]:
    if o.get("error"):
        return [f"{name}: outgoing documents failed: {o['error']}"]
    if not o:
        return []
    lines = [
        f"{name}: {r['type_name']} PDF p50 {_ms(r['pdf']['p50_ms'])} ms (×{r['ratio_pdf_to_peer_p50']:.2f} a bare canvas), "
        f"DOCX p50 {_ms(r['docx']['p50_ms'])} ms (×{r['ratio_docx_to_peer_p50']:.2f} plain python-docx)"
        for r in o["render"]
    ]
    s, i = o["signing"], o["issuance"]
    lines.append(f"{name}: signing p50 {_ms(s['ours']['p50_ms'])} ms (×{s['ratio_p50']:.2f} bare pyHanko)")
    runs = ", ".join(f"{r['threads']} clerks {r['per_s']:.2f}/s" for r in (o.get("issuance_parallel") or {}).get("runs", []))
    gap = "gap-free" if o["register_check"]["gap_free"] else "NOT gap-free"
    lines.append(f"{name}: issuances {i['per_s']:.2f}/s one clerk{f', {runs}' if runs else ''}; numbers {gap}")
    return lines


# ------------------------------------------------------------------- search


def search_goals(s: dict) -> list[tuple[str, str, bool | None]]:
    """(goal, measured, met) for issue 4's three search goals; None: not measured at the goal's size."""
    ranked = s["tantivy"]["ranked"]
    at_size = s["documents"] >= GOAL_SEARCH_DOCUMENTS
    p95, ratio = ranked["service"]["p95_ms"], ranked["ratio_p95"]
    rows = [
        (
            f"ranked top-20 p95 ≤ {GOAL_SEARCH_P95_MS} ms at {_size(GOAL_SEARCH_DOCUMENTS)} documents",
            f"{_ms(p95)} ms at {_size(s['documents'])}",
            p95 <= GOAL_SEARCH_P95_MS if at_size else None,
        ),
        (f"≤ {GOAL_SEARCH_RATIO_TO_RAW}× the raw engine (p95)", f"{ratio:.2f}×", ratio <= GOAL_SEARCH_RATIO_TO_RAW),
    ]
    sample = s.get("sample")
    if sample:
        speedup = sample["speedup_ranked_p95"]
        rows.append(
            (
                f"≥ {GOAL_SEARCH_SPEEDUP_WHOOSH}× faster than Whoosh (p95, ranked)",
                f"{speedup:.1f}× at {_size(sample['documents'])} (raw engine {sample['speedup_ranked_raw_p95']:.1f}×)",
                speedup >= GOAL_SEARCH_SPEEDUP_WHOOSH,
            )
        )
    return rows


def _latency_row(label: str, t: dict) -> str:
    return f"| {label} | {_ms(t['p50_ms'])} | {_ms(t['p95_ms'])} | {_ms(t['max_ms'])} | {t['samples']:,} |"


def _latency_table(kinds: dict, whoosh: dict | None = None) -> list[str]:
    out = ["| path | p50 ms | p95 ms | max ms | samples |", "|---|---:|---:|---:|---:|"]
    for kind, k in kinds.items():
        out += [
            _latency_row(f"{kind}: service (`service.search`)", k["service"]),
            _latency_row(f"{kind}: backend.search (count + facets)", k["backend"]),
            _latency_row(f"{kind}: backend.search without facets", k["backend_no_facets"]),
            _latency_row(f"{kind}: raw `searcher.search(query, 20)`", k["raw"]),
        ]
        if whoosh:
            out.append(_latency_row(f"{kind}: **Whoosh**", whoosh[kind]))
    return out


def search_section(s: dict, run: dict, source: str | None) -> list[str]:
    """The search section: build rate, latency at N, the Whoosh comparison, the goals."""
    if s.get("error"):
        return ["## Search", "", f"The search section failed: {s['error']}", ""]
    b = s["build"]
    out = ["## Search", ""]
    if source:
        load, cores = run.get("load_average_start"), run.get("machine", {}).get("cores")
        busy = f"; load average {load[0]} on {cores} cores at the start" if load and cores else ""
        out += [f"From a separate `--only search` run of {run['date']} ({source}{busy}).", ""]
    out += [
        f"{s['versions']['tantivy']}, Whoosh {s['versions']['whoosh']}. {s['queries']} queries "
        f"(bench/search_spike.py QUERIES), top {s['top']}, for one actor: {s['actor']}.",
        "",
        "| goal | measured | |",
        "|---|---|---|",
        *(f"| {goal} | {measured} | {_mark(met)} |" for goal, measured, met in search_goals(s)),
        "",
        f"### Index build: {b['documents']:,} documents",
        "",
        f"{b['with_attachment_text']:,} with attachment text ({b['body_chars'] / 1e6:,.0f} M characters of body in all), "
        f"through `TantivyBackend.upsert` in batches of 50,000 (fingerprints included): **{b['docs_per_s']:,} documents/s** "
        f"({b['seconds']:,.0f} s; generating the corpus {b['generate_s']:,.0f} s apart), index {b['size_bytes'] / 1e6:,.0f} MB.",
        "",
        f"### Queries at {_size(s['documents'])} documents",
        "",
        *_latency_table(s["tantivy"]),
        "",
    ]
    out += [
        f"Service / raw p95: ranked {s['tantivy']['ranked']['ratio_p95']:.2f}×, newest first "
        f"{s['tantivy']['newest']['ratio_p95']:.1f}×. Same top 20 as the raw query: "
        + ", ".join(f"{kind} {k['same_top20_as_raw']}/{s['queries']}" for kind, k in s["tantivy"].items())
        + ". Slowest through the service (ranked, p50 ms): "
        + "; ".join(f"{text!r} {ms}" for text, ms in s["tantivy"]["ranked"]["service"]["slowest"])
        + ".",
        "",
    ]
    sample = s.get("sample")
    if sample:
        w = sample["whoosh_build"]
        out += [
            f"### Whoosh and tantivy on the same {sample['documents']:,}-document sample",
            "",
            f"Whoosh is built on a sample (at 1M its build takes over half an hour): the first {sample['documents']:,} "
            f"documents of the same generator, the same vntext tokens, the same words required with the same boosts "
            f"and the permission filter (agency and principals) as a Whoosh filter. Whoosh builds "
            f"{w['docs_per_s']:,} documents/s ({w['size_bytes'] / 1e6:,.0f} MB), tantivy "
            f"{sample['tantivy_build']['docs_per_s']:,}/s ({sample['tantivy_build']['size_bytes'] / 1e6:,.0f} MB). "
            "Whoosh is timed over one round of the queries.",
            "",
            *_latency_table(sample["tantivy"], sample["whoosh"]),
            "",
            f"Whoosh p95 / tantivy service p95: ranked **{sample['speedup_ranked_p95']:.1f}×**, newest first "
            f"**{sample['speedup_newest_p95']:.1f}×** (raw tantivy query: {sample['speedup_ranked_raw_p95']:.1f}× and "
            f"{sample['speedup_newest_raw_p95']:.1f}×).",
            "",
        ]
    return out


def search_summary(s: dict) -> list[str]:
    if s.get("error"):
        return [f"search failed: {s['error']}"]
    if not s or "build" not in s:  # not measured with this engine
        return []
    b, ranked = s["build"], s["tantivy"]["ranked"]
    lines = [
        f"search: built {b['documents']:,} documents at {b['docs_per_s']:,}/s; ranked p50 {_ms(ranked['service']['p50_ms'])} "
        f"p95 {_ms(ranked['service']['p95_ms'])} ms (raw p95 {_ms(ranked['raw']['p95_ms'])} ms, ×{ranked['ratio_p95']:.1f})"
    ]
    lines += [f"search goal {goal}: {measured} {_mark(met)}" for goal, measured, met in search_goals(s)]
    return lines


# ------------------------------------------------------------------- one-stop

ONESTOP_METHOD = [
    "- **One-stop dossiers** (`bench/onestop.py`): a one-stop unit with four officers and 24 procedures of",
    "  two to four steps in six fields; N dossiers (100,000 by default) made with `bulk_create`, received",
    "  over the last two years in office hours, with their steps and history events: 55 % of the last 20",
    "  days' dossiers still open (received, in process, waiting for papers), older ones 3 % open, 90 %",
    "  resolved (early, on time or late against their appointment), 4 % refused, 3 % withdrawn; 30 % of",
    "  the online procedures' dossiers sent online. Statistics: `dossier_statistics` for the last full",
    "  month and for the two years, without grouping and by procedure, field and unit, against one",
    "  hand-written `GROUP BY` (the closing time by a scalar subquery, one `CASE` per figure; by unit a join",
    "  of the steps' distinct (dossier, unit) pairs) whose figures are checked equal, with as many queries",
    "  as the application runs; timed in rotation, 20 rounds after 2 warm-ups (30 s budget per case),",
    '  PostgreSQL\'s JIT off for both (see docs/onestop.md, "Statistics"). Receipts:',
    "  `dossier_receive` by one officer on that table, 1,000 after 10 warm-ups, each in its own",
    "  transaction; baselines: the same dossier rows read back and `INSERT`ed again one per transaction,",
    "  and every row a receipt writes (the day's counter `UPDATE … RETURNING`, the dossier, its papers and",
    "  steps, the history event, the audit row) in one transaction per dossier. On PostgreSQL four",
    "  officers in threads receive 400 more. Afterwards every day's codes must be exactly 0001..n.",
]


def onestop_of(results: dict) -> bool:
    return any(e.get("onestop") for e in results.get("databases", {}).values())


def onestop_goals(engine: dict) -> dict:
    """The statistics goal: every case's p95 under GOAL_STATISTICS_MS; undecided below the goal's size."""
    o = engine.get("onestop") or {}
    s = o.get("statistics")
    if not s:
        return {}
    at_size = o["load"]["dossiers"] >= GOAL_STATISTICS_DOSSIERS
    met = s["worst_p95_ms"] < GOAL_STATISTICS_MS and s["same_figures"]
    return {
        "onestop_statistics": {
            "worst_p95_ms": s["worst_p95_ms"],
            "worst_case": s["worst_case"],
            "dossiers": o["load"]["dossiers"],
            "same_figures": s["same_figures"],
            "met": met if at_size else None,
        }
    }


def onestop_section(results: dict, source: str | None) -> list[str]:
    """Receipts and the statistics query, both engines side by side."""
    out = ["## One-stop dossiers (một cửa)", ""]
    if source:
        out += [f"From a separate `--only onestop` run of {results['date']} ({source}).", ""]
    engines = [(key, results["databases"][key].get("onestop")) for key in ENGINES if key in results["databases"]]
    engines = [(key, o) for key, o in engines if o]
    failed = [f"{ENGINES[key]}: {o['error']}" for key, o in engines if o.get("error")]
    engines = [(key, o) for key, o in engines if not o.get("error")]
    out += [f"Failed: {text}" for text in failed] + ([""] if failed else [])
    if not engines:
        return out
    out += ["| goal | " + " | ".join(ENGINES[key] for key, _ in engines) + " |", "|---|" + "---|" * len(engines)]
    cells = []
    for _, o in engines:
        goal = onestop_goals({"onestop": o})["onestop_statistics"]
        same = "" if goal["same_figures"] else "; ⚠ figures differ from the hand-written SQL"
        cells.append(
            f"worst p95 {_ms(goal['worst_p95_ms'])} ms ({goal['worst_case']}, {_size(goal['dossiers'])}){same} "
            + _mark(goal["met"])
        )
    out += [
        f"| statistics query p95 < {GOAL_STATISTICS_MS / 1000:g} s over {_size(GOAL_STATISTICS_DOSSIERS)} dossiers, "
        "every grouping and period | " + " | ".join(cells) + " |",
        "",
        "### Receipts (`dossier_receive`)",
        "",
        "| engine | dossiers in the table | receipts | receipts/s | p50 ms | p95 ms | queries | raw dossier INSERT "
        "| receipts / that | raw SQL, every row a receipt writes | receipts / that | four officers at once | codes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for key, o in engines:
        r, par = o["receipt"], o.get("receipt_parallel") or {}
        four = ", ".join(
            f"{run['per_s']:,.0f}/s" + (f" ({run['errors']} errors)" if run["errors"] else "") for run in par.get("runs", [])
        )
        codes = "every day 0001..n ✅" if o["code_check"]["gap_free"] else "**gaps or duplicates** ❌"
        out.append(
            f"| {ENGINES[key]} | {o['dossiers_in_database']:,} | {r['receipts']:,} | {r['per_s']:,.0f}/s "
            f"| {_ms(r['receipt']['p50_ms'])} | {_ms(r['receipt']['p95_ms'])} | {r['queries_per_receipt']} "
            f"| {r['raw_insert_per_s']:,.0f}/s | {r['ratio_to_raw_insert']:.3f} | {r['raw_all_rows_per_s']:,.0f}/s "
            f"| {r['ratio_to_raw_all_rows']:.3f} | {four or par.get('skipped', '—')} | {codes} |"
        )
    load = engines[0][1]["load"]
    rates = ", ".join(f"{ENGINES[k]} {o['load']['dossiers_per_s']:,} dossiers/s" for k, o in engines)
    out += [
        "",
        f"### Statistics over {load['dossiers']:,} dossiers",
        "",
        f"{load['steps']:,} steps and {load['events']:,} history events beside them (`bulk_create`: {rates}).",
        "",
        "| engine | period | grouping | groups | dossiers counted | p50 ms | p95 ms | hand-written p50 ms | p95 ms "
        "| application / hand-written (p50) | same figures |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for key, o in engines:
        for c in o["statistics"]["cases"]:
            flag = " ❌" if c["app"]["p95_ms"] >= GOAL_STATISTICS_MS else ""
            out.append(
                f"| {ENGINES[key]} | {c['period'].replace('_', ' ')} ({c['start']} – {c['end']}) | {c['group_by']} "
                f"| {c['groups']} | {c['handled']:,} | {_ms(c['app']['p50_ms'])} | {_ms(c['app']['p95_ms'])}{flag} "
                f"| {_ms(c['raw']['p50_ms'])} | {_ms(c['raw']['p95_ms'])} | {c['ratio_p50']:.2f} "
                f"| {'yes' if c['same_figures_as_raw'] else '**no** ⚠'} |"
            )
    samples = _span(c["app"]["samples"] for _, o in engines for c in o["statistics"]["cases"])
    out += ["", f'Samples per case: {samples}. "Dossiers counted": carried over into the period plus received in it.', ""]
    return out


def onestop_summary(name: str, o: dict) -> list[str]:
    if o.get("error"):
        return [f"{name}: one-stop failed: {o['error']}"]
    if not o:
        return []
    r, s = o["receipt"], o["statistics"]
    runs = ", ".join(
        f"{run['threads']} officers {run['per_s']:,.0f}/s" for run in (o.get("receipt_parallel") or {}).get("runs", [])
    )
    gap = "gap-free" if o["code_check"]["gap_free"] else "NOT gap-free"
    return [
        f"{name}: receipts {r['per_s']:,.0f}/s one officer{f', {runs}' if runs else ''} (×{r['ratio_to_raw_all_rows']:.3f} raw "
        f"SQL of every row); codes {gap}",
        f"{name}: statistics over {o['load']['dossiers']:,} dossiers: worst p95 {_ms(s['worst_p95_ms'])} ms ({s['worst_case']})"
        + ("" if s["same_figures"] else "; FIGURES DIFFER from the hand-written SQL"),
    ]


def home_summary(name: str, h: dict) -> list[str]:
    """The home page section (bench/home.py), for the terminal."""
    if h.get("error"):
        return [f"{name}: home page failed: {h['error']}"]
    if not h:
        return []
    queries = ", ".join(f"{p} {'/'.join(map(str, q))}" for p, q in h["queries_per_persona"].items())
    return [
        f"{name}: home page data worst p95 {h['worst_p95_ms']:.1f} ms ({h['worst_case']}), goal ≤ {h['goal_p95_ms']:.0f} ms "
        f"{'met' if h['met'] else 'NOT met'}; queries per persona at every size: {queries}"
        + ("" if h["constant_queries"] else " — NOT CONSTANT")
    ]


def tasks_summary(name: str, t: dict) -> list[str]:
    """The daily task jobs (bench/tasks.py), for the terminal."""
    if t.get("error"):
        return [f"{name}: tasks failed: {t['error']}"]
    return [
        f"{name}: {c['job']} over {t['tasks']:,} open tasks {c['first_s']} s (goal < {t['goal_s']:.0f} s "
        f"{'met' if c['met'] else 'NOT met'}; ×{c['ratio']} reading its {c['raw_rows']:,} rows), "
        f"second run sent {c['repeat_sent']}"
        for c in t.get("cases", [])
    ]


def exchange_summary(name: str, e: dict) -> list[str]:
    """Received edXML packages (bench/exchange.py), for the terminal."""
    if e.get("error"):
        return [f"{name}: exchange failed: {e['error']}"]
    if not e:
        return []
    t, m = e["throughput"], e["memory"]
    return [
        f"{name}: {t['packages']} packages of {t['package_bytes'] / 1048576:.2f} MB received {t['received_per_s']}/s "
        f"(×{t['ratio_receive_to_baseline']} lxml + write + INSERT), registered {t['registered_per_s']}/s",
        f"{name}: one {m['pdf_bytes'] / 1048576:.0f} MB PDF: peak memory ×{m['ratio_peak_to_file']} the file "
        f"(goal < {m['goal']}×: {'met' if m['met'] else 'NOT met'})",
    ]


# ------------------------------------------------------------------ serving

SERVING_KINDS = {
    "inbox": "inbox (`/van-ban-den/hop-thu/`)",
    "document": "document page (`/van-ban-den/<pk>/`)",
    "search": "search (`/tim-kiem/?q=…`)",
}


def _errors(run: dict) -> str:
    kinds: Counter[str] = Counter()
    for k in run["kinds"].values():
        kinds.update(k["error_kinds"])
    text = f"{run['errors']:,}" + (f" ({', '.join(f'{e}: {n}' for e, n in kinds.most_common())})" if kinds else "")
    return text + (" ✅" if not run["errors"] else " ❌")


def serving_section(results: dict, source: str) -> list[str]:
    """50 clients against `make run`'s server (bench/serving.py): the mixed workload against /healthz."""
    engines = [(key, results["databases"][key].get("serving")) for key in ENGINES if key in results["databases"]]
    engines = [(key, s) for key, s in engines if s]
    out = ["## Serving: 50 clients against `make run`", ""]
    load = (results.get("load_average_start") or [None])[0]
    out += [
        f"From a separate `--only serving` run of **{results['date']}** ({source}), {results['duration_s'] / 60:.0f} min"
        + (f", load average {load} at the start" if load is not None else "")
        + ".",
        "",
    ]
    out += [f"Failed ({ENGINES[key]}): {s['error']}" for key, s in engines if s.get("error")]
    engines = [(key, s) for key, s in engines if not s.get("error")]
    if not engines:
        return [*out, ""]
    s = engines[0][1]
    srv, people = s["server"], s["people"]
    out += [
        f"The server as `make run` starts it: supervisord with gunicorn (deploy/gunicorn.conf.py: {srv['workers']} "
        f"worker × {srv['threads']} threads, {srv['worker_class']}, on {results['machine']['cores']} cores) and the job "
        f"worker, EOFFICE_DEBUG=0"
        + (
            " (one process: with the embedded cache, `EOFFICE_CACHE=locmem`, the configuration gives one process many "
            "threads, so the Python work of every request shares one interpreter lock)"
            if srv["workers"] == 1
            else ""
        )
        + f", on the demo office (`load_demo`: {s['setup']['documents']:,} incoming documents in "
        f"all). {s['clients']} clients, threads of one process on the same machine, each with its own keep-alive "
        f"connection and session, signed in as the office's {len(people)} people who handle documents (clerk, unit "
        f"heads, specialists, in turn; each sees {_span(p['documents'] for p in people)} documents). For "
        f"{s['seconds']:.0f} s each loops over its inbox, the page of a document it may see (at random) and a search "
        "for a word of those documents' subjects; then the same clients, still signed in, ask `/healthz` (a query, "
        f"the job queue, the file storage and a search) for {s['seconds']:.0f} s: the baseline. Latency: from sending "
        "the request to its last byte. Goal: no errors (any answer but 200, or a failed connection).",
        "",
        "| engine | workload | requests | requests/s | / `/healthz`'s | p50 ms | p95 ms | max ms | p95 / `/healthz`'s | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for key, s in engines:
        mixed, base = s["mixed"], s["healthz"]
        rows = [("**mixed workload**", mixed, _errors(mixed), f"{mixed['per_s'] / base['per_s']:.3f}")]
        rows += [(label, mixed["kinds"][k], f"{mixed['kinds'][k]['errors']:,}", "—") for k, label in SERVING_KINDS.items()]
        rows.append(("`/healthz` (baseline)", base, _errors(base), "1.000"))
        for label, run, errors, ratio in rows:
            t = run.get("all", run)  # a workload's figures over all its requests, or one kind's
            out.append(
                f"| {ENGINES[key]} | {label} | {run['requests']:,} | {run['per_s']:,.1f} | {ratio} | {_ms(t['p50_ms'])} "
                f"| {_ms(t['p95_ms'])} | {_ms(t['max_ms'])} | {t['p95_ms'] / base['all']['p95_ms']:.2f} | {errors} |"
            )
    out.append("")
    for key, s in engines:
        a, v, srv = s["audit"], s["audit"]["verify"], s["server"]
        actions = ", ".join(f"{action} {n:,}" for action, n in sorted(a["by_action"].items()))
        out += [
            f"{ENGINES[key]}: the {s['clients']} sign-ins at once took {s['sign_in']['seconds']} s (p50 "
            f"{s['sign_in']['p50_ms']:,.0f} ms each); connections the server had closed, opened again and the request "
            f"sent again: {s['mixed']['retries']} (mixed), {s['healthz']['retries']} (`/healthz`). gunicorn replaced its "
            f"worker (after {srv['max_requests']:,} to {srv['max_requests'] + srv['max_requests_jitter']:,} requests) "
            f"{s['mixed']['worker_restarts']} time(s) during the mixed workload, {s['healthz']['worker_restarts']} during "
            "`/healthz`'s. Audit rows written "
            f"during the mixed workload: {a['rows']:,} ({actions or 'none'}), each chained to its agency's last row; "
            f"`audit_verify` afterwards: {'passed ✅' if v['passed'] else '**failed** ❌: ' + v['message']}.",
            "",
        ]
    return out


def serving_summary(name: str, s: dict) -> list[str]:
    """50 clients against `make run`'s server (bench/serving.py), for the terminal."""
    if s.get("error"):
        return [f"{name}: serving failed: {s['error']}"]
    if not s:
        return []
    mixed, base = s["mixed"], s["healthz"]
    kinds = ", ".join(f"{k} {v['p95_ms']:.0f} ms" for k, v in mixed["kinds"].items())
    return [
        f"{name}: {s['clients']} clients, mixed workload {mixed['per_s']}/s (×{s['ratio_mixed_to_healthz_per_s']} "
        f"/healthz's {base['per_s']}/s), p95 {kinds} (/healthz {base['all']['p95_ms']:.0f} ms); errors "
        f"{mixed['errors']} mixed, {base['errors']} /healthz",
        f"{name}: {s['audit']['rows']:,} audit rows written during the mixed workload "
        f"({s['audit']['access_rows']:,} access.*); audit_verify {'passed' if s['audit']['verify']['passed'] else 'FAILED'}",
    ]
