"""Two-factor sign-in (ASVS 2.7/2.8, TOTP with django-otp): who must use it,
setting it up, the code after the password, recovery codes, throttling, the
API token, the administrator's reset, the audit rows."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from eoffice.audit.models import AuditEvent
from eoffice.signatures.models import SigningKey
from eoffice.twofactor import services
from eoffice.twofactor.policy import requires_two_factor

pytestmark = [pytest.mark.django_db, pytest.mark.two_factor]
PASSWORD = "matkhau-123"


def code_of(device: TOTPDevice, shift: int = 0) -> str:
    """What the person's phone shows now (or `shift` steps of 30 s later)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0 - shift * device.step, digits=device.digits):06d}"


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    device = services.pending_device(user)
    return device, services.enrol(user, device, code_of(device))


def sign_in(client, username, next_url=""):
    return client.post(f"/dang-nhap/{next_url}", {"username": username, "password": PASSWORD})


def test_leaders_administrators_and_signers_must_the_others_need_not(cast):
    assert requires_two_factor(cast.leader)
    assert not requires_two_factor(cast.clerk) and not requires_two_factor(cast.specialist)
    cast.specialist.is_staff = True
    assert requires_two_factor(cast.specialist)
    SigningKey.objects.create(agency=cast.office, user=cast.head, label="Khóa của trưởng phòng")
    assert requires_two_factor(cast.head)
    with override_settings(EOFFICE_2FA_ROLES=["admin"]):
        assert not requires_two_factor(cast.leader) and not requires_two_factor(cast.head)


def test_a_leader_without_a_key_is_led_to_set_one_up_and_sees_nothing_else(client, cast):
    response = sign_in(client, "chanhvp", "?next=/van-ban-den/")
    assert response.status_code == 302
    page = client.get(response["Location"], follow=True)
    assert page.redirect_chain[-1][0].startswith(reverse("twofactor-setup"))
    assert "Thiết lập xác thực hai lớp" in page.content.decode() and "<svg" in page.content.decode()
    assert client.get("/van-ban-den/").status_code == 302
    api = client.get("/api/v1/incoming/")
    assert api.status_code == 403 and api.json()["error"]["code"] == "two_factor_required"

    device = TOTPDevice.objects.get(user=cast.leader, confirmed=False)
    wrong = client.post(reverse("twofactor-setup"), {"code": "000000" if code_of(device) != "000000" else "111111"})
    assert "Mã chưa đúng" in wrong.content.decode() and not services.enrolled(cast.leader)
    done = client.post(reverse("twofactor-setup"), {"code": code_of(device), "next": "/van-ban-den/"})
    codes = list(StaticToken.objects.filter(device__user=cast.leader).values_list("token", flat=True))
    assert len(codes) == services.RECOVERY_CODES and all(code in done.content.decode() for code in codes)
    assert client.get("/van-ban-den/").status_code == 200
    assert AuditEvent.objects.filter(action="auth.2fa_enrolled", actor=cast.leader).count() == 1


def test_once_set_up_the_password_is_followed_by_the_code(client, cast):
    device, _ = enrolled(cast.leader)
    response = sign_in(client, "chanhvp", "?next=/van-ban-den/")
    follow = client.get(response["Location"])
    assert follow.status_code == 302 and follow["Location"].startswith(reverse("twofactor-verify"))
    assert client.get(reverse("twofactor-setup")).status_code == 302  # a password alone cannot replace the key
    bad = client.post(reverse("twofactor-verify"), {"code": "12345", "next": "/van-ban-den/"})
    assert "Mã không đúng hoặc đã hết hạn" in bad.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.save()
    good = client.post(reverse("twofactor-verify"), {"code": code_of(device, shift=1), "next": "/van-ban-den/"})
    assert good.status_code == 302 and good["Location"] == "/van-ban-den/"
    assert client.get("/van-ban-den/").status_code == 200
    actions = list(AuditEvent.objects.filter(actor=cast.leader, action__startswith="auth.").values_list("action", flat=True))
    assert {"auth.login", "auth.2fa_failed", "auth.2fa_verified"} <= set(actions)


def test_a_used_code_cannot_be_replayed_and_wrong_codes_slow_down(cast):
    device = services.pending_device(cast.leader)
    used = code_of(device)
    services.enrol(cast.leader, device, used)
    assert services.verify(cast.leader, used).device is None  # spent at enrolment (the same code, whatever the clock)
    assert services.verify(cast.leader, "abcdefgh").device is None
    device.refresh_from_db()
    for _ in range(3):
        services.verify(cast.leader, "000001")
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1
    waiting = services.verify(cast.leader, code_of(device, shift=1))
    assert waiting.device is None and waiting.wait_seconds >= 1


def test_a_recovery_code_works_once(client, cast):
    _, codes = enrolled(cast.leader)
    sign_in(client, "chanhvp")
    assert client.post(reverse("twofactor-verify"), {"code": codes[0].upper()}).status_code == 302
    assert client.get("/van-ban-den/").status_code == 200
    assert services.verify(cast.leader, codes[0]).device is None
    assert services.remaining_codes(cast.leader) == services.RECOVERY_CODES - 1
    renewed = services.recovery_codes_renew(cast.leader)
    assert services.verify(cast.leader, codes[1]).device is None and set(renewed).isdisjoint(codes)


def test_next_never_leaves_the_site(client, cast):
    device, _ = enrolled(cast.leader)
    sign_in(client, "chanhvp")
    response = client.post(reverse("twofactor-verify"), {"code": code_of(device, shift=1), "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


def test_the_api_token_needs_the_code_too(cast):
    device, codes = enrolled(cast.leader)
    api = APIClient()
    missing = api.post("/api/v1/auth/token/", {"username": "chanhvp", "password": PASSWORD}, format="json")
    assert missing.status_code == 400 and "otp" in missing.json()["error"]["fields"]
    given = api.post("/api/v1/auth/token/", {"username": "chanhvp", "password": PASSWORD, "otp": codes[0]}, format="json")
    assert given.status_code == 200 and given.json()["token"]
    plain = api.post("/api/v1/auth/token/", {"username": "vanthu", "password": PASSWORD}, format="json")
    assert plain.status_code == 200


def test_the_administrator_resets_a_lost_phone_and_it_is_audited(admin_client, admin_user, cast):
    device, _ = enrolled(cast.leader)
    admin_device, _ = enrolled(admin_user)
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert admin_client.get(url).status_code == 302  # the administrator must pass the second factor too
    session = admin_client.session
    session[DEVICE_ID_SESSION_KEY] = admin_device.persistent_id
    session.save()
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not services.enrolled(cast.leader) and services.remaining_codes(cast.leader) == 0
    assert AuditEvent.objects.filter(action="auth.2fa_reset", object_id=str(cast.leader.pk), actor=admin_user).exists()


def test_the_demo_gives_its_leaders_the_published_key(cast):
    from eoffice.demo.twofactor import demo_code, demo_two_factor

    assert demo_two_factor() == ["chanhvp"]  # the cast's one leader; clerks and specialists need none
    assert services.verify(cast.leader, demo_code()).device is not None
    assert not services.enrolled(cast.clerk)
