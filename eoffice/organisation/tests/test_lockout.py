"""Login throttling (OWASP ASVS 2.2.1): after EOFFICE_LOGIN_FAILURES wrong
passwords for an account, or from one address, even the right password is
refused for a while, with a Vietnamese reason; the lock is audited and an
administrator lifts it."""

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from rest_framework.test import APIClient

from eoffice.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "matkhau-123"


def _login(client, username, password, address="10.0.0.7"):
    return client.post("/dang-nhap/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_wrong_passwords_lock_the_account_then_the_right_one_is_refused_too(client, cast):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "vanthu", "sai-mat-khau").status_code == 200
    locked = _login(client, "vanthu", "sai-mat-khau")
    assert locked.status_code == 429 and "tạm bị khóa đăng nhập" in locked.content.decode()
    right = _login(client, "vanthu", PASSWORD, address="10.0.0.8")  # another address: the account is locked
    assert right.status_code == 429 and "_auth_user_id" not in client.session
    events = AuditEvent.objects.filter(action="auth.locked_out")
    assert events.exists() and all(event.data["username"] == "vanthu" for event in events)

    reset(username="vanthu")  # what the administrator's "delete" in /admin/axes/ does
    assert _login(client, "vanthu", PASSWORD).status_code == 302


def test_one_address_trying_many_accounts_is_locked(client, cast):
    users = ["vanthu", "chanhvp", "truongphong", "chuyenvien", "kiemtra-khong-co"]
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, users[n % len(users)], "sai-mat-khau", address="10.9.9.9")
    assert _login(client, "chuyenvienkt", PASSWORD, address="10.9.9.9").status_code == 429
    assert _login(client, "chuyenvienkt", PASSWORD, address="10.1.1.1").status_code == 302  # from elsewhere: fine


def test_the_api_token_endpoint_is_throttled_the_same_way(cast):
    api = APIClient(REMOTE_ADDR="10.0.0.9")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api.post("/api/v1/auth/token/", {"username": "chanhvp", "password": "sai"}, format="json")
    locked = api.post("/api/v1/auth/token/", {"username": "chanhvp", "password": PASSWORD}, format="json")
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "locked" and "Đăng nhập sai quá" in locked.json()["error"]["message"]
    assert "token" not in locked.json()


def test_a_success_clears_the_accounts_failures(client, cast):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "vanthu", "sai-mat-khau")
    assert _login(client, "vanthu", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="vanthu").exists()


def test_administrators_see_the_locks(admin_client, cast):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(APIClient(), "vanthu", "sai")
    page = admin_client.get("/admin/axes/accessattempt/")
    assert page.status_code == 200 and "vanthu" in page.content.decode()
