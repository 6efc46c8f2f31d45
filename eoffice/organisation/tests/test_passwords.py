"""Passwords (OWASP ASVS 2.1): Django's validators with Vietnamese messages;
each person changes their own password, audited."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from eoffice.audit.models import AuditEvent
from eoffice.organisation.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("12345678", ["Mật khẩu quá ngắn: cần ít nhất 10 ký tự.", "Mật khẩu này quá phổ biến.", "Mật khẩu này hoàn toàn là số."]),
        ("password123", ["Mật khẩu này quá phổ biến."]),
        ("1234567890123", ["Mật khẩu này quá phổ biến.", "Mật khẩu này hoàn toàn là số."]),
    ],
)
def test_weak_passwords_are_refused_in_vietnamese(password, expected):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert refused.value.messages == expected


def test_a_good_password_passes(cast):
    validate_password("Lúa-chiêm-2026-Hải-Phòng", user=cast.clerk)


def test_each_person_changes_their_own_password(client, cast):
    client.force_login(cast.clerk)
    home = client.get("/").content.decode()
    assert 'href="/doi-mat-khau/"' in home
    page = client.get("/doi-mat-khau/")
    assert page.status_code == 200 and "Đổi mật khẩu" in page.content.decode()
    weak = client.post(
        "/doi-mat-khau/", {"old_password": "matkhau-123", "new_password1": "12345678", "new_password2": "12345678"}
    )
    assert weak.status_code == 200 and "Mật khẩu này hoàn toàn là số." in weak.content.decode()
    wrong_old = client.post(
        "/doi-mat-khau/", {"old_password": "sai", "new_password1": "Lúa-chiêm-2026", "new_password2": "Lúa-chiêm-2026"}
    )
    assert wrong_old.status_code == 200 and not User.objects.get(pk=cast.clerk.pk).check_password("Lúa-chiêm-2026")
    done = client.post(
        "/doi-mat-khau/", {"old_password": "matkhau-123", "new_password1": "Lúa-chiêm-2026", "new_password2": "Lúa-chiêm-2026"}
    )
    assert done.status_code == 302 and User.objects.get(pk=cast.clerk.pk).check_password("Lúa-chiêm-2026")
    assert client.get("/").status_code == 200  # still signed in
    assert AuditEvent.objects.filter(action="auth.password_changed", actor=cast.clerk).count() == 1


def test_signed_out_people_are_sent_to_sign_in(client):
    assert client.get("/doi-mat-khau/")["Location"].startswith("/dang-nhap/")
