"""The PostgreSQL engine (EOFFICE_SEARCH_BACKEND=postgres): the service's own
tests (indexing after commit, repair and rebuild, the API, permissions, bad
input) run again on it, plus what is particular to it: it refuses any other
database, token literals cannot become operators, and it finds exactly what
tantivy finds."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from eoffice.search.backends import Request, get_backend
from eoffice.search.backends.tantivy_backend import TantivyBackend
from eoffice.search.query import parse
from eoffice.search.tests.relevance import harness
from eoffice.search.tests.test_dossier_search import (  # noqa: F401 - collected again here, on PostgreSQL
    dossier,
    test_facets_keep_document_types_and_issuing_bodies_apart_from_one_stop_fields_and_citizens,
)
from eoffice.search.tests.test_indexing import (  # noqa: F401 - collected again here, on PostgreSQL
    test_a_registered_letter_is_found_by_who_may_see_it_and_follows_its_direction,
    test_a_rolled_back_change_is_never_indexed,
    test_repair_finds_and_fixes_drift_and_rebuild_starts_over,
)
from eoffice.search.tests.test_relevance_engines import _corpus
from eoffice.search.tests.test_search_api import (  # noqa: F401
    letters,
    test_bad_input_gets_an_answer_not_a_500,
    test_filters_sorting_and_bad_parameters,
    test_nothing_leaks_through_results_counts_facets_or_suggestions,
    test_suggestions_tell_identical_subjects_apart,
    test_the_clerk_finds_the_decision_however_it_is_typed,
    test_the_results_page,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgres_engine(settings, request):
    if request.node.name.startswith("test_refused"):
        return
    if connection.vendor != "postgresql":
        pytest.skip(f"the PostgreSQL engine needs a PostgreSQL test database (this one is {connection.vendor})")
    settings.EOFFICE_SEARCH_BACKEND = "postgres"


def test_refused_on_another_database(settings):
    if connection.vendor == "postgresql":
        pytest.skip("checks the refusal on a database other than PostgreSQL")
    settings.EOFFICE_SEARCH_BACKEND = "postgres"
    with pytest.raises(ImproperlyConfigured, match="needs PostgreSQL"):
        get_backend()


def test_the_engine_is_postgres_and_its_table_is_the_index():
    backend = get_backend()
    assert type(backend).__name__ == "PostgresBackend"
    backend.upsert(_corpus()[:3])
    assert sorted(backend.fingerprints()) == ["incoming:1", "incoming:2", "incoming:3"]


def test_token_literals_keep_quotes_and_operators_as_text():
    from eoffice.search.backends.postgres_backend import _quote, tsvector

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT %s::tsvector, %s::tsvector @@ %s::tsquery", [tsvector(["o'neil", "a\\b", "x|y", "x"]), "'x':1", "'x|y'"]
        )
        vector, matched = cursor.fetchone()
        assert vector == "'a\\\\b':2 'o''neil':1 'x':4 'x|y':3" and matched is False
        cursor.execute("SELECT %s::tsvector @@ %s::tsquery", [tsvector(["x|y"]), _quote("x|y")])
        assert cursor.fetchone()[0] is True


def test_it_finds_exactly_what_tantivy_finds(tmp_path):
    """Same matches (not only the same top results) for every query of the relevance set."""
    tantivy = TantivyBackend(str(tmp_path))
    tantivy.upsert(_corpus())
    postgres = get_backend()
    postgres.upsert(_corpus())
    for query in harness.load_queries():
        request = Request(query=parse(query.q), agency_id=1, principals=frozenset({"a1"}), limit=500, facets=False)
        found = [{hit.key for hit in engine.search(request).hits} for engine in (tantivy, postgres)]
        assert found[0] == found[1], query.id


def test_an_older_document_titled_as_typed_is_ranked_beyond_the_newest_window(monkeypatch):
    """Only a window of matches is ranked (ts_rank reads every row it ranks): besides
    the newest ones, those with the words in the heading, side by side, are ranked
    too, so the 2021 decision comes first though many newer letters mention its words."""
    from datetime import date, timedelta

    from eoffice.search.backends import postgres_backend
    from eoffice.search.indexing import fingerprint
    from eoffice.search.sources import Entry

    monkeypatch.setattr(postgres_backend, "RANK_WINDOW", 5)

    def entry(pk, day, subject, body=""):
        values = dict(
            kind="incoming", pk=pk, agency_id=1, principals=frozenset({"a1"}), type_name="Công văn", number=f"{pk}/UBND"
        )
        return Entry(**values, subject=subject, issuer="UBND thành phố", body=body, day=day, status="registered")

    decision = entry(1, date(2021, 3, 1), "Quyết định thu hồi đất phường Thủy Xuân")
    newer = [
        entry(
            pk,
            date(2026, 1, 1) + timedelta(days=pk),
            f"Báo cáo tháng {pk}",
            "về việc thu hồi đất tại phường Thủy Xuân và các phường khác",
        )
        for pk in range(2, 14)
    ]
    backend = get_backend()
    backend.upsert([(e, fingerprint(e)) for e in [decision, *newer]])
    request = Request(query=parse("thu hoi dat phuong thuy xuan"), agency_id=1, principals=frozenset({"a1"}), facets=False)
    found = backend.search(request)
    assert found.total == 13 and found.hits[0].key == "incoming:1"
    assert len(found.hits) == 6  # ranked: the newest 5 and the decision (pages stop at the windows)
