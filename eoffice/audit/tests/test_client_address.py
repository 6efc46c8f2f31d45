"""The client's address behind a reverse proxy: X-Forwarded-For is read only for
requests from EOFFICE_TRUSTED_PROXIES, and only its entries our proxies wrote."""

import ipaddress

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from eoffice.audit.middleware import client_address
from eoffice.audit.models import AuditEvent
from eoffice.env import env_networks

PROXIES = (ipaddress.ip_network("10.0.0.5"), ipaddress.ip_network("10.1.0.0/16"))


def meta(remote, forwarded=None):
    return {"REMOTE_ADDR": remote, **({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {})}


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("10.0.0.5", "203.0.113.7", "203.0.113.7"),  # nginx in front: the citizen's address
        ("10.0.0.5", "1.2.3.4, 203.0.113.7", "203.0.113.7"),  # what the client wrote itself is not believed
        ("10.0.0.5", "203.0.113.7, 10.1.4.4", "203.0.113.7"),  # two of our proxies in a row
        ("203.0.113.9", "1.2.3.4", "203.0.113.9"),  # not through our proxy: the header is ignored
        ("10.0.0.5", None, "10.0.0.5"),  # a proxy's own request
        ("10.0.0.5", "", "10.0.0.5"),
        ("10.0.0.5", "1.2.3.4, garbage", "10.0.0.5"),  # unreadable: stop, never go further left
        ("10.0.0.5", " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_the_nearest_address_not_of_our_proxies(remote, forwarded, expected):
    assert client_address(meta(remote, forwarded), PROXIES) == expected


def test_without_configured_proxies_the_header_is_never_read():
    assert client_address(meta("10.0.0.5", "203.0.113.7"), ()) == "10.0.0.5"


def test_a_bad_proxy_setting_stops_the_start(monkeypatch):
    monkeypatch.setenv("EOFFICE_TRUSTED_PROXIES", "10.0.0.5, nginx.local")
    with pytest.raises(ImproperlyConfigured, match="nginx.local"):
        env_networks("EOFFICE_TRUSTED_PROXIES")
    monkeypatch.setenv("EOFFICE_TRUSTED_PROXIES", "10.0.0.5, 10.1.0.0/16")
    assert env_networks("EOFFICE_TRUSTED_PROXIES") == PROXIES


@pytest.mark.django_db
def test_the_audit_log_records_the_citizens_address_behind_the_proxy(client, settings, cast):
    settings.EOFFICE_TRUSTED_PROXIES = PROXIES
    login = reverse("login")
    client.post(
        login, {"username": "vanthu", "password": "sai"}, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7"
    )
    client.post(login, {"username": "vanthu", "password": "sai"}, REMOTE_ADDR="198.51.100.2", HTTP_X_FORWARDED_FOR="1.2.3.4")
    failures = AuditEvent.objects.filter(action="auth.login_failed").order_by("id")
    assert [event.ip_address for event in failures] == ["203.0.113.7", "198.51.100.2"]
