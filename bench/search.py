"""The search section of `make bench` (issue 4): index build rate and query
latency through the search service, beside the raw engine and Whoosh.

Runs in the benchmark child (Django set up) but needs no database: a
synthetic Vietnamese corpus of `eoffice.search.sources.Entry` objects (the
search spike's generator: titles, numbers like 123/QĐ-UBND, abstracts, realistic
principals; 10 % with several pages of attachment text) goes straight into
`TantivyBackend.upsert` in large batches.

Measured per query kind (ranked top-20, newest-first top-20), ~50 queries:
  service   `eoffice.search.service.search` itself, for a duck-typed Actor
            (a leader of the largest agency): parse, principals, Request,
            backend search with count and facets, snippets of the 20 hits;
  raw       the same tantivy query object, built once: `searcher.search(query, 20)`;
  whoosh    Whoosh-Reloaded on a smaller sample, the same words and boosts,
            the permission filter as a Whoosh filter, compared with tantivy
            (service and raw) built on the same sample.
"""

import random
import shutil
import statistics
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from bench import search_spike as spike
from eoffice.search.sources import Entry

BATCH = 50_000
ATTACHMENT_SHARE = 0.10
ATTACHMENT_SENTENCES = (20, 40)  # ~2,000 to 5,000 characters: a few pages
TOP = 20
KINDS = ("ranked", "newest")
# The actor: a leader of the largest agency (sees its ordinary documents), member of unit 3.
ACTOR_AGENCY, ACTOR_USER, ACTOR_UNIT = 1, 17, 3
STATUSES = ("registered", "assigned", "in_progress", "done")


# --------------------------------------------------------------------------- corpus


def _principals(rng, agency: int) -> frozenset[str]:
    """The spike's distribution in the service's tokens (eoffice.search.principals):
    most documents the agency, the lead unit and the registering clerk; 12 %
    restricted to the unit, its heads and a few people."""
    unit, clerk = agency * 100 + rng.randrange(spike.UNITS_PER_AGENCY), agency * 1000 + rng.randrange(spike.USERS_PER_AGENCY)
    if rng.random() < 0.12:
        users = {agency * 1000 + rng.randrange(spike.USERS_PER_AGENCY) for _ in range(rng.randrange(1, 4))}
        return frozenset({f"n{unit}", f"h{unit}", *(f"u{u}" for u in users)})
    return frozenset({f"a{agency}", f"n{unit}", f"u{clerk}"})


def entries(n: int, seed: int = 4):
    """Yield n Entries, deterministic for (n, seed); days spread over 2020-2026 in order."""
    rng = random.Random(seed)
    organs = [(name, abbr) for name, _, abbr, _, _ in spike.ORGANS] + spike.EXTRA_ORGANS
    agencies = list(range(1, len(spike.AGENCY_WEIGHTS) + 1))
    for i in range(1, n + 1):
        day = spike.FIRST_DAY + timedelta(days=(i - 1) * spike.DAYS // n)
        type_name = rng.choices(spike.TYPE_NAMES, spike.TYPE_WEIGHTS)[0]
        organ, organ_abbr = organs[rng.randrange(len(organs))]
        abbr = spike.TYPE_ABBREVIATIONS.get(type_name)
        number = f"{rng.randrange(1, 3000)}/{abbr or organ_abbr}-{organ_abbr if abbr else rng.choice(spike.UNITS)}"
        subject = rng.choice(spike.SUBJECTS)(rng, day.year)
        sentences = rng.randrange(1, 4)
        if rng.random() < ATTACHMENT_SHARE:
            sentences += rng.randrange(*ATTACHMENT_SENTENCES)
        body = " ".join(rng.choice(spike.SENTENCES)(rng, day.year) for _ in range(sentences))
        agency = rng.choices(agencies, spike.AGENCY_WEIGHTS)[0]
        yield Entry(
            kind="incoming" if rng.random() < 0.8 else "outgoing",
            pk=i,
            agency_id=agency,
            principals=_principals(rng, agency),
            type_name=type_name,
            number=number,
            subject=subject,
            issuer=organ,
            body=body,
            day=day,
            status=rng.choice(STATUSES),
            unit=rng.choice(spike.UNITS),
        )


def build_tantivy(path: Path, n: int, log) -> tuple:
    """(backend, build figures): the corpus through TantivyBackend.upsert, BATCH at a time."""
    from eoffice.search.backends.tantivy_backend import TantivyBackend
    from eoffice.search.indexing import fingerprint

    shutil.rmtree(path, ignore_errors=True)
    backend = TantivyBackend(str(path))
    generating = indexing = 0.0
    attachments = body_chars = 0
    source = entries(n)
    done = 0
    while done < n:
        t0 = time.perf_counter()
        batch = [next(source) for _ in range(min(BATCH, n - done))]
        t1 = time.perf_counter()
        backend.upsert([(entry, fingerprint(entry)) for entry in batch])
        indexing += time.perf_counter() - t1
        generating += t1 - t0
        done += len(batch)
        attachments += sum(len(e.body) > 1500 for e in batch)
        body_chars += sum(len(e.body) for e in batch)
        if done % (BATCH * 4) == 0 or done == n:
            log(f"  tantivy: {done:,}/{n:,} documents indexed ({done / indexing:,.0f}/s)")
    return backend, {
        "documents": n,
        "with_attachment_text": attachments,
        "body_chars": body_chars,
        "seconds": round(indexing, 1),
        "docs_per_s": round(n / indexing),
        "generate_s": round(generating, 1),
        "size_bytes": spike._dir_size(path),
    }


def build_whoosh(path: Path, n: int, log) -> dict:
    """Whoosh on the first n documents of the same generator, the same tokens (vntext)."""
    from whoosh import fields, index
    from whoosh.analysis import SpaceSeparatedTokenizer

    from eoffice.search import vntext

    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    words = SpaceSeparatedTokenizer()
    text = {name: fields.TEXT(analyzer=words) for name in ("head_exact", "head_folded", "folded")}
    schema = fields.Schema(
        pk=fields.NUMERIC(stored=True, unique=True),
        day=fields.NUMERIC(sortable=True),
        agency=fields.ID(),
        principals=fields.KEYWORD(),
        subject=fields.STORED(),
        **text,
    )
    ix = index.create_in(str(path), schema)
    writer = ix.writer(limitmb=512)
    seconds = 0.0
    for entry in entries(n):
        t0 = time.perf_counter()
        head = " ".join((entry.number, entry.type_name, entry.subject, entry.issuer))
        head_exact, head_folded = vntext.analyze(head)
        writer.add_document(
            pk=entry.pk,
            day=entry.day.toordinal(),
            agency=str(entry.agency_id),
            principals=" ".join(sorted(entry.principals)),
            subject=entry.subject,
            head_exact=" ".join(head_exact),
            head_folded=" ".join(head_folded),
            folded=" ".join([*head_folded, *vntext.folded_tokens(entry.body)]),
        )
        seconds += time.perf_counter() - t0
    t0 = time.perf_counter()
    writer.commit()
    seconds += time.perf_counter() - t0
    log(f"  whoosh: {n:,} documents in {seconds:.0f} s ({n / seconds:,.0f}/s)")
    return {"documents": n, "seconds": round(seconds, 1), "docs_per_s": round(n / seconds), "size_bytes": spike._dir_size(path)}


# --------------------------------------------------------------------------- querying


def actor():
    """Enough of eoffice.organisation.selectors.Actor for service.search and actor_principals."""
    return SimpleNamespace(
        agency=SimpleNamespace(pk=ACTOR_AGENCY),
        user=SimpleNamespace(pk=ACTOR_USER),
        acting_user_ids={ACTOR_USER},
        unit_ids={ACTOR_UNIT},
        head_unit_ids=set(),
        sees_whole_agency=True,
        is_leader=True,
        is_admin=False,
        roles=set(),
    )


def _timed(calls: dict, rounds: int, budget: float) -> dict:
    """calls: query text → callable. One warm-up round, then rounds until `rounds` or `budget` s."""
    for call in calls.values():
        call()
    samples, per_query = [], {text: [] for text in calls}
    started = time.perf_counter()
    for _ in range(rounds):
        for text, call in calls.items():
            t0 = time.perf_counter()
            call()
            elapsed = time.perf_counter() - t0
            samples.append(elapsed)
            per_query[text].append(elapsed)
        if time.perf_counter() - started > budget:
            break
    stats = spike._percentiles(samples)
    slowest = sorted(per_query.items(), key=lambda kv: -statistics.median(kv[1]))[:3]
    stats["slowest"] = [(text, round(statistics.median(times) * 1000, 1)) for text, times in slowest]
    return stats


def measure_tantivy(backend, rounds: int, budget: float, log) -> dict:
    """service.search and the raw tantivy query, per kind; totals and top hits for a check."""
    import tantivy
    from django.test import override_settings

    from eoffice.search import query as query_module
    from eoffice.search import service
    from eoffice.search.backends import Request, backend_at
    from eoffice.search.principals import actor_principals

    who = actor()
    principals = frozenset(actor_principals(who))
    texts = [text for text, _ in spike.QUERIES]
    searcher = backend._searcher()
    out = {}
    with override_settings(EOFFICE_SEARCH_BACKEND="tantivy", EOFFICE_SEARCH_DIR=str(backend.path)):
        backend_at.cache_clear()  # get_backend() opens this index
        try:
            for kind in KINDS:
                newest = kind == "newest"
                requests = {t: Request(query_module.parse(t), ACTOR_AGENCY, principals, newest_first=newest) for t in texts}
                queries = {t: backend._query(r) for t, r in requests.items()}  # built once: the raw engine's share
                order = {"order_by_field": "day", "order": tantivy.Order.Desc} if newest else {}
                raw = {t: (lambda q=q, o=order: searcher.search(q, TOP, **o)) for t, q in queries.items()}
                svc = {t: (lambda t=t, n=newest: service.search(who, t, newest_first=n)) for t in texts}
                first = {t: service.search(who, t, newest_first=newest) for t in texts}
                checked = [t for t in texts if not query_module.parse(t).empty]
                same = sum(
                    [h["key"] for h in first[t].hits] == [searcher.doc(a)["key"][0] for _, a in raw[t]().hits] for t in checked
                )
                bare = {t: replace(r, facets=False) for t, r in requests.items()}
                entry = {
                    "service": _timed(svc, rounds, budget),
                    # Where the service's time goes: the backend with and without facets.
                    "backend": _timed({t: (lambda r=r: backend.search(r)) for t, r in requests.items()}, rounds, budget),
                    "backend_no_facets": _timed({t: (lambda r=r: backend.search(r)) for t, r in bare.items()}, rounds, budget),
                    "raw": _timed(raw, rounds, budget),
                }
                entry["ratio_p50"] = round(entry["service"]["p50_ms"] / entry["raw"]["p50_ms"], 2)
                entry["ratio_p95"] = round(entry["service"]["p95_ms"] / entry["raw"]["p95_ms"], 2)
                entry["same_top20_as_raw"] = same
                entry["totals"] = {t: r.total for t, r in first.items()}
                entry["top_subject"] = {t: (r.hits[0]["subject"] if r.hits else None) for t, r in first.items()}
                out[kind] = entry
                log(
                    f"    {kind:7} service p50 {entry['service']['p50_ms']:.2f} p95 {entry['service']['p95_ms']:.2f} ms; "
                    f"raw p50 {entry['raw']['p50_ms']:.2f} p95 {entry['raw']['p95_ms']:.2f} ms; "
                    f"ratio p95 {entry['ratio_p95']:.2f}; backend p95 {entry['backend']['p95_ms']:.2f} ms "
                    f"({entry['backend_no_facets']['p95_ms']:.2f} without facets); same top-20 {same}/{len(checked)}"
                )
        finally:
            backend_at.cache_clear()
    return out


def measure_whoosh(path: Path, rounds: int, budget: float, log) -> dict:
    """The same words with the same boosts (tantivy_backend.BOOST), each required
    (found somewhere: "folded" holds heading and attachment text); agency and
    principals as a filter."""
    from whoosh import index
    from whoosh.query import And, Or, Term

    from eoffice.search import query as query_module
    from eoffice.search.backends.tantivy_backend import BOOST
    from eoffice.search.principals import actor_principals

    principals = sorted(actor_principals(actor()))
    ix = index.open_dir(str(path))
    searcher = ix.searcher()
    allowed = And([Term("agency", str(ACTOR_AGENCY)), Or([Term("principals", p) for p in principals])])

    def word(term):
        return Or([Term(f, term.exact if f == "head_exact" else term.folded, boost=b) for f, b in BOOST.items()])

    out = {}
    try:
        for kind in KINDS:
            sort = {"sortedby": "day", "reverse": True} if kind == "newest" else {}
            calls = {}
            for text, _ in spike.QUERIES:
                parsed = query_module.parse(text)
                terms = parsed.terms or parsed.symbols or parsed.optional
                if not terms:
                    continue
                q = And([word(t) for t in terms])
                calls[text] = lambda q=q, sort=sort: [hit["pk"] for hit in searcher.search(q, limit=TOP, filter=allowed, **sort)]
            out[kind] = _timed(calls, rounds, budget)
            log(f"    whoosh {kind:7} p50 {out[kind]['p50_ms']:.2f} p95 {out[kind]['p95_ms']:.2f} ms")
    finally:
        searcher.close()
    return out


# --------------------------------------------------------------------------- the section


def measure_search(root: Path, *, documents: int, whoosh_documents: int, rounds: int, budget: float, log) -> dict:
    """The whole section; indexes under `root`, removed afterwards."""
    import tantivy
    import whoosh

    result = {
        "documents": documents,
        "whoosh_documents": whoosh_documents,
        "queries": len(spike.QUERIES),
        "top": TOP,
        "actor": "leader of the largest agency (agency token + unit + own user), ~30 % of the corpus visible",
        "versions": {"tantivy": tantivy.__version__, "whoosh": whoosh.versionstring()},
    }
    try:
        log(f"  tantivy: building {documents:,} documents ({ATTACHMENT_SHARE:.0%} with attachment text)")
        backend, result["build"] = build_tantivy(root / "tantivy", documents, log)
        log(f"  tantivy at {documents:,}:")
        result["tantivy"] = measure_tantivy(backend, rounds, budget, log)
        del backend
        shutil.rmtree(root / "tantivy", ignore_errors=True)
        if whoosh_documents:
            sample = {"documents": whoosh_documents}
            log(f"  tantivy on the Whoosh sample ({whoosh_documents:,}):")
            small, sample["tantivy_build"] = build_tantivy(root / "tantivy-sample", whoosh_documents, log)
            sample["tantivy"] = measure_tantivy(small, rounds, budget, log)
            del small
            log(f"  whoosh: building {whoosh_documents:,} documents")
            sample["whoosh_build"] = build_whoosh(root / "whoosh", whoosh_documents, log)
            sample["whoosh"] = measure_whoosh(root / "whoosh", 1, budget * 3, log)
            for kind in KINDS:
                w, t = sample["whoosh"][kind], sample["tantivy"][kind]
                sample[f"speedup_{kind}_p95"] = round(w["p95_ms"] / t["service"]["p95_ms"], 1)
                sample[f"speedup_{kind}_raw_p95"] = round(w["p95_ms"] / t["raw"]["p95_ms"], 1)
            result["sample"] = sample
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return result
