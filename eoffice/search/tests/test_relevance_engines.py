"""The relevance set (tests/relevance/) against each engine through the
search service's query parsing: accented and unaccented, both tone styles, đ,
document numbers, phrases, attachment text, legacy encodings, bad input.
The same tests run on tantivy always and on PostgreSQL when the test database
is PostgreSQL."""

from functools import cache

import pytest
from django.db import connection

from eoffice.search.backends import Request
from eoffice.search.backends.tantivy_backend import TantivyBackend
from eoffice.search.indexing import fingerprint
from eoffice.search.query import parse
from eoffice.search.tests.relevance import harness


@cache
def _corpus():
    return [(entry, fingerprint(entry)) for entry in harness.entries(ocr=str)]  # OCR is tested apart: a perfect reader


@pytest.fixture(scope="module")
def tantivy_engine(tmp_path_factory):
    engine = TantivyBackend(str(tmp_path_factory.mktemp("tantivy")))
    engine.upsert(_corpus())
    return engine


@pytest.fixture
def postgres_engine():
    """The corpus in the test database's search table, rolled back after the test."""
    if connection.vendor != "postgresql":
        pytest.skip(f"the PostgreSQL engine needs a PostgreSQL test database (this one is {connection.vendor})")
    from eoffice.search.backends.postgres_backend import PostgresBackend

    engine = PostgresBackend()
    engine.upsert(_corpus())
    return engine


@pytest.fixture(params=["tantivy", pytest.param("postgres", marks=pytest.mark.django_db)])
def engine(request):
    return request.getfixturevalue(f"{request.param}_engine")


def ranked(engine, text: str, **options) -> list[str]:
    request = Request(query=parse(text), agency_id=1, principals=frozenset({"a1"}), limit=20, facets=False, **options)
    return [hit.key for hit in engine.search(request).hits]


def test_every_relevance_query_passes(engine):
    failures = harness.check(lambda q: ranked(engine, q))
    assert not failures, "\n".join(failures)


def test_newest_first_keeps_only_matches_in_date_order(engine):
    keys = ranked(engine, "thu hồi đất", newest_first=True)
    days = {r["key"]: r["day"] for r in harness.load_corpus()}
    assert len(keys) > 2 and [days[k] for k in keys] == sorted((days[k] for k in keys), reverse=True)


def test_nothing_outside_the_principals_or_agency(engine):
    request = Request(query=parse("quyết định"), agency_id=1, principals=frozenset({"u999"}))
    assert engine.search(request).total == 0
    request = Request(query=parse("quyết định"), agency_id=2, principals=frozenset({"a1"}))
    response = engine.search(request)
    assert response.total == 0 and all(not buckets for buckets in response.facets.values())


def test_facets_count_the_matches(engine):
    response = engine.search(Request(query=parse("quyết định"), agency_id=1, principals=frozenset({"a1"})))
    by_type = dict(response.facets["type_name"])
    assert sum(by_type.values()) <= response.total and by_type.get("Quyết định", 0) > 0
    narrowed = engine.search(
        Request(query=parse("quyết định"), agency_id=1, principals=frozenset({"a1"}), filters={"type_name": "Quyết định"})
    )
    assert narrowed.total == by_type["Quyết định"]


def _words_that_fold_alike():
    """Letters holding "hòa" (the subject; "Cộng hòa" in the attachment only) among
    "Văn hóa" dossiers, whose heading holds the word that only folds alike, twice."""
    from datetime import date, timedelta

    from eoffice.search.sources import Entry

    def entry(kind, pk, subject, body="", **fields):
        values = {"type_name": "", "number": f"{pk}/UBND", "issuer": "", **fields}
        day = date(2026, 1, 1) + timedelta(days=pk)
        return Entry(
            kind=kind, pk=pk, agency_id=1, principals=frozenset({"a1"}), subject=subject, body=body, day=day, status="x", **values
        )

    attachment = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n" + "Tình hình kinh tế xã hội ổn định. " * 40
    letters = [
        entry("incoming", 1, "Về việc tổ chức hội nghị hòa giải ở cơ sở", type_name="Công văn", issuer="Sở Tư pháp"),
        entry("incoming", 2, "Về việc báo cáo tình hình tháng 11", attachment, type_name="Báo cáo"),
    ]
    dossiers = [
        entry("dossier", pk, "Xét tặng danh hiệu Gia đình văn hóa tiêu biểu", procedure_field="Văn hóa", applicant="Lê Văn An")
        for pk in range(3, 15)
    ]
    return [(e, fingerprint(e)) for e in [*letters, *dossiers]]


@pytest.fixture
def alike_engine(request, tmp_path):
    if request.param == "tantivy":
        engine = TantivyBackend(str(tmp_path))
    else:
        engine = request.getfixturevalue("postgres_engine")
        engine.clear()
    engine.upsert(_words_that_fold_alike())
    return engine


@pytest.mark.parametrize("alike_engine", ["tantivy", pytest.param("postgres", marks=pytest.mark.django_db)], indirect=True)
def test_an_accented_word_ranks_above_a_word_that_only_folds_alike(alike_engine):
    """Typed "hoà" is "hòa" (the other tone placement), not the "hóa" of "Văn hóa": the letters
    holding it come first, even where it is only in the attachment; unaccented, all are found."""
    for typed in ("hoà", "hòa"):
        assert set(ranked(alike_engine, typed)[:2]) == {"incoming:1", "incoming:2"}, typed
    assert ranked(alike_engine, "hoá")[0].startswith("dossier:")  # "hoá" = "hóa"
    assert len(ranked(alike_engine, "hoa")) == 14
