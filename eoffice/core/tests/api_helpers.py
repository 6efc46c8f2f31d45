"""What every API test needs: the prefix and a token client."""

from rest_framework.test import APIClient

API = "/api/v1"
PASSWORD = "matkhau-123"  # the cast's password (eoffice/conftest.py)


def login(username: str) -> APIClient:
    """A client carrying the token that /api/v1/auth/token/ gave `username`."""
    response = APIClient().post(f"{API}/auth/token/", {"username": username, "password": PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client
