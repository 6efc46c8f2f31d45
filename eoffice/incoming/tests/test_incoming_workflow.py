from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.http import Http404

from eoffice.conftest import incoming_data
from eoffice.core.errors import InvalidState, NotAllowed, ValidationFailed
from eoffice.incoming.access import get_incoming_for_user
from eoffice.incoming.handling.assignments import (
    assignment_accept,
    assignment_complete,
    assignment_progress,
    assignment_reassign,
)
from eoffice.incoming.handling.services import incoming_direct, incoming_recall, incoming_return, incoming_submit
from eoffice.incoming.models import AssignmentKind, IncomingDocument, Status
from eoffice.incoming.receiving.services import incoming_register
from eoffice.incoming.reports.selectors import late_assignments
from eoffice.incoming.selectors import inbox_assignments, registry_queue
from eoffice.organisation.selectors import today
from eoffice.workdays.services import add_working_days, calendar_override_set

pytestmark = pytest.mark.django_db


def registered(cast, **overrides):
    return incoming_register(actor=cast.actor(cast.clerk), data=incoming_data(**overrides))


def directed(cast, **overrides):
    document = registered(cast, **overrides)
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    incoming_direct(
        actor=cast.actor(cast.leader),
        document=document,
        opinion="Giao Phòng Tổng hợp tham mưu",
        lead_unit=cast.tonghop,
        coordinating_units=[cast.kinhte],
        deadline_days=Decimal(5),
    )
    return document


def lead_of(document):
    return document.assignments.get(kind=AssignmentKind.LEAD, parent=None)


def test_the_whole_story_from_arrival_to_done(cast):
    """GIVEN a registered document
    WHEN the clerk submits it, the leader directs it, the unit head passes it
    to a specialist, the specialist completes it and the unit head accepts it
    THEN the document is done and every step is in its trace; the coordinating
    unit's task stays open until it reports its own part."""
    document = registered(cast)
    assert list(registry_queue(cast.actor(cast.clerk))) == [document]
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    assert [a.document for a in inbox_assignments(cast.actor(cast.leader), "waiting")] == [document]

    incoming_direct(
        actor=cast.actor(cast.leader),
        document=document,
        opinion="Phòng TH chủ trì, báo cáo trước hạn",
        lead_unit=cast.tonghop,
        coordinating_units=[cast.kinhte],
        inform_users=[cast.kt_specialist],
        deadline_days=Decimal(5),
    )
    lead = lead_of(document)
    assert lead.deadline == add_working_days(today(), 5)
    assert inbox_assignments(cast.actor(cast.leader), "waiting").count() == 0
    assert list(inbox_assignments(cast.actor(cast.head), "waiting")) == [lead]

    task = assignment_reassign(actor=cast.actor(cast.head), assignment=lead, user=cast.specialist, deadline_days=Decimal(3))
    assignment_progress(actor=cast.actor(cast.specialist), assignment=task, note="Đã làm việc với Sở Xây dựng")
    assignment_complete(
        actor=cast.actor(cast.specialist),
        assignment=task,
        proposal="Đề xuất trả lời bằng công văn",
        answer_reference="Dự thảo công văn",
    )
    document.refresh_from_db()
    assert document.status == Status.IN_PROGRESS  # the unit head has not accepted it yet
    assignment_accept(actor=cast.actor(cast.head), assignment=lead_of(document))

    document.refresh_from_db()
    assert document.status == Status.DONE
    assert document.answer_reference == "Dự thảo công văn"
    assert [t.action for t in document.trace.all()] == [
        "register",
        "submit",
        "direct",
        "reassign",
        "progress",
        "complete",
        "accept",
        "done",
    ]
    assert list(inbox_assignments(cast.actor(cast.specialist), "done")) == [task]
    task.refresh_from_db()
    # The proposal is the specialist's; the unit's task is not given a copy (the slip prints it once).
    assert task.proposal == "Đề xuất trả lời bằng công văn" and lead_of(document).proposal == ""
    still_open = document.assignments.filter(is_open=True).exclude(kind=AssignmentKind.INFORM)
    assert {(a.kind, a.unit_id, a.user_id) for a in still_open} == {
        (AssignmentKind.COORDINATE, cast.kinhte.pk, None),
        (AssignmentKind.RESULT, None, cast.leader.pk),
    }


def test_an_action_out_of_order_is_refused(cast):
    document = registered(cast)
    with pytest.raises(InvalidState, match="Đã vào sổ"):
        incoming_direct(actor=cast.actor(cast.leader), document=document, opinion="x", lead_unit=cast.tonghop)


def test_only_a_leader_directs(cast):
    document = registered(cast)
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    with pytest.raises(NotAllowed):
        incoming_direct(actor=cast.actor(cast.head), document=document, opinion="x", lead_unit=cast.tonghop)


def test_submitting_to_someone_who_is_not_a_leader_is_refused(cast):
    with pytest.raises(ValidationFailed):
        incoming_submit(actor=cast.actor(cast.clerk), document=registered(cast), leader=cast.specialist)


def test_the_leader_returns_with_a_reason_and_the_clerk_resubmits(cast):
    document = registered(cast)
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    with pytest.raises(ValidationFailed):
        incoming_return(actor=cast.actor(cast.leader), document=document, reason="")
    incoming_return(actor=cast.actor(cast.leader), document=document, reason="Không thuộc thẩm quyền, chuyển Sở")
    assert document.status == Status.RETURNED
    assert list(registry_queue(cast.actor(cast.clerk))) == [document]
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    assert document.status == Status.SUBMITTED


def test_a_recall_cancels_every_open_task(cast):
    document = directed(cast)
    incoming_recall(actor=cast.actor(cast.clerk), document=document, reason="Sở Xây dựng đã thu hồi văn bản")
    assert document.status == Status.RECALLED
    assert not document.assignments.filter(is_open=True).exists()
    with pytest.raises(InvalidState):
        incoming_recall(actor=cast.actor(cast.clerk), document=document, reason="lần nữa thu hồi")


def test_a_unit_head_reassigns_only_inside_the_unit(cast):
    document = directed(cast)
    with pytest.raises(ValidationFailed):
        assignment_reassign(actor=cast.actor(cast.head), assignment=lead_of(document), user=cast.kt_specialist)
    with pytest.raises(NotAllowed):
        assignment_reassign(actor=cast.actor(cast.kt_head), assignment=lead_of(document), user=cast.kt_specialist)


def test_a_personal_deadline_cannot_pass_the_unit_deadline(cast):
    lead = lead_of(directed(cast))
    with pytest.raises(ValidationFailed, match="Hạn cá nhân"):
        assignment_reassign(
            actor=cast.actor(cast.head), assignment=lead, user=cast.specialist, deadline=lead.deadline + timedelta(days=1)
        )


def test_someone_else_cannot_complete_a_task(cast):
    lead = lead_of(directed(cast))
    task = assignment_reassign(actor=cast.actor(cast.head), assignment=lead, user=cast.specialist)
    with pytest.raises(NotAllowed):
        assignment_complete(actor=cast.actor(cast.kt_specialist), assignment=task, proposal="x")


def test_completing_a_coordinating_task_leaves_the_document_open(cast):
    document = directed(cast)
    coordinate = document.assignments.get(kind=AssignmentKind.COORDINATE)
    assignment_complete(actor=cast.actor(cast.kt_head), assignment=coordinate, proposal="Đã góp ý")
    document.refresh_from_db()
    assert document.status == Status.DIRECTED


def test_overdue_items_show_in_the_overdue_tab_and_in_the_lateness_report(cast):
    document = directed(cast)
    lead = lead_of(document)
    lead.deadline = date(2026, 3, 2)
    lead.save()
    assert list(inbox_assignments(cast.actor(cast.head), "overdue")) == [lead]
    assert lead in list(late_assignments(cast.actor(cast.leader)))
    assert list(late_assignments(cast.actor(cast.kt_head))) == []  # KT's own task is not late


def test_urgent_documents_come_first(cast):
    normal = directed(cast)
    urgent = directed(cast, code_number="200", priority=3)
    docs = [a.document for a in inbox_assignments(cast.actor(cast.head), "waiting")]
    assert docs == [urgent, normal]


def test_an_override_moves_an_open_deadline(cast):
    document = directed(cast)
    lead = lead_of(document)
    before = lead.deadline
    first_day = add_working_days(today(), 1)
    calendar_override_set(
        day=first_day, is_working=False, name="Nghỉ đột xuất", legal_basis="Thông báo 99/TB-UBND", actor=cast.leader
    )
    lead.refresh_from_db()
    document.refresh_from_db()
    assert lead.deadline == add_working_days(before, 1)
    assert document.due_date == lead.deadline


def test_an_outsider_cannot_see_the_document(cast):
    document = registered(cast)
    with pytest.raises(Http404):
        get_incoming_for_user(cast.actor(cast.outsider), document.pk)
    assert not IncomingDocument.objects.visible_to(cast.actor(cast.outsider)).exists()


def test_a_specialist_sees_only_what_is_assigned(cast):
    document = directed(cast)
    other = registered(cast, code_number="300")
    visible = set(IncomingDocument.objects.visible_to(cast.actor(cast.specialist)))
    assert visible == {document}  # through the unit's assignment
    assert other not in visible


def test_a_confidential_document_needs_a_grant(cast):
    secret = registered(cast, confidentiality=1)
    assert secret in IncomingDocument.objects.visible_to(cast.actor(cast.clerk))
    assert secret not in IncomingDocument.objects.visible_to(cast.actor(cast.leader))
    incoming_submit(actor=cast.actor(cast.clerk), document=secret, leader=cast.leader)
    assert secret in IncomingDocument.objects.visible_to(cast.actor(cast.leader))
    assert secret not in IncomingDocument.objects.visible_to(cast.actor(cast.head))


def test_reading_a_confidential_document_is_audited(cast):
    from eoffice.audit.models import AuditEvent

    secret = registered(cast, confidentiality=2)
    get_incoming_for_user(cast.actor(cast.clerk), secret.pk)
    assert AuditEvent.objects.filter(action="incoming.read_confidential", object_id=str(secret.pk)).count() == 1


def test_only_the_leader_it_was_submitted_to_directs(cast):
    from eoffice.conftest import person
    from eoffice.organisation.models import Role

    deputy = person("phochanhvp", cast.office, Role.LEADER)
    document = registered(cast)
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    with pytest.raises(NotAllowed):
        incoming_direct(actor=cast.actor(deputy), document=document, opinion="x", lead_unit=cast.tonghop)
    with pytest.raises(NotAllowed):
        incoming_return(actor=cast.actor(deputy), document=document, reason="không đúng thẩm quyền")


def test_a_submitted_document_has_a_review_deadline_and_urgent_ones_are_due_today(cast):
    normal = registered(cast)
    urgent = registered(cast, code_number="900", priority=2)
    review = incoming_submit(actor=cast.actor(cast.clerk), document=normal, leader=cast.leader)
    urgent_review = incoming_submit(actor=cast.actor(cast.clerk), document=urgent, leader=cast.leader)
    assert review.deadline == add_working_days(today(), 1)
    assert urgent_review.deadline == add_working_days(today(), 0)


def test_someone_from_another_agency_cannot_be_informed(cast):
    document = registered(cast)
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    with pytest.raises(ValidationFailed):
        incoming_direct(
            actor=cast.actor(cast.leader), document=document, opinion="x", lead_unit=cast.tonghop, inform_users=[cast.outsider]
        )


def test_a_passed_sender_deadline_is_not_kept_as_the_handling_deadline(cast):
    document = registered(cast, due_date=date(2026, 3, 10))
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    incoming_direct(actor=cast.actor(cast.leader), document=document, opinion="x", lead_unit=cast.tonghop)
    assert lead_of(document).deadline is None


def test_recomputing_many_deadlines_costs_the_same_queries_as_few(cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def override(day, name):
        with CaptureQueriesContext(connection) as queries:
            calendar_override_set(day=day, is_working=False, name=name, legal_basis="Thông báo 1/TB-UBND", actor=cast.leader)
        return len(queries)

    directed(cast, code_number="1")
    few = override(add_working_days(today(), 1), "Nghỉ 1")
    for n in range(2, 8):
        directed(cast, code_number=str(n))
    many = override(add_working_days(today(), 2), "Nghỉ 2")
    assert many == few
    leads = IncomingDocument.objects.filter(assignments__kind=AssignmentKind.LEAD).distinct()
    assert all(d.due_date == lead_of(d).deadline for d in leads)
