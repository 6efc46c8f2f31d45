"""Every route refuses a POST without a CSRF token (a form sent from another site),
and no `next=` sends anyone off this site (open redirect), whichever page takes it."""

import re
import uuid
from base64 import b32decode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from eoffice.conftest import person
from eoffice.demo.twofactor import DEMO_KEY, demo_code
from eoffice.organisation.models import Role

pytestmark = pytest.mark.django_db

# Route parameters filled with a value of their type: the check must refuse before any lookup.
SAMPLES = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": str(uuid.uuid4())}
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
# Routes that take no session and so no CSRF token, each for its own reason.
EXEMPT = {
    # The API answers token-authenticated clients; a session-authenticated call still
    # needs the token (DRF's SessionAuthentication): checked below, separately.
    "api/",
}


def routes(patterns=None, prefix: str = "") -> list[str]:
    """Every route of the site as a path, its parameters filled (regex routes skipped:
    only Django's admin uses them, and it protects its own forms)."""
    found: list[str] = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = getattr(entry.pattern, "_route", None)
        if route is None:
            continue
        if isinstance(entry, URLResolver):
            found += routes(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            found.append("/" + PARAMETER.sub(lambda m: SAMPLES.get(m.group(1) or "str", "x"), prefix + route))
    return sorted(set(found))


@pytest.fixture
def forger(cast):
    """A signed-in administrator whose browser sends a form made by another site."""
    admin = person("quantri", cast.office, Role.ADMIN)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    return client


def test_every_route_refuses_a_post_without_the_token(forger):
    checked = [path for path in routes() if not path.lstrip("/").startswith(tuple(EXEMPT))]
    assert len(checked) > 100
    accepted = {path: forger.post(path, {"x": "1"}).status_code for path in checked}
    assert {path: code for path, code in accepted.items() if code != 403} == {}


def test_the_api_refuses_a_session_post_without_the_token(cast):
    clerk = Client(enforce_csrf_checks=True)
    clerk.force_login(cast.clerk)
    assert clerk.post("/api/v1/incoming/", {"subject": "x"}).status_code == 403
    clerk.get(reverse("incoming-register"))  # the page sets the CSRF cookie, as in a browser
    token = clerk.cookies["csrftoken"].value
    assert clerk.post("/api/v1/incoming/", {"subject": "x"}, headers={"X-CSRFToken": token}).status_code == 400


ELSEWHERE = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)", "http:evil.example"]


def stays_here(response) -> bool:
    target = response.headers.get("Location", "")
    return target.startswith("/") and not target.startswith(("//", "/\\"))


@pytest.mark.parametrize("target", ELSEWHERE)
def test_signing_in_never_leads_off_the_site(client, cast, target):
    response = client.post(f"{reverse('login')}?next={target}", {"username": "vanthu", "password": "matkhau-123"})
    assert response.status_code == 302 and stays_here(response)


@pytest.mark.parametrize("target", ELSEWHERE)
def test_choosing_a_language_never_leads_off_the_site(client, target):
    response = client.post(reverse("set_language"), {"language": "en", "next": target})
    assert response.status_code == 302 and stays_here(response)


@pytest.mark.two_factor
@pytest.mark.parametrize("target", ELSEWHERE)
def test_the_second_factor_never_leads_off_the_site(client, cast, target, settings):
    TOTPDevice.objects.create(user=cast.leader, key=b32decode(DEMO_KEY).hex(), confirmed=True, name="demo")
    client.post(reverse("login"), {"username": "chanhvp", "password": "matkhau-123"})
    response = client.post(f"{reverse('twofactor-verify')}?next={target}", {"code": demo_code(), "next": target})
    assert response.status_code == 302 and stays_here(response)
