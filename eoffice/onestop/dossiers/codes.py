"""Mã hồ sơ: the dossier code, from the agency's pattern (OneStopSettings.code_pattern,
default "{agency}-{yymmdd}-{seq:04d}", e.g. 000.01.00.H26-260302-0001).

The sequence is one gap-free register series per agency and day (sổ theo dõi
hồ sơ, series "yymmdd"), taken inside the caller's transaction: a receipt that
fails gives its number back, and concurrent receipts queue on the register row."""

import string
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from eoffice.core.errors import ValidationFailed
from eoffice.onestop.models import OneStopSettings
from eoffice.registers.models import RegisterKind
from eoffice.registers.services import register_take_number

DEFAULT_PATTERN = "{agency}-{yymmdd}-{seq:04d}"
FIELDS = ("agency", "yymmdd", "seq")
CODE_MAX_LENGTH = 60  # Dossier.code
# The longest values the fields can take: a 35-character organ id, a 5-digit day count.
_SAMPLE = {"agency": "0" * 35, "yymmdd": "991231", "seq": 99999}


def _fields_of(pattern: str) -> list[tuple[str, str, str | None]]:
    """(name, format spec, conversion) of each replacement field."""
    try:
        return [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(pattern) if name is not None]  # type: ignore[misc]  # typeshed: spec is "", not None, with a name
    except ValueError:
        raise ValidationError("Mẫu mã hồ sơ có dấu ngoặc nhọn { } không khớp nhau.", code="invalid_code_pattern") from None


def validate_code_pattern(pattern: str) -> None:
    """Refuse a pattern that could not give every dossier its own code: it must
    hold {agency}, {yymmdd} and {seq} (only {seq} may carry a format such as
    :04d) and give codes of at most 60 characters."""
    fields = _fields_of(pattern)
    unknown = sorted({f"{{{name}}}" for name, _, _ in fields if name not in FIELDS})
    if unknown:
        raise ValidationError(
            f"Mẫu mã hồ sơ chỉ được dùng {{agency}}, {{yymmdd}} và {{seq}}; không dùng được {', '.join(unknown)}.",
            code="invalid_code_pattern",
        )
    missing = [f"{{{name}}}" for name in FIELDS if name not in {n for n, _, _ in fields}]
    if missing:
        raise ValidationError(
            f"Mẫu mã hồ sơ phải có đủ {{agency}}, {{yymmdd}} và {{seq}} để mã không trùng nhau; còn thiếu {', '.join(missing)}.",
            code="invalid_code_pattern",
        )
    if any(conv or (spec and name != "seq") for name, spec, conv in fields):
        raise ValidationError(
            "Chỉ {seq} được kèm định dạng (ví dụ {seq:04d}); {agency} và {yymmdd} phải để nguyên.",
            code="invalid_code_pattern",
        )
    try:
        sample = pattern.format(**_SAMPLE)
    except (ValueError, TypeError):
        raise ValidationError(
            "Định dạng của {seq} không hợp lệ; dùng ví dụ {seq:04d} (số thứ tự 4 chữ số).", code="invalid_code_pattern"
        ) from None
    if len(sample) > CODE_MAX_LENGTH:
        raise ValidationError(
            f"Mã hồ sơ theo mẫu này có thể dài tới {len(sample)} ký tự, quá giới hạn {CODE_MAX_LENGTH}.",
            code="invalid_code_pattern",
        )


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
