"""/api/v1/schedule/: read for the agency's staff, write for drafters, the
workflow's actions, and the issue's bad input as 4xx in the one error shape."""

from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from eoffice.operations.models import ScheduleEntry
from eoffice.operations.schedule import services
from eoffice.operations.tests.schedule_fixtures import values

pytestmark = pytest.mark.django_db
API = "/api/v1/schedule"


def as_user(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


def refused(response, status):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert set(error) >= {"code", "message", "fields"}
    return error


def body(sched, **overrides):
    data = {
        "week": sched.week.pk, "date": sched.monday.isoformat(), "start_time": "08:00", "end_time": "10:00",
        "leaders": ["chutich"], "content": "Họp giao ban", "room": sched.room.pk, "participants": "Các Phó Chủ tịch",
        "participant_units": ["KT"], "preparing_unit": "Văn phòng",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_draft_submit_approve_publish_through_the_api(sched):
    drafter, approver = as_user(sched.cast.specialist), as_user(sched.cast.leader)
    entry = ok(drafter.post(f"{API}/entries/", body(sched), format="json"), 201)
    assert entry["leaders"] == ["chutich"] and entry["room"]["name"] == "Phòng họp số 1" and entry["participant_units"] == ["KT"]
    ok(drafter.post(f"{API}/weeks/{sched.week.pk}/submit/", format="json"))
    assert refused(approver.post(f"{API}/weeks/{sched.week.pk}/return/", {}, format="json"), 400)["fields"]["reason"]
    ok(approver.post(f"{API}/weeks/{sched.week.pk}/approve/", format="json"))
    week = ok(approver.post(f"{API}/weeks/{sched.week.pk}/publish/", format="json"))
    assert week["status"] == "published" and week["version"] == 1 and len(week["entries"]) == 1
    staff = as_user(sched.cast.kt_specialist)
    assert [w["id"] for w in ok(staff.get(f"{API}/weeks/"))["results"]] == [sched.week.pk]
    listed = ok(staff.get(f"{API}/entries/", {"week": sched.week.pk}))["results"]
    assert [e["content"] for e in listed] == ["Họp giao ban"]
    pdf = staff.get(f"{API}/weeks/{sched.week.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # After publication: a change needs a notice, then it is marked.
    error = refused(drafter.put(f"{API}/entries/{entry['id']}/", body(sched, start_time="09:00"), format="json"), 400)
    assert "notice" in error["fields"]
    changed = ok(drafter.put(f"{API}/entries/{entry['id']}/", body(sched, start_time="09:00", notice="Lùi giờ."), format="json"))
    assert changed["changed"] and changed["sequence"] == 1
    cancelled = ok(drafter.post(f"{API}/entries/{entry['id']}/cancel/", {"notice": "Hoãn."}, format="json"))
    assert cancelled["cancelled"]


def test_bad_input_is_a_4xx_and_nothing_is_saved(sched):
    drafter = as_user(sched.cast.specialist)
    error = refused(drafter.post(f"{API}/entries/", body(sched, start_time="10:00", end_time="09:00"), format="json"), 400)
    assert "phải sau giờ bắt đầu" in error["fields"]["end_time"][0]
    outside = (sched.monday + timedelta(days=9)).isoformat()
    assert (
        "không thuộc tuần" in refused(drafter.post(f"{API}/entries/", body(sched, date=outside), format="json"), 400)["message"]
    )
    assert refused(drafter.post(f"{API}/entries/", body(sched, leaders=["nobody"]), format="json"), 400)["fields"]["leaders"]
    assert refused(drafter.post(f"{API}/entries/", body(sched, room=99999), format="json"), 400)["fields"]["room"]
    ok(drafter.post(f"{API}/entries/", body(sched), format="json"), 201)
    error = refused(drafter.post(f"{API}/entries/", body(sched, leaders=[]), format="json"), 409)
    assert error["code"] == "conflict" and "Phòng họp số 1 đã được đặt" in error["message"]
    assert ScheduleEntry.objects.count() == 1
    ok(drafter.post(f"{API}/entries/", body(sched, leaders=[], confirm=True), format="json"), 201)
    assert refused(drafter.get(f"{API}/weeks/", {"status": "x"}), 400)["fields"]["status"]
    assert refused(drafter.get(f"{API}/entries/", {"week": "abc"}), 400)["fields"]["week"]


def test_permissions(sched):
    services.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday))
    staff, outsider = as_user(sched.cast.kt_specialist), as_user(sched.cast.outsider)
    refused(staff.get(f"{API}/weeks/{sched.week.pk}/"), 404)  # a draft
    refused(staff.post(f"{API}/weeks/", {"year": 2026, "week": 2}, format="json"), 403)
    refused(outsider.get(f"{API}/weeks/{sched.week.pk}/"), 404)
    refused(as_user(sched.cast.specialist).post(f"{API}/weeks/{sched.week.pk}/approve/", format="json"), 409)  # not submitted
    refused(APIClient().get(f"{API}/weeks/"), 401)
    assert ok(outsider.get(f"{API}/rooms/"))["results"] == []
    refused(outsider.get(f"{API}/rooms/{sched.room.pk}/"), 404)


def test_rooms_and_their_bookings(sched):
    drafter = as_user(sched.cast.specialist)
    room = ok(drafter.post(f"{API}/rooms/", {"name": "Hội trường tầng 3", "capacity": 200}, format="json"), 201)
    assert refused(drafter.post(f"{API}/rooms/", {"name": "Hội trường tầng 3"}, format="json"), 400)["fields"]["name"]
    refused(as_user(sched.cast.kt_specialist).post(f"{API}/rooms/", {"name": "Phòng khác"}, format="json"), 403)
    ok(drafter.post(f"{API}/entries/", body(sched, room=room["id"]), format="json"), 201)
    booked = ok(drafter.get(f"{API}/rooms/{room['id']}/bookings/", {"date_from": sched.monday.isoformat()}))
    assert [b["content"] for b in booked] == ["Họp giao ban"]
