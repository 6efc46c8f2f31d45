"""The holder's confirmation before a key kept on the server signs: a PIN per key,
set by its holder or the administrator, stored hashed like a password. Five wrong
PINs lock the key for signing for 15 minutes, so a PIN cannot be guessed by trying."""

from django.contrib.auth.hashers import check_password, make_password
from django.core.cache import cache

from eoffice.core.errors import ValidationFailed
from eoffice.signatures.models import SigningKey

MAX_FAILURES, LOCK_S = 5, 15 * 60
MIN_LENGTH = 6


def set_confirm_pin(key: SigningKey, pin: str) -> None:
    """Set (or, with an empty `pin`, remove) the key's confirmation PIN."""
    if pin and (len(pin) < MIN_LENGTH or not pin.isdigit()):
        raise ValidationFailed(
            f"Mã xác nhận ký phải gồm ít nhất {MIN_LENGTH} chữ số.", fields={"confirm_pin": ["Mã không hợp lệ."]}
        )
    key.confirm_pin = make_password(pin) if pin else ""
    key.save(update_fields=["confirm_pin"])


def _failures(key: SigningKey) -> str:
    return f"sign-pin-failures:{key.pk}"


def confirm(key: SigningKey, pin: str) -> None:
    """Let the key sign only with its PIN (keys without one sign as before)."""
    if not key.needs_confirmation:
        return
    failures = cache.get(_failures(key), 0)
    if failures >= MAX_FAILURES:
        message = f"Khóa “{key.label}” tạm khóa ký do nhập sai mã xác nhận {MAX_FAILURES} lần; thử lại sau 15 phút."
        raise ValidationFailed(message, fields={"pin": [message]})
    if not pin:
        message = f"Cần nhập mã xác nhận ký của khóa “{key.label}” ({key.holder})."
        raise ValidationFailed(message, fields={"pin": [message]})
    if not check_password(pin, key.confirm_pin):
        cache.set(_failures(key), failures + 1, LOCK_S)
        left = MAX_FAILURES - failures - 1
        message = f"Mã xác nhận ký không đúng; còn {left} lần thử trước khi khóa ký tạm khóa."
        raise ValidationFailed(message, fields={"pin": [message]})
    cache.delete(_failures(key))
