"""Sessions end after EOFFICE_SESSION_IDLE_MINUTES without a request (ASVS
3.3.2); each request renews them; signing out ends them on the server."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_a_session_idle_too_long_ends_and_each_request_renews_it(client, cast, settings, monkeypatch):
    settings.SESSION_COOKIE_AGE = 30 * 60  # what EOFFICE_SESSION_IDLE_MINUTES=30 gives
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    client.force_login(cast.clerk)
    start = timezone.now()

    def at(minutes: int) -> None:
        monkeypatch.setattr(timezone, "now", lambda: start + timedelta(minutes=minutes))

    at(25)
    assert client.get("/van-ban-den/").status_code == 200  # in use: renewed to 25 + 30
    at(50)
    assert client.get("/van-ban-den/").status_code == 200
    at(81)  # 31 minutes without a request
    response = client.get("/van-ban-den/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_signing_out_ends_the_session_on_the_server(client, cast):
    client.force_login(cast.clerk)
    key = client.session.session_key
    client.post("/dang-xuat/")
    assert not Session.objects.filter(session_key=key).exists()
