"""Who must sign in with a second factor (a TOTP code): the roles named in
EOFFICE_2FA_ROLES. "admin" also covers Django staff and superusers; "signer"
covers everyone who holds an active personal signing key."""

from django.conf import settings

from eoffice.organisation.models import Membership, User
from eoffice.signatures.models import SigningKey

ADMIN, SIGNER = "admin", "signer"


def requires_two_factor(user: User) -> bool:
    roles = set(settings.EOFFICE_2FA_ROLES)
    if not roles:
        return False
    if ADMIN in roles and (user.is_staff or user.is_superuser):
        return True
    if SIGNER in roles and SigningKey.objects.filter(user=user, active=True).exists():
        return True
    return Membership.objects.filter(user=user, role__in=roles - {SIGNER}).exists()
