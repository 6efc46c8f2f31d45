"""The relevance test set for Vietnamese search (issue 4): a fixed corpus, queries written as
the results they must return, and `check`, which runs them against any search function.

corpus.json  ~150 records of UBND thành phố Huế, incoming and outgoing, each with a stable
             `key` ("incoming:1") and the fields of `sources.Entry`; `body` is attachment
             text; `scan` is text that exists only as a scanned image (a later step renders
             it, 12-14 pt, one image line per text line of at most 75 characters, and runs
             OCR); `note` explains a record (legacy encodings, missing accents).
queries.json {"id", "q", "expect_top": [keys], "top": N (3), "ordered": bool,
             "expect_absent": [keys], "expect_none": bool, "needs": ["ocr" | "legacy"],
             "length": L (q repeated to exactly L characters), "why"}.

Wiring an engine is one call, after it has indexed `entries()`:

    failures = harness.check(lambda q: [hit.key for hit in engine.search(q)])
    assert not failures, "\\n".join(failures)

`search(q)` returns keys, best first; an exception or a malformed result is a failure,
never an error of the harness.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import islice
from pathlib import Path

HERE = Path(__file__).parent
CORPUS_PATH = HERE / "corpus.json"
QUERIES_PATH = HERE / "queries.json"
CAPABILITIES = ("ocr", "legacy")  # what a query may need beyond plain text search


@dataclass(frozen=True)
class Query:
    id: str
    q: str
    expect_top: tuple[str, ...] = ()
    top: int = 3
    ordered: bool = False
    expect_absent: tuple[str, ...] = ()
    expect_none: bool = False  # no results at all (empty input)
    needs: frozenset[str] = frozenset()
    why: str = ""


def _record(raw: dict) -> dict:
    return {"body": "", "scan": "", "note": "", **raw}


@cache
def _corpus(path: Path) -> tuple[dict, ...]:
    return tuple(_record(raw) for raw in json.loads(path.read_text(encoding="utf-8")))


def load_corpus(path: Path = CORPUS_PATH) -> list[dict]:
    """The records, with "body", "scan" and "note" always present ("" when absent)."""
    return [dict(record) for record in _corpus(path)]


def _query(raw: dict) -> Query:
    text = raw["q"]
    if "length" in raw:  # 10,000-character input without 10,000 characters of JSON
        text = (text * (raw["length"] // max(len(text), 1) + 1))[: raw["length"]]
    return Query(
        id=raw["id"],
        q=text,
        expect_top=tuple(raw.get("expect_top", ())),
        top=raw.get("top", 3),
        ordered=raw.get("ordered", False),
        expect_absent=tuple(raw.get("expect_absent", ())),
        expect_none=raw.get("expect_none", False),
        needs=frozenset(raw.get("needs", ())),
        why=raw.get("why", ""),
    )


def load_queries(path: Path = QUERIES_PATH) -> list[Query]:
    return [_query(raw) for raw in json.loads(path.read_text(encoding="utf-8"))]


def entries(records: Iterable[dict] | None = None, *, agency_id: int = 1, principals=None, ocr: Callable | None = None):
    """The corpus as `sources.Entry` objects, all in one agency and visible to its whole
    registry (principal a<agency_id>) unless `principals` says otherwise.

    `ocr(scan_text) -> text` supplies the text of scanned records (render + Tesseract in
    the real test, `str` for a perfect reader); without it they have no attachment text."""
    from eoffice.search.sources import Entry  # Django is loaded only when entries are built

    principals = frozenset(principals or {f"a{agency_id}"})
    built = []
    for record in load_corpus() if records is None else records:
        kind, pk = record["key"].split(":")
        body = record["body"]
        if ocr and record["scan"]:
            body = "\n".join(filter(None, (body, ocr(record["scan"]))))
        built.append(
            Entry(
                kind=kind,
                pk=int(pk),
                agency_id=agency_id,
                principals=principals,
                type_name=record["type_name"],
                number=record["number"],
                subject=record["subject"],
                issuer=record["issuer"],
                body=body,
                day=date.fromisoformat(record["day"]),
                status=record["status"],
                unit=record["unit"],
            )
        )
    return built


def _label(key: str) -> str:
    record = next((r for r in _corpus(CORPUS_PATH) if r["key"] == key), None)
    return f"{key} «{record['subject'][:50]}»" if record else key


def _show(keys: Iterable[str]) -> str:
    return "[" + ", ".join(map(_label, keys)) + "]"


def judge(query: Query, results) -> list[str]:
    """What is wrong with `results` (keys, best first) for `query`; [] when it passes."""
    where = f"{query.id} ({query.q[:60]!r})"
    if not isinstance(results, list | tuple) or not all(isinstance(key, str) for key in results):
        return [f"{where}: search must return a list of keys, got {type(results).__name__}"]
    problems = []
    if len(set(results)) != len(results):
        problems.append("duplicate keys")
    if query.expect_none and results:
        problems.append("expected no results")
    top = list(results[: query.top])
    for key in query.expect_top:
        if key not in top:
            problems.append(f"expected {_label(key)} in the top {query.top}")
    for key in query.expect_absent:
        if key in top:
            problems.append(f"{_label(key)} must not be in the top {query.top}")
    found = [top.index(key) for key in query.expect_top if key in top]
    if query.ordered and found != sorted(found):
        problems.append(f"expected in this order: {_show(query.expect_top)}")
    if not problems:
        return []
    return [f"{where}: {'; '.join(problems)} — got {_show(islice(results, max(query.top, 3)))} (why: {query.why})"]


def check(search: Callable[[str], list[str]], queries: Iterable[Query] | None = None, *, skip_needs=()) -> list[str]:
    """Run every query (those needing a capability in `skip_needs` are skipped) and return
    one failure string per failing query; [] means the engine passes the set."""
    skip = frozenset(skip_needs)
    failures = []
    for query in load_queries() if queries is None else queries:
        if query.needs & skip:
            continue
        try:
            results = search(query.q)
        except Exception as exc:  # a query that breaks the engine is a failure like any other
            failures.append(f"{query.id} ({query.q[:60]!r}): raised {type(exc).__name__}: {exc}")
            continue
        failures += judge(query, results)
    return failures
