"""What a signed-in person is shown is not stored by caches; signing out tells the
browser to drop this site's cache and storage; an API answer opened in a tab is a
download, not a page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_signed_in_answers_are_not_stored_and_public_ones_keep_their_caching(client, cast):
    assert "no-store" not in client.get("/thu-tuc/").get("Cache-Control", "")
    client.force_login(cast.clerk)
    for url in (reverse("inbox"), reverse("incoming-list"), "/api/v1/incoming/"):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, url


def test_signing_out_clears_the_sites_cache_and_storage(client, cast):
    client.force_login(cast.clerk)
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Clear-Site-Data"] == '"cache", "storage"'
    assert client.get(reverse("inbox")).status_code == 302  # signed out indeed


def test_an_api_answer_is_a_download_not_a_page(client, cast):
    client.force_login(cast.clerk)
    assert client.get("/api/v1/incoming/")["Content-Disposition"] == 'attachment; filename="api.json"'
    assert "Content-Disposition" not in client.get(reverse("inbox"))
    assert client.get("/api/v1/incoming/register.xlsx", {"year": 2026})["Content-Disposition"].endswith('.xlsx"')
