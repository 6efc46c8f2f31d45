"""The one interface every search engine implements (`Backend`) and what
passes through it (`Request`, `Hit`, `Response`)."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eoffice.search.query import ParsedQuery

# "type_name" and "issuer" hold document types and issuing bodies only; a one-stop
# dossier gives its procedure's field instead ("procedure_field") and its applicant to no facet.
FACETS = ("kind", "type_name", "procedure_field", "issuer", "year", "status", "unit")
# A query word typed with diacritics found with them (heading or attachment) adds this
# much, more than any ranking of a word found only once folded can: "hòa" (= "hoà")
# ranks above "hóa", a different word that folds alike (docs/search.md).
EXACT_WORD = 1000.0


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
    fields: dict  # the stored fields: kind, pk, number, subject, issuer, body, day, type_name, status, unit, url,
    # procedure_field, applicant


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
