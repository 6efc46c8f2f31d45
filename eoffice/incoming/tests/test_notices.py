"""Each step of an incoming document that asks someone to act tells them
through the bell, never the person who acted, in the step's transaction."""

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from eoffice.conftest import incoming_data
from eoffice.incoming.handling.assignments import (
    assignment_accept,
    assignment_complete,
    assignment_reassign,
    assignment_send_back,
)
from eoffice.incoming.handling.services import incoming_direct, incoming_return, incoming_submit
from eoffice.incoming.models import AssignmentKind
from eoffice.incoming.receiving.services import incoming_register
from eoffice.notifications.models import Notification

pytestmark = pytest.mark.django_db


def told(kind):
    return {(n.recipient.username, n.title) for n in Notification.objects.filter(kind=f"incoming.{kind}")}


def submitted(cast):
    document = incoming_register(actor=cast.actor(cast.clerk), data=incoming_data())
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    return document


def test_submitting_tells_the_leader_with_a_link_to_the_document(cast):
    document = submitted(cast)
    [notice] = Notification.objects.all()
    assert notice.recipient == cast.leader and notice.kind == "incoming.submitted"
    assert notice.title == f"Văn bản đến số {document.arrival_number} chờ đồng chí cho ý kiến chỉ đạo"
    assert notice.url == f"/van-ban-den/{document.pk}/"
    assert notice.object_type == "incoming.incomingdocument" and notice.object_id == str(document.pk)
    assert "Sở Xây dựng" in notice.body


def test_returning_tells_the_clerk_who_submitted(cast):
    document = submitted(cast)
    incoming_return(actor=cast.actor(cast.leader), document=document, reason="Không thuộc thẩm quyền")
    assert told("returned") == {("vanthu", f"Văn bản đến số {document.arrival_number} được lãnh đạo trả lại văn thư")}


def test_directing_tells_each_units_heads_and_the_people_informed_in_one_insert(cast):
    document = submitted(cast)
    n = document.arrival_number
    with CaptureQueriesContext(connection) as queries:
        incoming_direct(
            actor=cast.actor(cast.leader),
            document=document,
            opinion="Giao Phòng Tổng hợp",
            lead_unit=cast.tonghop,
            coordinating_units=[cast.kinhte],
            inform_users=[cast.kt_specialist, cast.leader],
        )
    inserts = [q for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "notifications_notification"')]
    assert len(inserts) == 1
    assert told("assigned") == {
        ("truongphong", f"Văn bản đến số {n}: đơn vị đồng chí được giao chủ trì xử lý"),
        ("truongkt", f"Văn bản đến số {n}: đơn vị đồng chí được giao phối hợp xử lý"),
        ("chuyenvienkt", f"Văn bản đến số {n} gửi đồng chí để biết"),
    }  # not the leader who directed, though informed by name


def test_the_specialist_the_head_and_the_directing_leader_are_told_in_turn(cast, settings):
    settings.EOFFICE_INCOMING_HEAD_ACCEPTS = True
    document = submitted(cast)
    n = document.arrival_number
    incoming_direct(actor=cast.actor(cast.leader), document=document, opinion="Giao", lead_unit=cast.tonghop)
    lead = document.assignments.get(kind=AssignmentKind.LEAD)
    task = assignment_reassign(actor=cast.actor(cast.head), assignment=lead, user=cast.specialist, deadline_days=Decimal(2))
    assert ("chuyenvien", f"Văn bản đến số {n}: đồng chí được giao xử lý") in told("assigned")
    assignment_complete(actor=cast.actor(cast.specialist), assignment=task, proposal="Đề xuất trả lời")
    assert told("reported") == {("truongphong", f"Văn bản đến số {n}: kết quả xử lý chờ đồng chí chấp nhận")}
    lead.refresh_from_db()
    assignment_send_back(actor=cast.actor(cast.head), assignment=lead, reason="Bổ sung số liệu")
    assert told("sent_back") == {("chuyenvien", f"Văn bản đến số {n}: kết quả bị trả lại, đề nghị đồng chí xử lý tiếp")}
    task.refresh_from_db()
    assignment_complete(actor=cast.actor(cast.specialist), assignment=task, proposal="Đã bổ sung")
    lead.refresh_from_db()
    assignment_accept(actor=cast.actor(cast.head), assignment=lead)
    assert told("result") == {("chanhvp", f"Văn bản đến số {n} đã giải quyết xong, kết quả chờ đồng chí xem")}


def test_a_step_that_fails_tells_nobody(cast):
    document = submitted(cast)
    Notification.objects.all().delete()
    with pytest.raises(RuntimeError), transaction.atomic():
        incoming_direct(actor=cast.actor(cast.leader), document=document, opinion="Giao", lead_unit=cast.tonghop)
        raise RuntimeError("after the step, in its transaction")
    assert not Notification.objects.exists()
