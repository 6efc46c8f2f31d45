"""PostgreSQL full text in the default database (table search_searchentry): the
engine for installations with several application servers, where tantivy's
one-writer directory does not fit.

The text is cut by vntext in Python, exactly as for tantivy, and each token
list is stored as a tsvector built from a literal ('token':positions), never
through PostgreSQL's parser, which would split "123/qđ-ubnd". Queries are
tsquery literals of quoted tokens passed as parameters, so nothing a user
types can become an operator.

Ranking mirrors tantivy's boosts (heading exact > heading folded > body exact >
body folded, the words side by side, the document's own number) with ts_rank
per column; it has no IDF, so rare words do not weigh more than common ones.
At scale ts_rank over every match is the cost (docs/search-engines.md): only
the newest RANK_WINDOW matches are ranked, and as many with the words in the heading."""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

from eoffice.search import vntext
from eoffice.search.backends.base import EXACT_WORD, FACETS, Backend, Hit, Request, Response
from eoffice.search.models import SearchEntry

TABLE = SearchEntry._meta.db_table
BOOST = {"head_exact": 6.0, "head_folded": 1.5, "body_exact": 1.5, "body_folded": 0.5}
MAX_POSITION = 16383  # PostgreSQL's limit; later positions are clamped to it
MAX_POSITIONS_PER_TOKEN = 256
RANK_WINDOW = 1_000  # matches ranked per window (the newest; titled as typed): docs/search.md
TITLE_WORDS = 3  # a query this long may be a title: its phrase in the heading gets a window
FACET_SIZE = 20
WORK_MEM = "64MB"  # exact bitmaps for common words (measured in docs/search-engines.md)
STORED = ("kind", "number", "subject", "issuer", "body", "type_name", "status", "unit", "url", "procedure_field", "applicant")
COLUMNS: tuple[str, ...]
COLUMNS = ("key", "kind", "record_pk", "agency", "principals", "type_name", "procedure_field", "issuer", "status", "unit")
COLUMNS += ("year", "day", "number", "subject", "body", "url", "applicant", "fp")
COLUMNS += ("num", "head_exact", "head_folded", "body_exact", "body_folded", "folded")
VECTORS = ("num", "head_exact", "head_folded", "body_exact", "body_folded", "folded")


def _quote(token: str) -> str:
    """A token as a quoted tsvector/tsquery lexeme: operators inside stay text."""
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector(tokens: list[str]) -> str:
    """The literal of a tsvector holding these tokens at their positions."""
    positions: dict[str, list[int]] = {}
    for position, token in enumerate(tokens, start=1):
        found = positions.setdefault(token, [])
        position = min(position, MAX_POSITION)
        if len(found) < MAX_POSITIONS_PER_TOKEN and (not found or found[-1] != position):
            found.append(position)
    return " ".join(f"{_quote(token)}:{','.join(map(str, found))}" for token, found in positions.items())


def _any(tokens) -> str:
    return " | ".join(_quote(t) for t in dict.fromkeys(tokens))


def _all(tokens) -> str:
    return " & ".join(_quote(t) for t in dict.fromkeys(tokens))


def _phrase(tokens) -> str:
    return " <-> ".join(_quote(t) for t in tokens)


class _Sql:
    """SQL text and its parameters, grown together."""

    def __init__(self):
        self.parts: list[str] = []
        self.params: list = []

    def add(self, text: str, *params) -> None:
        self.parts.append(text)
        self.params.extend(params)


class PostgresBackend(Backend):
    def __init__(self):
        if connection.vendor != "postgresql":
            raise ImproperlyConfigured(
                "EOFFICE_SEARCH_BACKEND=postgres needs PostgreSQL as the default database "
                f"(DATABASE_URL); this one is {connection.vendor}. Use 'tantivy'."
            )

    # --- writing ---------------------------------------------------------------------
    def upsert(self, items) -> None:
        rows = [self._row(entry, fp) for entry, fp in items]
        if not rows:
            return
        values = ", ".join("%s::tsvector" if c in VECTORS else "%s::text[]" if c == "principals" else "%s" for c in COLUMNS)
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS if c != "key")
        sql = f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({values}) ON CONFLICT (key) DO UPDATE SET {updates}"  # noqa: S608 - names and placeholders only
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)

    @staticmethod
    def _row(entry, fp: str) -> list:
        # Part by part, as tantivy: a legacy-encoded subject is repaired on its own.
        head_exact, head_folded = [], []
        for part in entry.heading:
            exact, folded = vntext.analyze(part)
            head_exact += exact
            head_folded += folded
        body_exact, body_folded = vntext.analyze(entry.body)
        values = {
            "key": entry.key,
            "record_pk": entry.pk,
            "agency": entry.agency_id,
            "principals": sorted(entry.principals),
            "year": entry.day.year if entry.day else None,
            "day": entry.day.toordinal() if entry.day else None,
            "fp": fp,
            "num": tsvector(vntext.folded_tokens(entry.number)),
            "head_exact": tsvector(head_exact),
            "head_folded": tsvector(head_folded),
            "body_exact": tsvector(body_exact),
            "body_folded": tsvector(body_folded),
            "folded": tsvector(head_folded + body_folded),
        }
        return [values[c] if c in values else (getattr(entry, c) or "") for c in COLUMNS]

    def delete(self, keys) -> None:
        keys = list(keys)
        if keys:
            SearchEntry.objects.filter(key__in=keys).delete()

    def clear(self) -> None:
        SearchEntry.objects.all().delete()

    def fingerprints(self) -> dict[str, str]:
        return dict(SearchEntry.objects.values_list("key", "fp"))

    # --- reading ---------------------------------------------------------------------
    def _where(self, request: Request, prefix: str = "") -> _Sql:
        """Who may see it, what must match, the filters: shared by hits, count,
        facets and suggestions, so none of them can count more than the others."""
        parsed, where = request.query, _Sql()
        where.add("agency = %s", request.agency_id)
        where.add("principals && %s::text[]", sorted(request.principals))
        if parsed.terms:
            where.add("folded @@ %s::tsquery", _all(t.folded for t in parsed.terms))
        for phrase in parsed.phrases:
            words = _phrase(t.folded for t in phrase)
            where.add("(head_folded @@ %s::tsquery OR body_folded @@ %s::tsquery)", words, words)
        if not parsed.terms and not parsed.phrases and (parsed.optional or parsed.symbols):
            # Only filler words or symbols: one of them must be there (a symbol in the heading).
            either = _Sql()
            if parsed.optional:
                either.add("folded @@ %s::tsquery", _any(t.folded for t in parsed.optional))
            if parsed.symbols:
                either.add("head_folded @@ %s::tsquery", _any(s.folded for s in parsed.symbols))
            where.add(f"({' OR '.join(either.parts)})", *either.params)
        if prefix:
            where.add("head_folded @@ %s::tsquery", f"{_quote(prefix)}:*")
        for name, value in request.filters.items():
            if name not in FACETS:  # a column name goes into the SQL text: only known ones
                raise ValueError(f"unknown search filter {name!r}")
            where.add(f"{name} = %s", int(value) if name == "year" else str(value))
        return where

    def _rank(self, request: Request) -> _Sql:
        """tantivy's boosts as a weighted sum: each word where it is found, the
        words side by side, phrases, the document's own number."""
        parsed, rank = request.query, _Sql()
        words = list(dict.fromkeys([*parsed.terms, *parsed.optional]))
        if words:
            for column, boost in BOOST.items():
                side = [t.exact if column.endswith("exact") else t.folded for t in words]
                count = len(set(side))  # ts_rank averages over the OR's words; we want their sum
                rank.add(f"{boost * count} * ts_rank('{{1,1,1,1}}', {column}, %s::tsquery, 1)", _any(side))
        # A word typed with diacritics and found with them outranks one found only folded.
        for term in parsed.terms:
            if term.exact != term.folded:
                word = _quote(term.exact)
                rank.add(f"{EXACT_WORD} * (head_exact @@ %s::tsquery OR body_exact @@ %s::tsquery)::int", word, word)
        for phrase in parsed.phrases:
            words_ = _phrase(t.folded for t in phrase)
            rank.add("2 * ((head_folded @@ %s::tsquery)::int + (body_folded @@ %s::tsquery)::int)", words_, words_)
        if len(parsed.terms) > 1:
            for column, boost, form in (("head_exact", 4, "exact"), ("head_folded", 2, "folded"), ("body_folded", 1, "folded")):
                rank.add(f"{boost} * ({column} @@ %s::tsquery)::int", _phrase(getattr(t, form) for t in parsed.terms))
        for symbol in parsed.symbols:
            rank.add("12 * (num @@ %s::tsquery)::int", _quote(symbol.folded))
            rank.add("8 * (head_exact @@ %s::tsquery)::int", _quote(symbol.exact))
            rank.add("8 * (head_folded @@ %s::tsquery)::int", _quote(symbol.folded))
        if not rank.parts:
            rank.add("0")
        return rank

    def _hits(self, request: Request, where: _Sql, limit: int, offset: int, newest_first: bool) -> list[Hit]:
        rank = self._rank(request)
        fields = ", ".join(("key", "record_pk", "day", *STORED))
        condition = " AND ".join(where.parts)
        if newest_first:
            sql = (
                f"SELECT {fields}, {' + '.join(rank.parts)} FROM {TABLE} WHERE {condition} "  # noqa: S608 - names and placeholders only
                "ORDER BY day DESC NULLS LAST, id DESC LIMIT %s OFFSET %s"
            )
            params = [*rank.params, *where.params, limit, offset]
        else:
            window = self._window(request, where)
            sql = (
                f"WITH window_ AS ({' UNION '.join(window.parts)}) "  # noqa: S608 - names and placeholders only
                f"SELECT {fields}, score FROM (SELECT {fields}, id, {' + '.join(rank.parts)} AS score "
                f"FROM {TABLE} JOIN window_ USING (id)) AS ranked "
                "ORDER BY score DESC, day DESC NULLS LAST, id DESC LIMIT %s OFFSET %s"
            )
            params = [*window.params, *rank.params, limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [self._hit(row) for row in rows]

    def _window(self, request: Request, where: _Sql) -> _Sql:
        """The matches worth ranking (ts_rank reads every row it ranks): the newest
        RANK_WINDOW of them and, for a query of TITLE_WORDS words or more, as many
        with the words side by side in the heading, so an older document titled as
        typed is ranked even when thousands of newer ones mention the words. (Every
        word anywhere in the heading was measured too: it doubled p95 at 100k
        documents for two-word queries such as "bao cao".)"""
        condition = " AND ".join(where.parts)
        newest = f"(SELECT id FROM {TABLE} WHERE {condition}{{}} ORDER BY day DESC NULLS LAST, id DESC LIMIT %s)"  # noqa: S608 - names and placeholders only
        window = _Sql()
        window.add(newest.format(""), *where.params, RANK_WINDOW)
        terms = [t.folded for t in request.query.terms]
        if len(terms) >= TITLE_WORDS:
            window.add(newest.format(" AND head_folded @@ %s::tsquery"), *where.params, _phrase(terms), RANK_WINDOW)
        return window

    @staticmethod
    def _hit(row) -> Hit:
        key, pk, day, *stored, score = row
        fields = {name: value or "" for name, value in zip(STORED, stored, strict=True)}
        return Hit(key=key, score=float(score), fields=fields | {"pk": pk, "day": day})

    def _count_and_facets(self, where: _Sql, facets: bool) -> tuple[int, dict]:
        condition = " AND ".join(where.parts)
        with connection.cursor() as cursor:
            if not facets:
                cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE {condition}", where.params)  # noqa: S608 - names and placeholders only
                return cursor.fetchone()[0], {}
            # One scan: the total (grouping set ()) and each facet's counts.
            sets = ", ".join(f"({name})" for name in FACETS)
            cursor.execute(
                f"SELECT {', '.join(f'GROUPING({n})' for n in FACETS)}, {', '.join(FACETS)}, count(*) "  # noqa: S608 - names and placeholders only
                f"FROM {TABLE} WHERE {condition} GROUP BY GROUPING SETS ((), {sets})",
                where.params,
            )
            rows = cursor.fetchall()
        found: dict[str, list[tuple[str, int]]]
        total, found = 0, {name: [] for name in FACETS}
        width = len(FACETS)
        for row in rows:
            grouped, values, count = row[:width], row[width : 2 * width], row[-1]
            if all(grouped):  # the () set: every column aggregated away
                total = count
                continue
            index = grouped.index(0)
            value = values[index]
            if value not in (None, ""):
                found[FACETS[index]].append((str(value), count))
        return total, {name: sorted(pairs, key=lambda p: (-p[1], p[0]))[:FACET_SIZE] for name, pairs in found.items()}

    def search(self, request: Request) -> Response:
        if request.query.empty:
            return Response(total=0, hits=[], facets={})
        where = self._where(request)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
            hits = self._hits(request, where, max(1, request.limit), request.offset, request.newest_first)
            total, facets = self._count_and_facets(where, request.facets)
        return Response(total=total, hits=hits, facets=facets)

    def suggest(self, request: Request, prefix: str) -> Response:
        """Documents whose heading has the typed words and a word starting with
        `prefix` (folded), under the same permission clauses as search."""
        where = self._where(request, prefix)
        hits = self._hits(request, where, request.limit, 0, newest_first=False)
        return Response(total=len(hits), hits=hits, facets={})
