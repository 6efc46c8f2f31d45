"""GET /api/v1/calendar/working-days/: N working days after a date."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from eoffice.workdays.services import calendar_override_set

pytestmark = pytest.mark.django_db

URL = "/api/v1/calendar/working-days/"


@pytest.fixture
def client(cast):
    client = APIClient()
    response = client.post("/api/v1/auth/token/", {"username": "chuyenvien", "password": "matkhau-123"}, format="json")
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def working_days(client, **params):
    return client.get(URL, params)


def test_one_working_day_after_the_friday_before_tet_2026_is_the_monday_after(client):
    response = working_days(client, start="2026-02-13", add=1)
    assert response.status_code == 200
    assert response.json() == {"date": "2026-02-23"}


@pytest.mark.parametrize(
    ("start", "add", "expected"),
    [
        ("2026-03-06", "1", "2026-03-09"),  # Friday → Monday
        ("2026-02-12", "3", "2026-02-24"),  # across Tết
        ("2026-03-09", "0", "2026-03-09"),
        ("2026-03-09", "5", "2026-03-16"),
    ],
)
def test_it_counts_working_days_only(client, start, add, expected):
    assert working_days(client, start=start, add=add).json() == {"date": expected}


def test_a_calendar_override_is_taken_into_account(client, cast):
    calendar_override_set(
        day=date(2026, 3, 9), is_working=False, name="Nghỉ bù", legal_basis="Thông báo của UBND thành phố", actor=cast.leader
    )
    assert working_days(client, start="2026-03-06", add=1).json() == {"date": "2026-03-10"}


@pytest.mark.parametrize("start", ["2026-02-31", "13/02/2026", "", "hôm nay"])
def test_a_bad_start_is_refused_with_the_error_shape(client, start):
    response = working_days(client, start=start, add=1)
    assert response.status_code == 400
    error = response.json()["error"]
    assert set(error) == {"code", "message", "fields"}
    assert error["code"] == "invalid" and error["message"] == "Tham số không hợp lệ."
    assert error["fields"] == {"start": ["Ngày không hợp lệ, dùng dạng YYYY-MM-DD."]}


def test_a_missing_start_and_a_bad_count_are_both_named(client):
    response = client.get(URL, {"add": "năm"})
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"start", "add"}


def test_it_requires_authentication(cast):
    response = APIClient().get(URL, {"start": "2026-02-13", "add": 1})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


@pytest.mark.parametrize("add", ["-1", "0.3", "3651", "nan", "inf", "1e400"])
def test_a_count_out_of_range_is_refused_with_the_add_field(client, add):
    response = working_days(client, start="2026-03-06", add=add)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert set(error) == {"code", "message", "fields"} and error["code"] == "invalid"
    assert set(error["fields"]) == {"add"}


def test_a_half_day_ends_on_the_same_date_as_a_whole_day(client):
    assert working_days(client, start="2026-03-06", add="0.5").json() == {"date": "2026-03-09"}


def test_a_start_at_the_end_of_the_calendar_is_refused_not_a_server_error(client):
    response = working_days(client, start="9999-12-30", add=5)
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"start"}
