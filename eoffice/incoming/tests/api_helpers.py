"""What every API test needs: the prefix, a token client, a valid document body."""

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


def document_json(**overrides) -> dict:
    """The required fields of a registration, in Appendix VI names."""
    data = {
        "type_name": "Công văn",
        "code_number": "125",
        "code_notation": "SXD-QLXD",
        "issued_date": "2026-03-02",
        "organ_name": "Sở Xây dựng",
        "subject": "Về việc báo cáo tình hình trật tự xây dựng quý I năm 2026",
        "arrival_date": "2026-03-03",
    }
    data.update(overrides)
    return data
