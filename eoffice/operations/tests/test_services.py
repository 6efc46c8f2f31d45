"""Each step of a task, and each bad input the issue names."""

from datetime import timedelta

import pytest

from eoffice.audit.models import AuditEvent
from eoffice.conftest import make_pdf
from eoffice.core.errors import InvalidState, NotAllowed, ValidationFailed
from eoffice.notifications.models import Notification
from eoffice.operations.models import ExtensionStatus, Recurrence, Task, TaskDeadlineChange, TaskStatus
from eoffice.operations.tasking import services as sv
from eoffice.operations.tests.conftest import later

pytestmark = pytest.mark.django_db


def notified(user, kind):
    return Notification.objects.filter(recipient=user, kind=f"operations.{kind}").count()


def test_create_notifies_the_lead_unit_heads_and_coordinating_heads(crew):
    task = crew.task(coordinating_units=[crew.kinhte], content="Nội dung", product="Báo cáo")
    assert task.status == TaskStatus.ASSIGNED
    assert task.original_deadline == task.deadline
    assert notified(crew.head, "task_assigned") == 1
    assert notified(crew.kt_head, "task_assigned") == 1
    assert notified(crew.leader, "task_assigned") == 0  # not told of their own step
    assert task.trace.get().action == "create"
    assert AuditEvent.objects.filter(action="operations.task.create", object_id=str(task.pk)).exists()


def test_clerk_creates_on_a_leaders_behalf_and_a_specialist_cannot(crew):
    task = crew.task(actor=crew.actor(crew.clerk), assigner=crew.leader)
    assert task.assigner == crew.leader and task.created_by == crew.clerk
    with pytest.raises(NotAllowed):
        crew.task(actor=crew.actor(crew.specialist))
    with pytest.raises(ValidationFailed, match="lãnh đạo cơ quan"):
        crew.task(actor=crew.actor(crew.clerk), assigner=crew.head)


def test_deadline_before_today_is_refused_and_nothing_saved(crew):
    with pytest.raises(ValidationFailed, match="đã qua") as error:
        crew.task(deadline=crew.today - timedelta(days=1))
    assert "deadline" in error.value.fields
    assert not Task.objects.exists()
    assert not Notification.objects.exists()


def test_one_way_of_setting_the_deadline(crew):
    with pytest.raises(ValidationFailed, match="đúng một cách"):
        crew.task(deadline=later(3), working_days=3)
    ongoing = crew.task(ongoing=True)
    assert ongoing.deadline is None
    with pytest.raises(ValidationFailed, match="kỳ đầu tiên"):
        crew.task(ongoing=True, recurrence=Recurrence.MONTHLY)


def test_lead_and_coordinating_units_must_be_sound(crew):
    with pytest.raises(ValidationFailed, match="chủ trì"):
        crew.task(lead_unit=None)
    with pytest.raises(ValidationFailed, match="đồng thời"):
        crew.task(coordinating_units=[crew.tonghop])
    foreign = crew.other.units.create(name="Phòng Quản lý", abbreviation="QL")
    with pytest.raises(ValidationFailed):
        crew.task(lead_unit=foreign)


def test_the_whole_story(crew):
    task = crew.task()
    head, leader = crew.actor(crew.head), crew.actor(crew.leader)
    sv.task_start(actor=head, task=task)
    report = sv.task_report_progress(
        actor=crew.actor(crew.specialist), task=task, percent=40, note="Đã thu thập số liệu", files=[make_pdf()]
    )
    assert report.files.get().filename == "van-ban.pdf"
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.IN_PROGRESS, 40)

    first = task.deadline
    sv.task_request_extension(actor=head, task=task, deadline=first + timedelta(days=10), reason="Chờ số liệu của Sở")
    assert notified(crew.leader, "task_extension_requested") == 1
    sv.task_grant_extension(actor=leader, task=task, deadline=first + timedelta(days=7), note="Gia hạn 7 ngày")
    task.refresh_from_db()
    assert task.deadline == first + timedelta(days=7) and task.original_deadline == first
    change = TaskDeadlineChange.objects.get(task=task)
    assert (change.old_deadline, change.new_deadline) == (first, first + timedelta(days=7))
    assert task.extensions.get().status == ExtensionStatus.GRANTED
    assert notified(crew.head, "task_extension_decided") == 1

    sv.task_complete(actor=head, task=task, note="Đã gửi báo cáo", files=[make_pdf("bao-cao.pdf")])
    task.refresh_from_db()
    assert (task.status, task.completed_on, task.late_completion) == (TaskStatus.COMPLETED, crew.today, False)
    assert notified(crew.leader, "task_completed") == 1
    sv.task_accept(actor=leader, task=task)
    task.refresh_from_db()
    assert task.status == TaskStatus.ACCEPTED
    assert notified(crew.head, "task_accepted") == 1
    actions = list(task.trace.values_list("action", flat=True))
    assert actions == ["create", "start", "progress", "extension_request", "extension_grant", "complete", "accept"]


def test_return_sends_the_task_back_with_the_reason(crew):
    task = crew.task()
    sv.task_complete(actor=crew.actor(crew.head), task=task, note="Xong")
    sv.task_return(actor=crew.actor(crew.deputy), task=task, reason="Thiếu số liệu quý III")  # any leader judges
    task.refresh_from_db()
    assert (task.status, task.return_reason, task.completed_on) == (TaskStatus.IN_PROGRESS, "Thiếu số liệu quý III", None)
    assert notified(crew.head, "task_returned") == 1
    with pytest.raises(ValidationFailed, match="kết quả"):
        sv.task_complete(actor=crew.actor(crew.head), task=task, note="  ")
    sv.task_complete(actor=crew.actor(crew.head), task=task, note="Đã bổ sung")
    with pytest.raises(ValidationFailed, match="lý do"):
        sv.task_return(actor=crew.actor(crew.leader), task=task, reason=" ")


def test_accepting_a_task_not_completed_is_refused(crew):
    task = crew.task()
    with pytest.raises(InvalidState, match="đã báo cáo hoàn thành"):
        sv.task_accept(actor=crew.actor(crew.leader), task=task)


def test_extension_on_a_completed_task_is_refused(crew):
    task = crew.task()
    sv.task_complete(actor=crew.actor(crew.head), task=task, note="Xong")
    with pytest.raises(InvalidState, match="đã hoàn thành"):
        sv.task_request_extension(actor=crew.actor(crew.head), task=task, deadline=later(60), reason="Thêm thời gian")


def test_extension_bad_input(crew):
    task, head = crew.task(), crew.actor(crew.head)
    with pytest.raises(ValidationFailed, match="sau hạn hiện tại"):
        sv.task_request_extension(actor=head, task=task, deadline=task.deadline, reason="x")
    with pytest.raises(NotAllowed):
        sv.task_request_extension(actor=crew.actor(crew.specialist), task=task, deadline=later(60), reason="x")
    sv.task_request_extension(actor=head, task=task, deadline=later(60), reason="Chờ ý kiến")
    with pytest.raises(InvalidState, match="đang chờ"):
        sv.task_request_extension(actor=head, task=task, deadline=later(61), reason="Lần hai")
    with pytest.raises(NotAllowed):
        sv.task_grant_extension(actor=head, task=task)
    with pytest.raises(ValidationFailed, match="đã qua"):
        sv.task_grant_extension(actor=crew.actor(crew.leader), task=task, deadline=crew.today - timedelta(days=1))
    sv.task_refuse_extension(actor=crew.actor(crew.leader), task=task, reason="Đủ thời gian")
    task.refresh_from_db()
    assert task.deadline == task.original_deadline
    assert task.extensions.get().status == ExtensionStatus.REFUSED


def test_who_may_act(crew):
    task = crew.task()
    with pytest.raises(NotAllowed):
        sv.task_start(actor=crew.actor(crew.kt_head), task=task)
    with pytest.raises(NotAllowed):
        sv.task_report_progress(actor=crew.actor(crew.kt_specialist), task=task, percent=10, note="x")
    with pytest.raises(NotAllowed):
        sv.task_cancel(actor=crew.actor(crew.deputy), task=task, reason="Không cần nữa")  # only the assigner
    with pytest.raises(ValidationFailed):
        sv.task_report_progress(actor=crew.actor(crew.head), task=task, percent=100, note="x")


def test_cancel_by_the_assigner(crew):
    task = crew.task()
    sv.task_cancel(actor=crew.actor(crew.leader), task=task, reason="Không còn phù hợp")
    task.refresh_from_db()
    assert task.status == TaskStatus.CANCELLED
    with pytest.raises(InvalidState):
        sv.task_start(actor=crew.actor(crew.head), task=task)


def test_a_recurring_task_accepted_gets_its_next_period(crew):
    task = crew.task(recurrence=Recurrence.MONTHLY, deadline=later(5))
    sv.task_complete(actor=crew.actor(crew.head), task=task, note="Báo cáo tháng")
    accepted = sv.task_accept(actor=crew.actor(crew.leader), task=task)
    following = accepted.created_next
    assert following.previous_id == task.pk and following.status == TaskStatus.ASSIGNED
    assert following.recurrence == Recurrence.MONTHLY
    assert 28 <= (following.deadline - task.deadline).days <= 36  # next month, moved to a working day
    assert notified(crew.head, "task_assigned") == 2


def test_a_person_may_lead(crew):
    task = crew.task(lead_unit=None, lead_person=crew.kt_specialist)
    sv.task_start(actor=crew.actor(crew.kt_specialist), task=task)
    assert Notification.objects.filter(recipient=crew.kt_specialist).count() == 1
