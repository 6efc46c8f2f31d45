"""Crafted query strings on the document lists, registers and their exports, from a
page and from the API: a 400 or a page with the form's message, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from eoffice.core.tests.api_helpers import API, login

pytestmark = pytest.mark.django_db
YEARS = ["abc", "²", "99999999999999999999", "0", "-2026"]
DATES = [("date_from", "2026-02-30"), ("date_to", "2026-13-01"), ("date_from", "0001-01-01"), ("date_to", "31/12/9999")]
PAGES = ["incoming-list", "incoming-register-book", "incoming-register-xlsx", "incoming-follow-book", "incoming-late"]
PAGES += ["outgoing-list", "outgoing-register-book", "outgoing-register-xlsx", "inbox"]
APIS = ["incoming/", "outgoing/", "incoming/register.xlsx", "outgoing/register.xlsx/", "assignments/", "registry-queue/"]


@pytest.fixture
def page(cast):
    client = Client(raise_request_exception=False)
    client.force_login(cast.clerk)
    return client


@pytest.mark.parametrize("name", PAGES)
def test_pages_answer_crafted_years_and_dates_without_a_server_error(page, name):
    for query in [{"year": year} for year in YEARS] + [dict([pair]) for pair in DATES]:
        response = page.get(reverse(name), query)
        assert response.status_code in (200, 400), (name, query, response.status_code)


@pytest.mark.parametrize("path", APIS)
def test_the_api_answers_crafted_years_and_dates_with_a_400_or_a_result(cast, path):
    clerk = login("vanthu")
    for query in [{"year": year} for year in YEARS] + [dict([pair]) for pair in DATES]:
        response = clerk.get(f"{API}/{path}", query)
        assert response.status_code in (200, 400), (path, query, response.status_code, response.content[:300])
        if response.status_code == 400:
            assert response.json()["error"]["message"].isascii() is False  # a Vietnamese message


def test_a_bad_year_on_the_outgoing_list_is_refused_not_ignored(cast):
    response = login("vanthu").get(f"{API}/outgoing/", {"year": "²"})
    assert response.status_code == 400 and "phải là một năm" in response.json()["error"]["message"]
