"""Mã hồ sơ: the configurable pattern, the agency identifier and one gap-free
series per day."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from eoffice.core.errors import ValidationFailed
from eoffice.onestop.code_patterns import DEFAULT_PATTERN, validate_code_pattern
from eoffice.onestop.dossiers import services
from eoffice.onestop.dossiers.codes import next_dossier_code
from eoffice.onestop.dossiers.services import dossier_receive
from eoffice.onestop.models import Dossier, OneStopSettings
from eoffice.onestop.tests.factories import applicant_data, at, papers_for, receive
from eoffice.organisation.models import Agency
from eoffice.registers.models import Register, RegisterKind

pytestmark = pytest.mark.django_db


def take(agency, when) -> str:
    with transaction.atomic():
        return next_dossier_code(agency, when)


def test_the_default_code_is_organ_id_date_and_daily_sequence(cast):
    assert take(cast.office, at(2, 3, 9)) == "000.01.00.H26-260302-0001"
    assert take(cast.office, at(2, 3, 16)) == "000.01.00.H26-260302-0002"
    assert take(cast.office, at(3, 3, 8)) == "000.01.00.H26-260303-0001"  # a new day, a new series
    assert take(cast.other, at(2, 3, 9)) == "000.02.00.H26-260302-0001"  # each agency its own
    register = Register.objects.get(agency=cast.office, kind=RegisterKind.DOSSIER, year=2026, series="260302")
    assert register.last_number == 2


def test_the_day_is_the_office_day_not_utc(cast):
    # 23:30 on 02/03 in Hà Nội is 16:30 UTC; 00:30 on 03/03 is still 02/03 in UTC.
    assert take(cast.office, at(2, 3, 23, 30)).endswith("-260302-0001")
    assert take(cast.office, at(3, 3, 0, 30)).endswith("-260303-0001")


def test_an_agency_without_organ_id_uses_its_short_name(db):
    ward = Agency.objects.create(name="UBND phường Lê Chân", short_name="UBNDLC", hosted=True)
    assert take(ward, at(2, 3, 9)) == "UBNDLC-260302-0001"


def test_the_pattern_comes_from_the_agency_settings(cast):
    OneStopSettings.objects.create(agency=cast.office, code_pattern="HS{yymmdd}.{seq:05d}/{agency}")
    assert take(cast.office, at(2, 3, 9)) == "HS260302.00001/000.01.00.H26"


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("{agency}-{yymmdd}", "còn thiếu {seq}"),
        ("{yymmdd}-{seq:04d}", "còn thiếu {agency}"),
        ("{agency}-{seq:04d}", "còn thiếu {yymmdd}"),
        ("{agency}-{year}-{seq}", "không dùng được {year}"),
        ("{agency}-{yymmdd}-{}", "không dùng được {}"),
        ("{agency}-{yymmdd}-{seq:04d", "không khớp"),
        ("{agency:.3}-{yymmdd}-{seq}", "phải để nguyên"),
        ("{agency}-{yymmdd}-{seq!r}", "phải để nguyên"),
        ("{agency}-{yymmdd}-{seq:04q}", "không hợp lệ"),
        ("{agency}-{yymmdd}-{seq:04d}-" + "X" * 20, "quá giới hạn 60"),
    ],
)
def test_a_bad_pattern_is_refused_when_saved(cast, pattern, words):
    with pytest.raises(ValidationError) as refused:
        validate_code_pattern(pattern)
    assert words in refused.value.messages[0]
    row = OneStopSettings(agency=cast.office, code_pattern=pattern)
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert "code_pattern" in refused.value.message_dict


def test_the_default_pattern_is_valid(cast):
    OneStopSettings(agency=cast.office).full_clean()
    validate_code_pattern(DEFAULT_PATTERN)


def test_a_bad_pattern_saved_around_validation_stops_receipt_clearly(onestop):
    OneStopSettings.objects.create(agency=onestop.office, code_pattern="{agency}-{seq}")
    with pytest.raises(ValidationFailed, match="Mẫu mã hồ sơ của cơ quan không hợp lệ"):
        receive(onestop)
    assert not Dossier.objects.exists()


def test_receipts_take_consecutive_codes(onestop, clock):
    codes = [receive(onestop).code for _ in range(3)]
    assert codes == [f"000.01.00.H26-260302-000{n}" for n in (1, 2, 3)]


def test_a_refused_receipt_consumes_no_number(onestop, clock):
    with pytest.raises(ValidationFailed):
        dossier_receive(
            actor=onestop.actor(onestop.one_stop),
            procedure=onestop.procedure,
            applicant=applicant_data(),
            papers=papers_for(onestop.procedure, skip={2}),
        )
    assert receive(onestop).code.endswith("-0001")


def test_a_receipt_failing_after_its_number_gives_the_number_back(onestop, clock, monkeypatch):
    """The number is taken inside the receipt's transaction: a failure later in
    the receipt rolls the counter back with everything else."""

    def broken(dossier):
        raise RuntimeError("disk full")

    copy_steps = services._copy_steps
    monkeypatch.setattr(services, "_copy_steps", broken)
    with pytest.raises(RuntimeError):
        receive(onestop)
    monkeypatch.setattr(services, "_copy_steps", copy_steps)
    assert receive(onestop).code.endswith("-260302-0001")
    assert Dossier.objects.count() == 1
