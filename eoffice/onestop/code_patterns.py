"""The dossier code's pattern (OneStopSettings.code_pattern): which patterns
can give every dossier its own code. Checked when the settings are saved
(models) and used by dossiers/codes.py."""

import string

from django.core.exceptions import ValidationError

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
