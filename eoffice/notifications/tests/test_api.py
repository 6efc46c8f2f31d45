import pytest

from eoffice.core.tests.api_helpers import API, login
from eoffice.notifications.services import notify, unread_count

pytestmark = pytest.mark.django_db


def test_the_api_lists_only_ones_own_and_filters_unread(cast):
    mine = notify([cast.head], agency=cast.office, kind="incoming.assigned", title="Của tôi", url="/van-ban-den/")
    notify([cast.specialist], agency=cast.office, kind="incoming.assigned", title="Của người khác")
    client = login("truongphong")
    listed = client.get(f"{API}/notifications/").json()
    assert [n["title"] for n in listed["results"]] == ["Của tôi"]
    assert listed["results"][0]["is_read"] is False
    client.post(f"{API}/notifications/mark-read/", {"ids": [mine[0].pk]}, format="json")
    assert client.get(f"{API}/notifications/?unread=true").json()["count"] == 0
    assert client.get(f"{API}/notifications/?unread=maybe").status_code == 400


def test_mark_read_by_ids_ignores_others_and_all_marks_everything(cast):
    [other] = notify([cast.specialist], agency=cast.office, kind="k.x", title="Người khác")
    notify([cast.head], agency=cast.office, kind="k.x", title="Một")
    notify([cast.head], agency=cast.office, kind="k.x", title="Hai")
    client = login("truongphong")
    assert client.get(f"{API}/notifications/unread-count/").json() == {"unread": 2}
    answer = client.post(f"{API}/notifications/mark-read/", {"ids": [other.pk]}, format="json").json()
    assert answer == {"marked": 0, "unread": 2}
    assert unread_count(cast.specialist) == 1
    assert client.post(f"{API}/notifications/mark-read/", {"all": True}, format="json").json() == {"marked": 2, "unread": 0}


def test_mark_read_needs_ids_or_all(cast):
    response = login("truongphong").post(f"{API}/notifications/mark-read/", {}, format="json")
    assert response.status_code == 400
    assert "ids" in response.json()["error"]["fields"]


def test_the_endpoints_are_in_the_schema(cast):
    schema = login("truongphong").get(f"{API}/schema/?format=json").json()
    assert {"/api/v1/notifications/", "/api/v1/notifications/mark-read/", "/api/v1/notifications/unread-count/"} <= set(
        schema["paths"]
    )
