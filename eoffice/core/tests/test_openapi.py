"""The whole OpenAPI schema is generated without a warning: no path parameter of
unknown type, no two components sharing a name (the schema would then describe one
of them wrongly), no hashed enum names."""

import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


def test_the_schema_has_no_warnings_and_readable_enum_names():
    GENERATOR_STATS.reset()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert list(GENERATOR_STATS._warn_cache) == [] and list(GENERATOR_STATS._error_cache) == []
    enums = [name for name in schema["components"]["schemas"] if name.endswith("Enum")]
    assert {"IncomingStatusEnum", "OutgoingStatusEnum", "DossierStatusEnum", "OutgoingTypeNameEnum"} <= set(enums)
    assert not [name for name in enums if any(ch.isdigit() for ch in name)]
    attachment = schema["paths"]["/api/v1/outgoing/{id}/attachments/{attachment_pk}/"]
    assert {"patch", "delete"} <= set(attachment) and "post" in schema["paths"]["/api/v1/outgoing/{id}/attachments/"]


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_every_operation_documents_its_errors_in_the_one_error_shape():
    """core.openapi.AutoSchema: 400 and 404 everywhere, 401 where a token is read, 403
    where a permission is checked, 409/413/415 for a change with a body, each with the
    ApiError body."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}
    for label, operation in operations(schema):
        responses = operation["responses"]
        assert {"400", "404"} <= set(responses), label
        assert all(responses[code]["content"] == error for code in responses if code >= "400"), label
        if not label.split()[1].startswith("/api/v1/public/"):
            assert "401" in responses, label  # a bad token
    post = dict(operations(schema))["POST /api/v1/incoming/"]["responses"]
    assert {"201", "400", "401", "403", "404", "409", "413", "415"} <= set(post)
    assert "429" in dict(operations(schema))["GET /api/v1/procedures/"]["responses"]  # throttled
    detail = schema["components"]["schemas"]["ApiError"]["properties"]["error"]
    assert set(detail["required"]) == {"code", "message", "fields"}


def test_fields_that_can_be_null_say_so():
    """An assignment given to a unit has no user, one given to a person no unit; a
    dossier step without a unit; DRF answers null for them."""
    components = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    assert components["AssignmentOut"]["properties"]["unit"].get("nullable") is True
    assert components["AssignmentOut"]["properties"]["user"].get("nullable") is True
    assert components["AssignmentOut"]["properties"]["id"].get("nullable") is not True


def test_downloads_are_documented_as_files():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    binary = {"type": "string", "format": "binary"}
    pdf = paths["/api/v1/outgoing/{id}/pdf/"]["get"]["responses"]["200"]["content"]
    assert pdf == {"application/pdf": {"schema": binary}}
    docx = paths["/api/v1/outgoing/{id}/docx/"]["get"]["responses"]["200"]["content"]
    assert [value["schema"] for value in docx.values()] == [binary]
    attachment = paths["/api/v1/outgoing/{id}/attachments/"]["post"]["responses"]
    assert "201" in attachment and "200" not in attachment  # the misplaced PDF decorator documented a 200
