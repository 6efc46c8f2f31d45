"""What every user reads: Vietnamese everywhere, nothing of the framework or its packages."""

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from eoffice.conftest import person
from eoffice.organisation.models import Role

pytestmark = pytest.mark.django_db


def page_of(user, name: str) -> str:
    client = Client()
    client.force_login(user)
    return client.get(reverse(name)).content.decode()


def test_the_administration_pages_are_titled_in_vietnamese(cast):
    admin = person("quantri", cast.office, Role.ADMIN, position="Quản trị")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    html = page_of(admin, "admin:index")
    assert "Quản trị eOffice" in html and "Django" not in html
    assert "Mã truy cập API" in html and "Auth Token" not in html and "Tokens" not in html


def test_only_administrators_see_the_api_link(cast):
    assert 'href="/api/v1/docs/"' not in page_of(cast.clerk, "inbox")
    admin = person("quantri", cast.office, Role.ADMIN, position="Quản trị")
    assert 'href="/api/v1/docs/"' in page_of(admin, "inbox")


def test_the_calendar_names_no_software_package(cast):
    admin = person("quantri", cast.office, Role.ADMIN, position="Quản trị")
    html = page_of(admin, "calendar")
    assert "Ngày nghỉ lễ, Tết và ngày làm bù theo lịch nhà nước" in html and "holidays</code>" not in html


@pytest.mark.django_db(transaction=True)
def test_the_browsers_required_field_message_is_vietnamese(page, live_server):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.click("button[type=submit]")
    username = page.locator("input[name=username]")
    expect(username).to_have_js_property("validationMessage", "Vui lòng điền trường này.")
    username.fill("vanthu")
    expect(username).to_have_js_property("validationMessage", "")
