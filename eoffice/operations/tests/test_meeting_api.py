"""/api/v1/meetings/: the invitees' and organiser's reads, the steps as actions,
the papers hidden from whoever is not invited, and bad input as 4xx in the one
error shape."""

import re

import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator

from eoffice.audit.models import AuditEvent
from eoffice.conftest import make_pdf
from eoffice.operations.meetings import services
from eoffice.operations.models import Task
from eoffice.operations.schedule import services as schedule
from eoffice.operations.tests.meeting_fixtures import after_the_start
from eoffice.operations.tests.schedule_fixtures import values
from eoffice.operations.tests.test_schedule_api import as_user, ok, refused
from eoffice.outgoing.models import OutgoingDocument

pytestmark = pytest.mark.django_db
API = "/api/v1/meetings"


def test_created_from_an_entry_and_read_by_the_invitees(sched, cast):
    data = values(sched.monday, room=sched.room, participant_people=[cast.kt_head])
    entry = schedule.entry_add(actor=sched.drafter, week=sched.week, values=data)
    body = {"entry": entry.pk, "title": "Họp bàn kế hoạch năm 2027", "chair": "chutich"}
    created = ok(as_user(cast.specialist).post(f"{API}/", body, format="json"), 201)
    assert created["room"] == "Phòng họp số 1" and created["invitations"][0]["person"] == "truongkt"
    assert refused(as_user(cast.specialist).post(f"{API}/", body, format="json"), 409)["code"] == "invalid_state"
    listed = ok(as_user(cast.kt_head).get(f"{API}/"))
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [row["id"] for row in rows] == [created["id"]]
    assert refused(as_user(cast.kt_specialist).get(f"{API}/{created['id']}/"), 404)


def test_a_reply_by_someone_not_invited_is_403_and_an_invitee_replies(meet):
    stranger = as_user(meet.stranger)
    error = refused(stranger.post(f"{API}/{meet.meeting.pk}/reply/", {"reply": "attend"}, format="json"), 404)
    assert error["code"] == "not_found"  # not invited: the meeting is not even shown
    # A member of the invited unit sees the meeting but does not answer for it.
    member = as_user(meet.c.kt_specialist)
    error = refused(member.post(f"{API}/{meet.meeting.pk}/reply/", {"reply": "attend"}, format="json"), 403)
    assert "không có trong danh sách được mời" in error["message"]
    head = as_user(meet.c.kt_head)
    error = refused(head.post(f"{API}/{meet.meeting.pk}/reply/", {"reply": "absent"}, format="json"), 400)
    assert "reason" in error["fields"]
    detail = ok(head.post(f"{API}/{meet.meeting.pk}/reply/", {"reply": "deputy", "deputy": "chuyenvienkt"}, format="json"))
    [unit] = [row for row in detail["invitations"] if row["unit"] == "KT"]
    assert unit["reply"] == "deputy" and unit["deputy"] == "chuyenvienkt"
    invitees = ok(member.get(f"{API}/{meet.meeting.pk}/invitees/"))
    assert len(invitees) == 2


def test_papers_only_to_the_invitees_and_each_read_audited(meet):
    services.paper_add(actor=meet.drafter, meeting=meet.meeting, files=[make_pdf("bao-cao.pdf")])
    papers = ok(as_user(meet.vice).get(f"{API}/{meet.meeting.pk}/papers/"))
    assert [p["filename"] for p in papers] == ["bao-cao.pdf"]
    url = papers[0]["url"]
    assert as_user(meet.vice).get(url).status_code == 200
    assert AuditEvent.objects.filter(action="operations.meeting.paper_read", actor=meet.vice).count() == 1
    for outsider in (meet.stranger, meet.c.outsider):
        assert as_user(outsider).get(url).status_code == 404
        assert as_user(outsider).get(f"{API}/{meet.meeting.pk}/papers/").status_code == 404
    upload = as_user(meet.c.specialist).post(f"{API}/{meet.meeting.pk}/add-papers/", {"files": [make_pdf("du-thao.pdf")]})
    assert len(ok(upload)["papers"]) == 2
    refused(as_user(meet.c.kt_head).post(f"{API}/{meet.meeting.pk}/add-papers/", {"files": [make_pdf()]}), 403)


def test_conclusions_converted_once_through_the_api(meet):
    organiser, leader = as_user(meet.c.specialist), as_user(meet.c.leader)
    with after_the_start(meet.meeting):
        ok(organiser.post(f"{API}/{meet.meeting.pk}/hold/"))
    conclusion = {"text": "Xây dựng kế hoạch năm 2027", "lead_unit": "KT", "coordinating_units": ["TH"], "working_days": 15}
    ok(organiser.post(f"{API}/{meet.meeting.pk}/add-conclusion/", conclusion, format="json"))
    bad = {**conclusion, "lead_unit": "XX"}
    error = refused(organiser.post(f"{API}/{meet.meeting.pk}/add-conclusion/", bad, format="json"), 400)
    assert "lead_unit" in error["fields"]
    refused(organiser.post(f"{API}/{meet.meeting.pk}/convert/"), 403)
    detail = ok(leader.post(f"{API}/{meet.meeting.pk}/convert/"))
    assert detail["conclusions"][0]["task"] == Task.objects.get().pk
    assert refused(leader.post(f"{API}/{meet.meeting.pk}/convert/"), 409)["code"] == "invalid_state"
    assert Task.objects.count() == 1
    listed = ok(leader.get(f"{API}/{meet.meeting.pk}/conclusions/"))
    assert listed[0]["lead_unit"] == "KT" and listed[0]["coordinating_units"] == ["TH"]


def test_the_invitation_drafted_and_its_number_shown_once_issued(meet):
    url = f"{API}/{meet.meeting.pk}/draft-invitation/"
    detail = ok(as_user(meet.c.specialist).post(url, {"signer": "chanhvp"}, format="json"))
    assert detail["invitation"] and detail["invitation_number"] is None
    OutgoingDocument.objects.filter(pk=detail["invitation"]).update(status="issued", code_number="12", code_notation="GM-VP")
    assert ok(as_user(meet.vice).get(f"{API}/{meet.meeting.pk}/"))["invitation_number"] == "12/GM-VP"


def test_the_schema_lists_the_meetings_endpoints_without_warnings():
    GENERATOR_STATS.reset()
    paths = set(SchemaGenerator().get_schema(request=None, public=True)["paths"])
    assert [message for message in GENERATOR_STATS._warn_cache if re.search("Meeting|meetings", message)] == []
    assert {"/api/v1/meetings/", "/api/v1/meetings/{id}/reply/", "/api/v1/meetings/{id}/convert/",
            "/api/v1/meetings/{id}/papers/", "/api/v1/meetings/{id}/invitees/",
            "/api/v1/meetings/{id}/conclusions/", "/api/v1/meetings/{id}/papers/{paper_pk}/"} <= paths  # fmt: skip
