"""Cấp số: number series and symbols of outgoing documents (ND30 Art.15,
Appendix I II.3)."""

from dataclasses import dataclass

from eoffice.core.choices import DOCUMENT_TYPES, Confidentiality
from eoffice.outgoing.models import SecretNumbering
from eoffice.registers.models import RegisterKind
from eoffice.registers.services import register_take_number

ABBREVIATIONS = dict(DOCUMENT_TYPES)


@dataclass(frozen=True)
class Rules:
    """The agency's numbering choices (OutgoingSettings; defaults without a row)."""

    per_type: bool = False
    secret: str = SecretNumbering.MARKED
    marker: str = "M"


def rules_for(agency) -> Rules:
    row = getattr(agency, "outgoing_settings", None)  # no row: the defaults
    return Rules(row.series_per_type, row.secret_numbering, row.secret_marker) if row else Rules()


def _secret(document) -> bool:
    return document.confidentiality > Confidentiality.NORMAL


def series_for(document, rules: Rules) -> tuple[str, str]:
    """(register kind, series key). Legal normative documents one series per
    type; other documents share the agency's series unless the agency keeps one
    per type. Secret documents (Art.15 §2) count in the secret register, with a
    marked symbol, unless the agency numbers them in the ordinary series."""
    own = _secret(document) and rules.secret == SecretNumbering.MARKED
    kind = RegisterKind.OUTGOING_SECRET if own else RegisterKind.OUTGOING
    abbreviation = ABBREVIATIONS[document.type_name] or document.type_name
    if document.normative:
        return kind, f"QPPL {abbreviation}"
    return kind, abbreviation if rules.per_type else ""


def symbol_for(document, rules: Rules | None = None) -> str:
    """Ký hiệu: "QĐ-UBND" for typed documents; for Công văn (and Thư công,
    which has no abbreviation either) the agency then the drafting unit:
    "UBND-VP". A secret document numbered in its own series ends with the
    agency's marker ("QĐ-UBND-M"), so that "01/QĐ-UBND" is never issued twice
    in a year (Art.15 §1)."""
    rules = rules or rules_for(document.agency)
    agency = document.agency.short_name
    abbreviation = ABBREVIATIONS[document.type_name]
    symbol = f"{agency}-{document.drafting_unit.abbreviation}" if not abbreviation else f"{abbreviation}-{agency}"
    if _secret(document) and rules.secret == SecretNumbering.MARKED:
        symbol = f"{symbol}-{rules.marker}"
    return symbol


def format_number(number: int) -> str:
    """Numbers below 10 get a leading zero (ND30 Appendix I II.3.c)."""
    return f"{number:02d}"


def code_number_for(number: int, *, year: int, normative: bool) -> str:
    """CodeNumber as printed before the symbol: "05", or "12/2026" for a
    legal normative document (12/2026/QĐ-UBND)."""
    return f"{format_number(number)}/{year}" if normative else format_number(number)


def take_number(document, *, rules: Rules, year: int) -> tuple[int, int]:
    """(register id, number), inside the issuing transaction."""
    kind, series = series_for(document, rules)
    return register_take_number(agency=document.agency, kind=kind, year=year, series=series)
