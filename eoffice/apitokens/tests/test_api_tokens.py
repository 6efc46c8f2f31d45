"""API keys (ASVS 2.10, 3.5): stored only as digests, expiring, named, listed,
revoked by their owner or an administrator, revoked at API logout; audited."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from eoffice.apitokens import services
from eoffice.apitokens.models import ApiToken
from eoffice.audit.models import AuditEvent
from eoffice.core.errors import NotAllowed, ValidationFailed

pytestmark = pytest.mark.django_db
API = "/api/v1"
PASSWORD = "matkhau-123"


def obtain(username="vanthu", **extra):
    return APIClient().post(f"{API}/auth/token/", {"username": username, "password": PASSWORD, **extra}, format="json")


def with_key(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_key_is_issued_named_and_stored_only_as_its_digest(cast):
    response = obtain(name="Phần mềm kế toán", days=30)
    assert response.status_code == 200, response.content
    body = response.json()
    key = body["token"]
    assert key.startswith("eo_") and len(key) > 60 and body["name"] == "Phần mềm kế toán"
    stored = ApiToken.objects.get(user=cast.clerk)
    assert key not in (stored.digest, stored.token_key) and key.startswith(stored.token_key)
    assert timedelta(days=29) < stored.expiry - timezone.now() <= timedelta(days=30)
    listed = with_key(key).get(f"{API}/auth/tokens/")
    assert listed.status_code == 200
    assert [(t["name"], t["current"]) for t in listed.json()] == [("Phần mềm kế toán", True)]
    assert "token" not in listed.json()[0]  # never shown again
    assert AuditEvent.objects.filter(action="auth.token_issued", actor=cast.clerk).count() == 1


def test_a_key_longer_than_allowed_is_refused(cast, settings):
    response = obtain(days=settings.EOFFICE_API_TOKEN_DAYS + 1)
    assert response.status_code == 400 and "days" in response.json()["error"]["fields"]
    with pytest.raises(ValidationFailed, match="Thời hạn từ 1 đến"):
        services.token_issue(cast.clerk, days=0)


def test_an_expired_key_opens_nothing(cast):
    token, key = services.token_issue(cast.clerk, name="Cũ")
    assert with_key(key).get(f"{API}/incoming/").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expiry=timezone.now() - timedelta(seconds=1))
    response = with_key(key).get(f"{API}/incoming/")
    assert response.status_code == 401 and response.json()["error"]["code"] == "not_authenticated"
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_the_owner_revokes_one_key_and_no_one_elses(cast):
    mine, key = services.token_issue(cast.clerk, name="Một")
    _, other_key = services.token_issue(cast.specialist, name="Của người khác")
    theirs = ApiToken.objects.get(user=cast.specialist)
    client = with_key(key)
    assert client.delete(f"{API}/auth/tokens/{theirs.token_key}/").status_code == 404
    assert with_key(other_key).get(f"{API}/incoming/").status_code == 200
    assert client.delete(f"{API}/auth/tokens/{mine.token_key}/").status_code == 204
    assert client.get(f"{API}/incoming/").status_code == 401
    with pytest.raises(NotAllowed):
        services.token_revoke(cast.clerk, theirs)
    assert AuditEvent.objects.filter(action="auth.token_revoked", actor=cast.clerk).count() == 1


def test_logout_revokes_the_key_in_use_and_logout_all_every_key(cast):
    _, first = services.token_issue(cast.clerk, name="Một")
    _, second = services.token_issue(cast.clerk, name="Hai")
    _, third = services.token_issue(cast.clerk, name="Ba")
    assert with_key(first).post(f"{API}/auth/tokens/logout/").status_code == 204
    assert with_key(first).get(f"{API}/incoming/").status_code == 401
    assert with_key(second).get(f"{API}/incoming/").status_code == 200
    assert with_key(second).post(f"{API}/auth/tokens/logout-all/").status_code == 204
    assert with_key(third).get(f"{API}/incoming/").status_code == 401
    assert not ApiToken.objects.filter(user=cast.clerk).exists()


def test_a_person_holds_a_bounded_number_of_keys(cast, settings):
    settings.EOFFICE_API_TOKENS_PER_USER = 2
    services.token_issue(cast.clerk)
    services.token_issue(cast.clerk)
    response = obtain()
    assert response.status_code == 400 and "tối đa 2 khóa" in response.json()["error"]["message"]


def test_the_page_issues_a_key_once_and_revokes_it(client, cast):
    client.force_login(cast.clerk)
    page = client.post("/khoa-api/", {"name": "Công cụ báo cáo", "days": 7})
    token = ApiToken.objects.get(user=cast.clerk)
    body = page.content.decode()
    assert "Công cụ báo cáo" in body and "chỉ hiện một lần" in body and token.token_key in body
    assert "eo_" in body and token.token_key not in client.get("/khoa-api/").content.decode().split("Cấp khóa mới")[1]
    too_long = client.post("/khoa-api/", {"name": "Quá hạn", "days": 10_000})
    assert too_long.status_code == 200 and ApiToken.objects.filter(user=cast.clerk).count() == 1
    client.force_login(cast.specialist)
    assert client.post(f"/khoa-api/{token.token_key}/thu-hoi/").status_code == 404  # not hers
    client.force_login(cast.clerk)
    assert client.post(f"/khoa-api/{token.token_key}/thu-hoi/").status_code == 302
    assert not ApiToken.objects.exists()


def test_the_administrator_revokes_any_key_audited(admin_client, admin_user, cast):
    token, key = services.token_issue(cast.clerk, name="Bị lộ")
    response = admin_client.post(f"/admin/apitokens/apitoken/{token.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and with_key(key).get(f"{API}/incoming/").status_code == 401
    assert AuditEvent.objects.filter(action="auth.token_revoked", actor=admin_user).exists()


def test_keys_issued_in_clear_before_are_hashed_and_keep_working(cast):
    old = Token.objects.create(user=cast.clerk)
    migration = importlib.import_module("eoffice.apitokens.migrations.0002_hash_old_keys")
    migration.hash_old_keys(apps, None)
    assert not Token.objects.exists()
    stored = ApiToken.objects.get(user=cast.clerk)
    assert stored.digest != old.key and stored.expiry > timezone.now()
    assert with_key(old.key).get(f"{API}/incoming/").status_code == 200
