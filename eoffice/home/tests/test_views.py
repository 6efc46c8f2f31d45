"""The home page is "/": where the login and the agency switch lead."""

import pytest
from django.test import Client
from django.urls import reverse

from eoffice.organisation.models import Membership, Role, User

pytestmark = pytest.mark.django_db


def test_home_is_the_root_and_needs_a_login(cast):
    assert reverse("home") == "/"
    response = Client().get("/")
    assert response.status_code == 302 and reverse("login") in response.url


def test_the_login_leads_to_the_home_page(cast):
    client = Client()
    response = client.post(reverse("login"), {"username": "chuyenvien", "password": "matkhau-123"})
    assert response.status_code == 302 and response.url == "/"
    page = client.get("/").content.decode()
    assert "<h1>Bàn làm việc</h1>" in page and "Việc chờ tôi" in page


def test_switching_agency_leads_to_the_home_page_of_that_agency(cast):
    Membership.objects.create(user=cast.leader, agency=cast.other, role=Role.LEADER)
    client = Client()
    client.force_login(cast.leader)
    response = client.post(reverse("agency-switch"), {"agency": cast.other.pk})
    assert response.status_code == 302 and response.url == "/"
    assert f'<option value="{cast.other.pk}" selected>' in client.get("/").content.decode()


def test_a_system_administrator_in_no_agency_goes_to_the_administration(db):
    root = User.objects.create_superuser(username="root", password="matkhau-123", full_name="Quản trị")
    client = Client()
    client.force_login(root)
    assert client.get("/").url == reverse("admin:index")


def test_someone_with_nothing_waiting_is_told_so(cast):
    client = Client()
    client.force_login(cast.kt_specialist)
    page = client.get("/").content.decode()
    assert "Không có việc nào chờ." in page and 'href="/van-ban-den/hop-thu/?tab=overdue"' in page


def test_the_page_speaks_english_when_asked(cast):
    client = Client()
    client.force_login(cast.leader)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "What is waiting for me" in page and "Việc chờ tôi" not in page
