"""Every `year` in the API's query strings has the same bounds, in the schema and
when read: a year out of them is a 400 in the error shape, in Vietnamese."""

import pytest

from eoffice.core.params import FIRST_YEAR, LAST_YEAR
from eoffice.core.tests.api_helpers import API, login

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/incoming/",
    "/api/v1/incoming/register.xlsx",
    "/api/v1/outgoing/",
    "/api/v1/outgoing/register.xlsx/",
    "/api/v1/schedule/weeks/",
    "/api/v1/search/",
]


def year_schemas(schema: dict) -> dict[str, dict]:
    return {
        path: parameter["schema"]
        for path, operations in schema["paths"].items()
        for operation in operations.values()
        if isinstance(operation, dict)
        for parameter in operation.get("parameters", [])
        if parameter["name"] == "year"
    }


def test_every_year_parameter_of_the_schema_has_the_bounds(cast):
    years = year_schemas(login("vanthu").get(f"{API}/schema/?format=json").json())
    assert set(PATHS) <= set(years)
    for path, schema in years.items():
        assert (schema["type"], schema["minimum"], schema["maximum"]) == ("integer", FIRST_YEAR, LAST_YEAR), path


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("year", [str(FIRST_YEAR - 1), str(LAST_YEAR + 1), "99999"])
def test_a_year_out_of_bounds_is_a_400_in_vietnamese(cast, path, year):
    response = login("vanthu").get(path, {"year": year, "q": "xây dựng"})
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid" and "year" in error["fields"]
    assert not error["message"].isascii() and not str(error["fields"]["year"]).isascii()


@pytest.mark.parametrize("path", PATHS)
def test_a_year_within_bounds_is_read(cast, path):
    assert login("vanthu").get(path, {"year": str(LAST_YEAR), "q": "xây dựng"}).status_code == 200
