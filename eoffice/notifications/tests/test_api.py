import pytest

from eoffice.core.tests.api_helpers import API, login
from eoffice.notifications.services import notify, preferences_of, unread_count

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


PREFS = f"{API}/notifications/preferences/"


def test_preferences_read_with_labels_and_changed_by_patch_and_put(cast):
    client = login("truongphong")
    listed = client.get(PREFS).json()["preferences"]
    assert {"group": "incoming", "label": "Văn bản đến", "channel": "digest"} in listed
    answer = client.patch(PREFS, {"preferences": [{"group": "incoming", "channel": "immediate"}]}, format="json")
    assert {row["group"]: row["channel"] for row in answer.json()["preferences"]}["incoming"] == "immediate"
    every = [{"group": row["group"], "channel": "none"} for row in listed]
    client.put(PREFS, {"preferences": every}, format="json")
    assert set(preferences_of(cast.head).values()) == {"none"}


@pytest.mark.parametrize(
    "method, rows, field",
    [
        ("patch", [{"group": "khac-la", "channel": "digest"}], "preferences"),
        ("patch", [{"group": "incoming", "channel": "pigeon"}], "preferences"),
        ("patch", [{"group": "incoming", "channel": "none"}, {"group": "incoming", "channel": "digest"}], "preferences"),
        ("put", [{"group": "incoming", "channel": "none"}], "preferences"),
        ("patch", "incoming", "preferences"),
    ],
)
def test_bad_preferences_are_refused_in_vietnamese_and_nothing_is_saved(cast, method, rows, field):
    response = getattr(login("truongphong"), method)(PREFS, {"preferences": rows}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and field in error["fields"]
    assert not str(error["fields"]).isascii()
    assert set(preferences_of(cast.head).values()) == {"digest"}


def test_preferences_are_in_the_schema(cast):
    schema = login("truongphong").get(f"{API}/schema/?format=json").json()
    assert {"get", "put", "patch"} <= set(schema["paths"]["/api/v1/notifications/preferences/"])
