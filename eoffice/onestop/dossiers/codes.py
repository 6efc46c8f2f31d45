"""Mã hồ sơ: the dossier code, from the agency's pattern (OneStopSettings.code_pattern,
default "{agency}-{yymmdd}-{seq:04d}", e.g. 000.01.00.H26-260302-0001).

The sequence is one gap-free register series per agency and day (sổ theo dõi
hồ sơ, series "yymmdd"), taken inside the caller's transaction: a receipt that
fails gives its number back, and concurrent receipts queue on the register row."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from eoffice.core.errors import ValidationFailed
from eoffice.onestop.code_patterns import DEFAULT_PATTERN, validate_code_pattern
from eoffice.onestop.models import OneStopSettings
from eoffice.registers.models import RegisterKind
from eoffice.registers.services import register_take_number


def agency_identifier(agency) -> str:
    """Mã định danh of the agency, or its short name if it has none."""
    return agency.organ_id or agency.short_name


def code_pattern(agency) -> str:
    pattern = OneStopSettings.objects.filter(agency=agency).values_list("code_pattern", flat=True).first()
    return pattern or DEFAULT_PATTERN


def next_dossier_code(agency, when: datetime) -> str:
    """The next code of the day of `when` (office time). Must run inside the
    transaction that saves the dossier."""
    pattern = code_pattern(agency)
    try:
        validate_code_pattern(pattern)
    except ValidationError as exc:  # saved around the admin's validation
        raise ValidationFailed(f"Mẫu mã hồ sơ của cơ quan không hợp lệ: {exc.messages[0]} Cần sửa cấu hình một cửa.") from None
    day = timezone.localtime(when, timezone.get_default_timezone()).date()
    yymmdd = f"{day:%y%m%d}"
    _, seq = register_take_number(agency=agency, kind=RegisterKind.DOSSIER, year=day.year, series=yymmdd)
    return pattern.format(agency=agency_identifier(agency), yymmdd=yymmdd, seq=seq)
