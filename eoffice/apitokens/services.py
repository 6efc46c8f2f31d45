"""Issuing and revoking API keys; every change is audited."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from eoffice.apitokens.models import ApiToken
from eoffice.audit.services import audit_record
from eoffice.core.errors import NotAllowed, ValidationFailed
from eoffice.core.text import nfc
from eoffice.organisation.models import User


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """The person's keys still valid, newest first."""
    return ApiToken.objects.filter(user=user).filter(Q(expiry__isnull=True) | Q(expiry__gt=timezone.now()))


@transaction.atomic
def token_issue(user: User, *, name: str = "", days: int | None = None) -> tuple[ApiToken, str]:
    """A new key (returned once, in clear) valid for `days`, at most EOFFICE_API_TOKEN_DAYS."""
    longest = settings.EOFFICE_API_TOKEN_DAYS
    days = longest if days is None else days
    if not 1 <= days <= longest:
        message = f"Thời hạn từ 1 đến {longest} ngày."
        raise ValidationFailed(message, fields={"days": [message]})
    if tokens_of(user).count() >= settings.EOFFICE_API_TOKENS_PER_USER:
        raise ValidationFailed(
            f"Mỗi người có tối đa {settings.EOFFICE_API_TOKENS_PER_USER} khóa API còn hạn; thu hồi khóa không dùng trước."
        )
    name = nfc(name).strip()[:100] or f"Khóa cấp ngày {timezone.localdate():%d/%m/%Y}"
    token, key = ApiToken.objects.create(
        user=user, expiry=timedelta(days=days), prefix=settings.REST_KNOX["TOKEN_PREFIX"], name=name
    )
    audit_record(actor=user, action="auth.token_issued", obj=user, summary=f"Cấp khóa API: {token}", data={"days": days})
    return token, key


@transaction.atomic
def token_revoke(actor: User, token: ApiToken) -> None:
    if token.user_id != actor.pk and not actor.is_superuser:
        raise NotAllowed("Chỉ người được cấp hoặc quản trị hệ thống thu hồi được khóa này.")
    audit_record(actor=actor, action="auth.token_revoked", obj=token.user, summary=f"Thu hồi khóa API: {token}")
    token.delete()


@transaction.atomic
def tokens_revoke_all(actor: User, user: User) -> int:
    if user.pk != actor.pk and not actor.is_superuser:
        raise NotAllowed("Chỉ người được cấp hoặc quản trị hệ thống thu hồi được các khóa này.")
    count, _ = ApiToken.objects.filter(user=user).delete()
    audit_record(actor=actor, action="auth.tokens_revoked", obj=user, summary=f"Thu hồi mọi khóa API ({count})")
    return count
