"""Search engines behind one interface (`Backend`): tantivy, embedded, the
default; PostgreSQL full text for installations running several servers.
Chosen by EOFFICE_SEARCH_BACKEND."""

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from eoffice.search.query import ParsedQuery

FACETS = ("kind", "type_name", "issuer", "year", "status", "unit")


@dataclass
class Request:
    """What the service asks of an engine, permissions already resolved."""

    query: "ParsedQuery"
    agency_id: int
    principals: frozenset[str]
    filters: dict = field(default_factory=dict)  # facet name → value
    newest_first: bool = False
    offset: int = 0
    limit: int = 20
    facets: bool = True


@dataclass
class Hit:
    key: str
    score: float
    fields: dict  # the stored fields: kind, pk, number, subject, issuer, body, day, type_name, status, unit, url


@dataclass
class Response:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]


class Backend:
    def upsert(self, items) -> None:  # [(Entry, fingerprint)]
        raise NotImplementedError

    def delete(self, keys) -> None:
        raise NotImplementedError

    def search(self, request: Request) -> Response:
        raise NotImplementedError

    def suggest(self, request: Request, prefix: str) -> Response:
        raise NotImplementedError

    def fingerprints(self) -> dict[str, str]:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError


@lru_cache(maxsize=1)
def _backend(name: str, location: str) -> Backend:
    if name == "tantivy":
        from eoffice.search.backends.tantivy_backend import TantivyBackend

        return TantivyBackend(location)
    if name == "postgres":
        from eoffice.search.backends.postgres_backend import PostgresBackend

        return PostgresBackend()
    raise ValueError(f"EOFFICE_SEARCH_BACKEND={name!r}: use 'tantivy' or 'postgres'")


def get_backend() -> Backend:
    return _backend(settings.EOFFICE_SEARCH_BACKEND, str(settings.EOFFICE_SEARCH_DIR))
