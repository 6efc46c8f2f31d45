"""Số và ký hiệu (ND30 Art.15, Appendix I II.3), unit by unit: no database."""

from types import SimpleNamespace

import pytest

from eoffice.core.choices import DOCUMENT_TYPES
from eoffice.outgoing.models import SecretNumbering
from eoffice.outgoing.register.numbering import Rules, code_number_for, format_number, series_for, symbol_for
from eoffice.registers.models import RegisterKind


def document(type_name="Quyết định", *, agency="UBND", unit="VP", normative=False, confidentiality=0):
    return SimpleNamespace(
        type_name=type_name,
        agency=SimpleNamespace(short_name=agency),
        drafting_unit=SimpleNamespace(abbreviation=unit),
        normative=normative,
        confidentiality=confidentiality,
    )


@pytest.mark.parametrize(("number", "printed"), [(1, "01"), (9, "09"), (10, "10"), (125, "125")])
def test_numbers_below_ten_get_a_leading_zero(number, printed):
    assert format_number(number) == printed


def test_a_legal_normative_document_carries_its_year_in_the_number():
    assert code_number_for(1, year=2026, normative=True) == "01/2026"
    assert f"{code_number_for(1, year=2026, normative=True)}/{symbol_for(document())}" == "01/2026/QĐ-UBND"
    assert code_number_for(1, year=2026, normative=False) == "01"


def test_a_typed_document_puts_its_type_before_the_agency():
    assert symbol_for(document("Quyết định")) == "QĐ-UBND"
    assert symbol_for(document("Tờ trình", agency="VP")) == "TTr-VP"
    assert symbol_for(document("Báo cáo", agency="SXD")) == "BC-SXD"


@pytest.mark.parametrize("type_name", [name for name, abbreviation in DOCUMENT_TYPES if not abbreviation])
def test_a_cong_van_is_never_cv_but_the_agency_then_the_drafting_unit(type_name):
    symbol = symbol_for(document(type_name, agency="UBND", unit="VP"))
    assert symbol == "UBND-VP" and "CV" not in symbol


def test_series_normative_per_type_confidential_apart():
    assert series_for(document(normative=True), Rules()) == (RegisterKind.OUTGOING, "QPPL QĐ")
    assert series_for(document(), Rules()) == (RegisterKind.OUTGOING, "")
    assert series_for(document(), Rules(per_type=True)) == (RegisterKind.OUTGOING, "QĐ")
    assert series_for(document(confidentiality=1), Rules()) == (RegisterKind.OUTGOING_SECRET, "")
    shared = Rules(secret=SecretNumbering.SHARED)
    assert series_for(document(confidentiality=2), shared) == (RegisterKind.OUTGOING, "")


def test_a_secret_document_in_its_own_series_carries_the_marker_in_its_symbol():
    """Art.15 §2 (own series) and §1 (number and symbol unique in the year) both
    hold: the own series' "01" is "01/QĐ-UBND-M", never a second "01/QĐ-UBND"."""
    assert symbol_for(document(confidentiality=1), Rules()) == "QĐ-UBND-M"
    assert symbol_for(document("Công văn", confidentiality=3), Rules(marker="MAT")) == "UBND-VP-MAT"
    assert symbol_for(document(confidentiality=1), Rules(secret=SecretNumbering.SHARED)) == "QĐ-UBND"
    assert symbol_for(document(), Rules()) == "QĐ-UBND"
