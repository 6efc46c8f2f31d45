"""The one interface every search engine implements (`Backend`) and what
passes through it (`Request`, `Hit`, `Response`)."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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
