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
