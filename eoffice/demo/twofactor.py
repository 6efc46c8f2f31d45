"""Two-factor sign-in in the demo: everyone who must use it (leaders, signers,
the administrator) shares one published key, so that whoever tries the demo
adds it once to an authenticator app, or reads today's code with
`manage.py demo_totp`. A real installation never has it: each person there
scans a key of their own."""

from base64 import b32decode

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from eoffice.organisation.models import User
from eoffice.twofactor.policy import requires_two_factor
from eoffice.twofactor.services import APP_NAME

DEMO_KEY = "EOFFICEDEMOHAIPHONGVANPHONGUBNDA"  # base32, 160 bits; published in the README
DEVICE_NAME = f"{APP_NAME} (demo)"


def demo_two_factor() -> list[str]:
    """Give each demo user who must use two factors the demo key; their usernames."""
    names = []
    for user in User.objects.filter(is_active=True).order_by("username"):
        if requires_two_factor(user) and not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(user=user, name=DEVICE_NAME, key=b32decode(DEMO_KEY).hex(), confirmed=True)
            names.append(user.username)
    return names


def demo_code() -> str:
    """The six digits an app holding the demo key shows now."""
    return f"{totp(b32decode(DEMO_KEY)):06d}"


def demo_key_shown() -> str:
    return " ".join(DEMO_KEY[i : i + 4] for i in range(0, len(DEMO_KEY), 4))
