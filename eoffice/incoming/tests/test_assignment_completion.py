"""Each assignment completes on its own: the lead unit's head accepts what
their specialist reported, coordinating units report their part, and the
leader who directed sees the result."""

import pytest
from django.urls import reverse

from eoffice.conftest import incoming_data
from eoffice.core.errors import InvalidState, NotAllowed, ValidationFailed
from eoffice.incoming.handling.assignments import (
    assignment_accept,
    assignment_complete,
    assignment_reassign,
    assignment_send_back,
)
from eoffice.incoming.handling.services import incoming_submit
from eoffice.incoming.models import AssignmentKind, AssignmentStatus, Status
from eoffice.incoming.receiving.services import incoming_register
from eoffice.incoming.selectors import handling_result, inbox_assignments
from eoffice.incoming.tests.api_helpers import API, login
from eoffice.incoming.tests.test_incoming_workflow import directed, lead_of  # TH leads, KT coordinates, 5 days

pytestmark = pytest.mark.django_db

REPORT = "Đề xuất UBND thành phố có công văn trả lời Sở Xây dựng"


def coordination_of(document):
    return document.assignments.get(kind=AssignmentKind.COORDINATE, parent=None)


def handed_down(cast, document):
    return assignment_reassign(actor=cast.actor(cast.head), assignment=lead_of(document), user=cast.specialist)


def reported(cast):
    """The specialist has completed TH's lead task."""
    document = directed(cast)
    task = handed_down(cast, document)
    assignment_complete(actor=cast.actor(cast.specialist), assignment=task, proposal=REPORT)
    document.refresh_from_db()
    return document, task


def test_completing_the_lead_task_leaves_the_coordinating_unit_open(cast, settings):
    settings.EOFFICE_INCOMING_HEAD_ACCEPTS = False
    document, _ = reported(cast)
    assert document.status == Status.DONE
    coordination = coordination_of(document)
    assert (coordination.is_open, coordination.status, coordination.completed_by) == (True, AssignmentStatus.PENDING, None)
    assert list(inbox_assignments(cast.actor(cast.kt_head), "waiting")) == [coordination]


def test_the_coordinating_unit_completes_its_own_part_with_a_report(cast):
    document = directed(cast)
    coordination = coordination_of(document)
    task = assignment_reassign(actor=cast.actor(cast.kt_head), assignment=coordination, user=cast.kt_specialist)
    assignment_complete(actor=cast.actor(cast.kt_specialist), assignment=task, proposal="Phòng KT thống nhất số liệu")
    coordination.refresh_from_db()
    assert (coordination.is_open, coordination.status) == (False, AssignmentStatus.DONE)
    lead = lead_of(document)
    assert (lead.is_open, lead.status) == (True, AssignmentStatus.PENDING)  # nobody in TH has acted
    document.refresh_from_db()
    assert document.status == Status.IN_PROGRESS
    entry = document.trace.get(action="complete")
    assert (entry.actor, entry.opinion) == (cast.kt_specialist, "Phòng KT thống nhất số liệu")
    assert "phối hợp" in entry.summary and "Phòng Kinh tế" in entry.summary


def test_with_acceptance_required_the_document_waits_for_the_unit_head(cast):
    document, task = reported(cast)
    lead = lead_of(document)
    assert document.status == Status.IN_PROGRESS
    assert (lead.is_open, lead.status) == (True, AssignmentStatus.REPORTED)
    assert list(inbox_assignments(cast.actor(cast.head), "waiting")) == [lead]
    assert handling_result(document).pending

    assignment_accept(actor=cast.actor(cast.head), assignment=lead, note="Đồng ý")
    document.refresh_from_db()
    lead.refresh_from_db()
    assert document.status == Status.DONE
    assert (lead.is_open, lead.status, lead.completed_by) == (False, AssignmentStatus.DONE, cast.head)
    assert [t.action for t in document.trace.all()][-4:] == ["reassign", "complete", "accept", "done"]
    result = handling_result(document)
    assert (result.report, result.reported.completed_by, result.accepted_by) == (REPORT, cast.specialist, cast.head)
    assert coordination_of(document).is_open


def test_the_head_returns_the_result_and_the_specialists_task_opens_again(cast):
    document, task = reported(cast)
    lead = lead_of(document)
    with pytest.raises(ValidationFailed, match="lý do"):
        assignment_send_back(actor=cast.actor(cast.head), assignment=lead, reason="")
    assignment_send_back(actor=cast.actor(cast.head), assignment=lead, reason="Bổ sung số liệu quý I")
    task.refresh_from_db()
    lead.refresh_from_db()
    assert (task.is_open, task.status, task.completed_at, task.proposal) == (True, AssignmentStatus.IN_PROGRESS, None, "")
    assert (lead.is_open, lead.status) == (True, AssignmentStatus.IN_PROGRESS)
    assert list(inbox_assignments(cast.actor(cast.specialist), "waiting")) == [task]
    entry = document.trace.last()
    assert (entry.action, entry.opinion) == ("send_back", "Bổ sung số liệu quý I")
    document.refresh_from_db()
    assert document.status == Status.IN_PROGRESS

    assignment_complete(actor=cast.actor(cast.specialist), assignment=task, proposal="Đã bổ sung số liệu")
    assignment_accept(actor=cast.actor(cast.head), assignment=lead_of(document))
    document.refresh_from_db()
    assert document.status == Status.DONE
    assert handling_result(document).report == "Đã bổ sung số liệu"


def test_only_the_unit_head_accepts_and_only_a_reported_result(cast):
    document = directed(cast)
    with pytest.raises(InvalidState, match="chờ chấp nhận"):
        assignment_accept(actor=cast.actor(cast.head), assignment=lead_of(document))
    task = handed_down(cast, document)
    assignment_complete(actor=cast.actor(cast.specialist), assignment=task, proposal=REPORT)
    for outsider in (cast.specialist, cast.kt_head, cast.leader):
        with pytest.raises(NotAllowed):
            assignment_accept(actor=cast.actor(outsider), assignment=lead_of(document))
    with pytest.raises(InvalidState, match="chấp nhận hoặc trả lại"):
        assignment_complete(actor=cast.actor(cast.head), assignment=lead_of(document), proposal="x")


def test_the_head_completing_the_lead_task_needs_no_acceptance(cast):
    document = directed(cast)
    task = handed_down(cast, document)
    assignment_complete(actor=cast.actor(cast.head), assignment=lead_of(document), proposal="Phòng đã trả lời Sở")
    document.refresh_from_db()
    task.refresh_from_db()
    assert document.status == Status.DONE
    assert (task.is_open, task.status) == (False, AssignmentStatus.CANCELLED)  # not done: the specialist did nothing
    assert coordination_of(document).is_open
    result = handling_result(document)
    assert (result.report, result.accepted_by, result.reported.completed_by) == ("Phòng đã trả lời Sở", None, cast.head)


def test_with_acceptance_off_the_specialists_completion_finishes_the_document(cast, settings):
    settings.EOFFICE_INCOMING_HEAD_ACCEPTS = False
    document, task = reported(cast)
    lead = lead_of(document)
    assert document.status == Status.DONE
    assert (lead.is_open, lead.status) == (False, AssignmentStatus.DONE)
    assert [t.action for t in document.trace.all()][-2:] == ["complete", "done"]
    assert handling_result(document).accepted_by is None


def test_the_directing_leader_sees_the_result(cast, client):
    document, _ = reported(cast)
    assert not document.assignments.filter(kind=AssignmentKind.RESULT).exists()
    assignment_accept(actor=cast.actor(cast.head), assignment=lead_of(document))
    incoming_submit(  # the leader's item with a deadline comes first
        actor=cast.actor(cast.clerk),
        document=incoming_register(actor=cast.actor(cast.clerk), data=incoming_data(code_number="99")),
        leader=cast.leader,
    )
    waiting = list(inbox_assignments(cast.actor(cast.leader), "waiting"))
    result = document.assignments.get(kind=AssignmentKind.RESULT)
    assert waiting[-1] == result and waiting[0].deadline is not None
    assert (result.user, result.deadline, result.note) == (cast.leader, None, REPORT)

    client.force_login(cast.leader)
    page = client.get(reverse("incoming-detail", args=[document.pk])).content.decode()
    assert "Kết quả xử lý" in page and REPORT in page
    assert f"{cast.specialist} hoàn thành" in page and f"{cast.head} chấp nhận" in page
    response = client.post(reverse("assignment-complete", args=[result.pk]), {f"a{result.pk}-proposal": ""})
    assert response.status_code == 302
    result.refresh_from_db()
    assert (result.is_open, result.status) == (False, AssignmentStatus.DONE)
    assert result in list(inbox_assignments(cast.actor(cast.leader), "done"))


def test_the_head_accepts_and_returns_on_the_document_page(cast, client):
    document, task = reported(cast)
    lead = lead_of(document)
    client.force_login(cast.head)
    page = client.get(reverse("incoming-detail", args=[document.pk])).content.decode()
    assert reverse("assignment-accept", args=[lead.pk]) in page and reverse("assignment-send-back", args=[lead.pk]) in page
    response = client.post(reverse("assignment-send-back", args=[lead.pk]), {f"a{lead.pk}-back-reason": "ngắn"})
    assert response.status_code == 400 and "ngắn" in response.content.decode()  # what was typed is kept
    response = client.post(reverse("assignment-send-back", args=[lead.pk]), {f"a{lead.pk}-back-reason": "Bổ sung số liệu"})
    assert response.status_code == 302
    task.refresh_from_db()
    assignment_complete(actor=cast.actor(cast.specialist), assignment=task, proposal=REPORT)
    response = client.post(reverse("assignment-accept", args=[lead.pk]), {f"a{lead.pk}-accept-note": "Đồng ý"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == Status.DONE


def test_the_unit_head_accepts_and_returns_through_the_api(cast):
    document, task = reported(cast)
    lead = lead_of(document)
    specialist, head = login("chuyenvien"), login("truongphong")
    assert specialist.post(f"{API}/assignments/{lead.pk}/accept/", {}, format="json").status_code == 403
    response = head.post(f"{API}/assignments/{lead.pk}/send-back/", {"reason": "Bổ sung số liệu"}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["is_open"]) == ("in_progress", True)
    assert head.post(f"{API}/assignments/{lead.pk}/accept/", {}, format="json").status_code == 409
    response = specialist.post(f"{API}/assignments/{task.pk}/complete/", {"proposal": REPORT}, format="json")
    assert response.status_code == 200, response.content
    response = head.post(f"{API}/assignments/{lead.pk}/accept/", {"note": "Đồng ý"}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["is_open"]) == ("done", False)
    results = login("chanhvp").get(f"{API}/assignments/", {"tab": "waiting"}).json()["results"]
    assert [(a["document"], a["kind"], a["note"]) for a in results] == [(document.pk, "result", REPORT)]


def test_the_printed_slip_shows_the_proposal_once(cast, client, settings):
    settings.EOFFICE_INCOMING_HEAD_ACCEPTS = False
    document, _ = reported(cast)
    client.force_login(cast.leader)
    slip = client.get(reverse("incoming-slip", args=[document.pk])).content.decode()
    assert slip.count(REPORT) == 1
    lead_of(document).__class__.objects.filter(pk=lead_of(document).pk).update(proposal=REPORT)  # as stored before
    slip = client.get(reverse("incoming-slip", args=[document.pk])).content.decode()
    assert slip.count(REPORT) == 1


def test_an_issued_answer_closes_the_lead_units_tasks_only(cast):
    from eoffice.incoming.receiving.interagency import incoming_answered

    document = directed(cast)
    task = handed_down(cast, document)
    incoming_answered(actor=cast.actor(cast.clerk), document=document, answer_reference="01/VP-TH")
    document.refresh_from_db()
    task.refresh_from_db()
    assert (document.status, document.answer_reference) == (Status.DONE, "01/VP-TH")
    assert not task.is_open and not lead_of(document).is_open
    assert coordination_of(document).is_open
    assert document.assignments.get(kind=AssignmentKind.RESULT).user == cast.leader


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_acceptance_and_the_result_pages_are_clean(page, live_server, cast, size):
    """The head's page with the accept and return forms, and the leader's page
    with the result: no console error, no sideways scroll, no serious axe violation."""
    from axe_playwright_python.sync_playwright import Axe

    from eoffice.conftest import sign_in
    from eoffice.core.tests.test_browser_pages import SIZES, problems_on

    document, _ = reported(cast)
    page.set_viewport_size(SIZES[size])
    url, axe = f"{live_server.url}/van-ban-den/{document.pk}/", Axe()
    sign_in(page, live_server.url, "truongphong")
    assert problems_on(page, url, axe, size == "phone") == []
    page.click("button.primary:has-text('Chấp nhận')")
    sign_in(page, live_server.url, "chanhvp")
    assert problems_on(page, url, axe, size == "phone") == []
    assert REPORT in page.locator("#result").inner_text()
