"""A forgotten password (ASVS 2.5): by e-mail when the installation sends
e-mail, else by the administrator; both audited; the answer never reveals
whether an address is known; requests are limited per address."""

import re

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.test import RequestFactory

from eoffice.audit.models import AuditEvent
from eoffice.organisation.reset import REQUESTS_PER_HOUR

pytestmark = pytest.mark.django_db
NEW = "Mat-khau-moi-2026!"


@pytest.fixture
def mailing(settings):
    settings.EOFFICE_EMAIL_HOST = "mail.haiphong.gov.vn"
    settings.EOFFICE_PUBLIC_URL = "https://vanphong.haiphong.gov.vn"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_without_email_the_page_sends_to_the_administrator(client, cast, settings):
    settings.EOFFICE_EMAIL_HOST = ""
    page = client.get("/quen-mat-khau/").content.decode()
    assert "Liên hệ quản trị hệ thống" in page and 'name="email"' not in page
    assert "Quên mật khẩu?" in client.get("/dang-nhap/").content.decode()


def test_a_link_by_email_sets_a_new_password_once(client, cast, mailing):
    cast.clerk.email = "vanthu@haiphong.gov.vn"
    cast.clerk.save()
    unknown = client.post("/quen-mat-khau/", {"email": "ai-do@example.vn"})
    known = client.post("/quen-mat-khau/", {"email": "vanthu@haiphong.gov.vn"})
    assert unknown["Location"] == known["Location"] == "/quen-mat-khau/da-gui/"  # the same answer
    assert len(mail.outbox) == 1 and "Đặt lại mật khẩu" in mail.outbox[0].subject
    assert "https://vanphong.haiphong.gov.vn/dat-lai-mat-khau/" in mail.outbox[0].body  # not the Host header
    link = re.search(r"https?://[^/]+(/dat-lai-mat-khau/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    action = form_page.redirect_chain[-1][0]
    done = client.post(action, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == "/dat-lai-mat-khau/xong/"
    assert authenticate(RequestFactory().post("/dang-nhap/"), username="vanthu", password=NEW) is not None
    assert "không còn dùng được" in client.get(link, follow=True).content.decode()  # once only
    assert AuditEvent.objects.filter(action="auth.password_reset", object_id=str(cast.clerk.pk)).exists()
    assert AuditEvent.objects.filter(action="auth.password_reset_requested").count() == 2


def test_requests_are_limited_per_address(client, cast, mailing):
    for _ in range(REQUESTS_PER_HOUR):
        assert client.post("/quen-mat-khau/", {"email": "x@example.vn"}).status_code == 302
    refused = client.post("/quen-mat-khau/", {"email": "y@example.vn"})
    assert refused.status_code == 200 and "quá nhiều lần" in refused.content.decode()


def test_the_administrator_sets_a_new_password_audited(admin_client, admin_user, cast):
    url = f"/admin/organisation/user/{cast.clerk.pk}/password/"
    response = admin_client.post(url, {"password1": NEW, "password2": NEW, "usable_password": "true"})
    assert response.status_code == 302
    assert authenticate(RequestFactory().post("/dang-nhap/"), username="vanthu", password=NEW) is not None
    assert AuditEvent.objects.filter(action="auth.password_set_by_admin", actor=admin_user).exists()
