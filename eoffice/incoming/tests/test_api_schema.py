"""The OpenAPI 3 schema and its browsable documentation, served without a CDN."""

import re

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

INCOMING_PATHS = [
    "/api/v1/incoming/",
    "/api/v1/incoming/{id}/",
    "/api/v1/incoming/{id}/submit/",
    "/api/v1/incoming/{id}/return/",
    "/api/v1/incoming/{id}/recall/",
    "/api/v1/incoming/{id}/direct/",
    "/api/v1/incoming/{id}/grant/",
    "/api/v1/incoming/register.xlsx",
    "/api/v1/assignments/",
    "/api/v1/assignments/{id}/reassign/",
    "/api/v1/assignments/{id}/progress/",
    "/api/v1/assignments/{id}/complete/",
    "/api/v1/calendar/working-days/",
]


@pytest.fixture
def schema():
    response = APIClient().get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200, response.content
    return response.json()


def test_the_schema_is_an_openapi_3_document_with_the_incoming_paths(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "eOffice API"
    missing = [path for path in INCOMING_PATHS if path not in schema["paths"]]
    assert missing == []
    assert {"get", "post"} <= set(schema["paths"]["/api/v1/incoming/"])
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_the_registration_schema_names_the_appendix_vi_fields(schema):
    body = schema["paths"]["/api/v1/incoming/"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)
    fields = schema["components"]["schemas"]["IncomingInRequest"]["properties"]
    expected = {
        "type_name", "code_number", "code_notation", "issued_date", "organ_name", "subject", "language",
        "page_amount", "description", "arrival_date", "signer_position", "signer_full_name", "priority",
        "confidentiality", "to_places", "due_date", "files", "confirm_duplicate",
    }  # fmt: skip
    assert expected <= set(fields)
    assert fields["issued_date"]["format"] == "date"


def test_the_schema_is_also_served_as_yaml():
    response = APIClient().get("/api/v1/schema/")
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3.")


def test_the_browsable_docs_use_only_local_static_files():
    response = APIClient().get("/api/v1/docs/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    tags = re.findall(r"<(?:script|link)\b[^>]*>", html, flags=re.IGNORECASE)
    sources = [m for tag in tags for m in re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", tag)]
    assert any("swagger-ui" in src for src in sources), sources
    assert [src for src in sources if re.match(r"(?i)(https?:)?//", src)] == []
    # Static files, and the page's own script (drf-spectacular's split view: no inline script under the CSP).
    assert all(src.startswith(("/static/", "/api/v1/docs/?script")) for src in sources), sources
    assert "<script>" not in html
    assert not re.search(r"""(?i)["'](https?:)?//[^"']*(cdn|unpkg|jsdelivr)""", html)
