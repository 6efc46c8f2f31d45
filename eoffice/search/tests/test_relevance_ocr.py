"""The relevance set's scanned records read by real OCR: each `scan` text is rendered as
a printed page (Liberation Serif 12 pt at 300 dpi, lines of at most 75 characters), read
by eoffice.attachments.ocr with Tesseract `vie`, indexed in tantivy, and the queries that
need OCR must find them as if the text had been typed."""

import textwrap
from io import BytesIO

import pytest

from eoffice.attachments.extract import extract
from eoffice.attachments.tests.test_ocr import image_bytes, render
from eoffice.search.backends import Request
from eoffice.search.backends.tantivy_backend import TantivyBackend
from eoffice.search.indexing import fingerprint
from eoffice.search.query import parse
from eoffice.search.tests.relevance import harness

POINT_12_AT_300_DPI = 50  # px


def scanned_and_read(scan_text: str) -> str:
    lines = [wrapped for line in scan_text.splitlines() for wrapped in textwrap.wrap(line, 75) or [""]]
    page = image_bytes(render(*lines, size=POINT_12_AT_300_DPI), "PNG")
    return extract(BytesIO(page), "png").text


def engine_with(tmp_path_factory, ocr) -> TantivyBackend:
    engine = TantivyBackend(str(tmp_path_factory.mktemp("tantivy-ocr")))
    engine.upsert([(entry, fingerprint(entry)) for entry in harness.entries(ocr=ocr)])
    return engine


def ranked(engine, text: str) -> list[str]:
    request = Request(query=parse(text), agency_id=1, principals=frozenset({"a1"}), limit=20, facets=False)
    return [hit.key for hit in engine.search(request).hits]


OCR_QUERIES = [query for query in harness.load_queries() if "ocr" in query.needs]


@pytest.fixture(scope="module")
def ocr_engine(tmp_path_factory):
    return engine_with(tmp_path_factory, scanned_and_read)


def test_the_set_has_ocr_queries():
    assert len(OCR_QUERIES) >= 4


def test_scanned_records_are_found_through_real_ocr(ocr_engine):
    failures = harness.check(lambda q: ranked(ocr_engine, q), OCR_QUERIES)
    assert not failures, "\n".join(failures)


def test_without_ocr_the_scanned_words_are_not_found(tmp_path_factory):
    """The queries above really depend on the scans' text."""
    blind = engine_with(tmp_path_factory, None)
    failures = harness.check(lambda q: ranked(blind, q), OCR_QUERIES)
    assert len(failures) == len(OCR_QUERIES)
