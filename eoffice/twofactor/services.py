"""Enrolment and verification of the second factor, on django-otp's devices:
a TOTP key in the person's authenticator app, and ten single-use recovery
codes for the day the phone is lost. Every change and every attempt is audited."""

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from eoffice.audit.services import audit_record
from eoffice.core.errors import ValidationFailed
from eoffice.organisation.models import User

RECOVERY_CODES = 10
APP_NAME = "Ứng dụng xác thực"
RECOVERY_NAME = "Mã khôi phục"


@dataclass(frozen=True)
class Attempt:
    """What a code typed at sign-in gave: the device that accepted it, or why not."""

    device: Device | None = None
    wait_seconds: int = 0


def enrolled(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user: User) -> TOTPDevice:
    """The key being set up: kept across reloads of the page until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def _clean(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()[:32]


@transaction.atomic
def enrol(user: User, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the new key with a code from the app; replace any older key and
    issue fresh recovery codes (returned once, to be shown once)."""
    if device.user_id != user.pk or device.confirmed:
        raise ValidationFailed("Khóa này không còn chờ thiết lập; tải lại trang.")
    if not device.verify_token(_clean(code)):
        message = "Mã chưa đúng. Nhập mã 6 chữ số đang hiện trong ứng dụng xác thực."
        raise ValidationFailed(message, fields={"code": [message]})
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = _issue_codes(user)
    audit_record(actor=user, action="auth.2fa_enrolled", obj=user, summary=f"Bật xác thực hai lớp: {user.username}")
    return codes


@transaction.atomic
def recovery_codes_renew(user: User) -> list[str]:
    """New recovery codes; the old ones stop working."""
    if not enrolled(user):
        raise ValidationFailed("Chưa bật xác thực hai lớp.")
    codes = _issue_codes(user)
    audit_record(actor=user, action="auth.2fa_codes_renewed", obj=user, summary="Cấp lại mã khôi phục")
    return codes


def _issue_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(user: User, code: str) -> Attempt:
    """Check a code typed at sign-in: six digits against the app's key, anything
    else against the recovery codes (each works once). Not atomic on purpose:
    a failure must keep its count, which throttles the next try (1, 2, 4… s)."""
    token = _clean(code)
    kind = TOTPDevice if token.isdigit() else StaticDevice
    for device in kind.objects.filter(user=user, confirmed=True):
        allowed, state = device.verify_is_allowed()
        if not allowed:
            return Attempt(wait_seconds=_seconds_until(state))
        if device.verify_token(token):
            summary = "Xác thực hai lớp" + (" bằng mã khôi phục" if kind is StaticDevice else "")
            audit_record(actor=user, action="auth.2fa_verified", obj=user, summary=summary)
            return Attempt(device=device)
    audit_record(actor=user, action="auth.2fa_failed", obj=user, summary=f"Mã xác thực sai: {user.username}")
    return Attempt()


def _seconds_until(state: dict | None) -> int:
    until = (state or {}).get("locked_until")
    return max(1, int((until - timezone.now()).total_seconds()) + 1) if until else 1


@transaction.atomic
def reset(actor: User, user: User) -> None:
    """An administrator removes a person's keys and codes (a lost phone): the
    person sets up a new key at the next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, action="auth.2fa_reset", obj=user, summary=f"Đặt lại xác thực hai lớp: {user.username}")


def remaining_codes(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
