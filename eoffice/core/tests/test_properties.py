"""Property tests (hypothesis) of three rules everything else leans on: Vietnamese
folding for search, working-day arithmetic for deadlines, and register numbering
(numbers never skipped or doubled, whatever the order of years and registers).
Example counts are bounded so the file runs in seconds on CI's two cores."""

import unicodedata
from datetime import date

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eoffice.core.text import fold, nfc
from eoffice.registers.services import register_take_number
from eoffice.workdays.services import add_working_days, is_working_day, working_days_between

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
words = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " -/.0123456789", max_size=40)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
FAST = settings(max_examples=200, deadline=None)


@FAST
@given(words)
def test_folding_ignores_composition_case_and_repeats(text):
    folded = fold(text)
    assert fold(unicodedata.normalize("NFD", text)) == folded == fold(text.upper()) == fold(folded)


@FAST
@given(words)
def test_folded_text_is_plain_ascii_letters_with_d_for_dd(text):
    folded = fold(text)
    assert folded.isascii()
    assert not any(unicodedata.combining(ch) for ch in folded)
    assert folded.count("d") == fold(text.replace("đ", "d").replace("Đ", "D")).count("d")


@FAST
@given(st.text(max_size=60))
def test_nfc_is_idempotent_and_composed(text):
    assert nfc(nfc(text)) == nfc(text) == unicodedata.normalize("NFC", text)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=days, count=st.integers(min_value=1, max_value=40))
def test_a_deadline_is_a_working_day_exactly_that_many_working_days_later(start, count):
    end = add_working_days(start, count)
    assert is_working_day(end) and end > start
    assert working_days_between(start, end) == count
    if count > 1:
        assert add_working_days(start, count - 1) < end  # one fewer ends earlier


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=days, first=st.integers(min_value=1, max_value=20), second=st.integers(min_value=1, max_value=20))
def test_working_days_add_up(start, first, second):
    assert add_working_days(add_working_days(start, first), second) == add_working_days(start, first + second)


@pytest.mark.django_db
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["incoming", "outgoing"]), st.sampled_from([2025, 2026])), max_size=30))
def test_numbers_run_one_by_one_per_register_and_year(cast, takes):
    with transaction.atomic():
        taken: dict[tuple[str, int], list[int]] = {}
        for kind, year in takes:
            taken.setdefault((kind, year), []).append(register_take_number(agency=cast.office, kind=kind, year=year)[1])
        for numbers in taken.values():
            assert numbers == list(range(1, len(numbers) + 1))
        transaction.set_rollback(True)  # each example starts from empty registers
