"""Cấp số: number series and symbols of outgoing documents (ND30 Art.15,
Appendix I II.3)."""

from eoffice.core.choices import DOCUMENT_TYPES, Confidentiality
from eoffice.registers.models import RegisterKind
from eoffice.registers.services import register_take_number

ABBREVIATIONS = dict(DOCUMENT_TYPES)


def series_for(document, *, per_type: bool) -> tuple[str, str]:
    """(register kind, series key). Confidential documents have their own
    register; legal normative documents one series per type; other documents
    share the agency's series unless the agency keeps one per type."""
    secret = document.confidentiality > Confidentiality.NORMAL
    kind = RegisterKind.OUTGOING_SECRET if secret else RegisterKind.OUTGOING
    abbreviation = ABBREVIATIONS[document.type_name] or document.type_name
    if document.normative:
        return kind, f"QPPL {abbreviation}"
    return kind, abbreviation if per_type else ""


def symbol_for(document) -> str:
    """Ký hiệu: "QĐ-UBND" for typed documents; for Công văn (and Thư công,
    which has no abbreviation either) the agency then the drafting unit:
    "UBND-VP"."""
    agency = document.agency.short_name
    abbreviation = ABBREVIATIONS[document.type_name]
    if not abbreviation:
        return f"{agency}-{document.drafting_unit.abbreviation}"
    return f"{abbreviation}-{agency}"


def format_number(number: int) -> str:
    """Numbers below 10 get a leading zero (ND30 Appendix I II.3.c)."""
    return f"{number:02d}"


def code_number_for(number: int, *, year: int, normative: bool) -> str:
    """CodeNumber as printed before the symbol: "05", or "12/2026" for a
    legal normative document (12/2026/QĐ-UBND)."""
    return f"{format_number(number)}/{year}" if normative else format_number(number)


def take_number(document, *, per_type: bool, year: int) -> tuple[int, int]:
    """(register id, number), inside the issuing transaction."""
    kind, series = series_for(document, per_type=per_type)
    return register_take_number(agency=document.agency, kind=kind, year=year, series=series)
