"""Crafted input found by fuzzing: each answer is a 400 in Vietnamese, never a 500."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from eoffice.core.tests.api_helpers import API, login
from eoffice.onestop.tests.catalogue_helpers import admin_actor

pytestmark = pytest.mark.django_db
NESTED = "[" * 100_000 + "]" * 100_000


@pytest.fixture
def officer(onestop):
    return login("motcua")


@pytest.mark.parametrize("value", ["abc", "²", "1e3", "99999999999999999999", "-1"])
def test_a_bad_agency_header_is_a_400_on_the_api_and_the_pages(onestop, officer, value):
    response = officer.get(f"{API}/dossiers/", HTTP_X_EOFFICE_AGENCY=value)
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("Tiêu đề X-Eoffice-Agency phải là mã số")
    assert "tối đa 9 chữ số" in response.json()["error"]["message"]  # 99999999999999999999 is a number, too long
    page = Client(raise_request_exception=False)
    page.force_login(onestop.one_stop)
    response = page.get(reverse("onestop:list"), HTTP_X_EOFFICE_AGENCY=value)
    assert response.status_code == 400 and "X-Eoffice-Agency" in response.content.decode()


def test_a_numeric_agency_header_still_chooses_the_agency(onestop, officer):
    assert officer.get(f"{API}/dossiers/", HTTP_X_EOFFICE_AGENCY=str(onestop.office.pk)).status_code == 200


@pytest.mark.parametrize(
    "path",
    [f"{API}/auth/token/", f"{API}/public/dossiers/HS-1/rating/", f"{API}/procedures/import/"],
)
def test_json_nested_100000_deep_is_a_400_on_every_json_endpoint(onestop, path):
    if "import" in path:
        admin_actor(onestop)
    client = login("quantri") if "import" in path else APIClient()
    response = client.post(path, NESTED, content_type="application/json")
    assert response.status_code == 400
    assert "lồng nhau quá sâu" in response.json()["error"]["message"]


def test_json_over_the_body_cap_is_a_400(onestop, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"username": "x" * 2000, "password": "y"})
    response = APIClient().post(f"{API}/auth/token/", body, content_type="application/json")
    assert response.status_code == 400 and "vượt quá" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("first", "last"),
    [("0001-01-01", "9999-12-31"), ("2026-02-30", "2026-03-01"), ("2026-01-01", "2026-13-01"), ("²026-01-01", "2026-01-02")],
)
def test_far_or_impossible_dates_on_the_book_and_statistics_are_400(onestop, first, last):
    leader = login("chanhvp")
    book = leader.get(f"{API}/dossiers/book.xlsx/", {"received_from": first, "received_to": last})
    stats = leader.get(f"{API}/dossiers/statistics/", {"start": first, "end": last})
    for response in (book, stats):
        assert response.status_code == 400, response.content
        assert "ngày" in response.json()["error"]["message"].lower()


def test_far_dates_typed_on_the_statistics_page_are_a_form_error(onestop):
    page = Client(raise_request_exception=False)
    page.force_login(onestop.leader)
    query = {"period": "custom", "date_from": "01/01/0001", "date_to": "31/12/9999"}
    response = page.get(reverse("onestop:statistics"), query)
    assert response.status_code in (200, 400)
    assert "Ngày phải trong khoảng 01/01/1900 – 31/12/2100." in response.content.decode()
