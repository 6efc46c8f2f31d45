"""The daily reminder job: each task reminded once per state and deadline."""

from datetime import timedelta

import pytest

from eoffice.notifications.models import Notification
from eoffice.operations.models import Task, TaskReminder
from eoffice.operations.tasking import services as sv
from eoffice.operations.tasking.reminders import send_task_reminders
from eoffice.operations.tasks import task_reminders_daily
from eoffice.workdays.services import add_working_days

pytestmark = pytest.mark.django_db


def test_due_soon_and_overdue_once_each(crew):
    soon = crew.task(title="Sắp đến hạn", deadline=add_working_days(crew.today, 1))
    late = crew.task(title="Quá hạn")
    Task.objects.filter(pk=late.pk).update(deadline=crew.today - timedelta(days=1))
    far = crew.task(title="Còn xa")
    done = crew.task(title="Đã xong", deadline=add_working_days(crew.today, 1))
    sv.task_complete(actor=crew.actor(crew.head), task=done, note="Xong")
    Notification.objects.all().delete()

    assert send_task_reminders() == {"overdue": 1, "due_soon": 1}
    soon_notes = Notification.objects.filter(kind="operations.task_due_soon")
    assert [n.recipient for n in soon_notes] == [crew.head] and soon_notes[0].object_id == str(soon.pk)
    late_notes = Notification.objects.filter(kind="operations.task_overdue")
    assert {n.recipient for n in late_notes} == {crew.head, crew.leader}  # the lead and the assigner
    assert not Notification.objects.filter(object_id=str(far.pk)).exists()

    count = Notification.objects.count()
    assert send_task_reminders() == {"overdue": 0, "due_soon": 0}  # a repeated or retried run
    task_reminders_daily.call_local()
    assert Notification.objects.count() == count


def test_an_extended_deadline_may_be_reminded_again(crew):
    task = crew.task(deadline=add_working_days(crew.today, 1))
    send_task_reminders()
    head = crew.actor(crew.head)
    sv.task_request_extension(actor=head, task=task, deadline=task.deadline + timedelta(days=1), reason="Thêm một ngày")
    sv.task_grant_extension(actor=crew.actor(crew.leader), task=task)
    assert send_task_reminders()["due_soon"] == 1
    assert TaskReminder.objects.filter(task=task).count() == 2


def test_the_job_is_set_based(crew, django_assert_max_num_queries):
    for i in range(30):
        task = crew.task(title=f"Việc {i}", lead_unit=crew.kinhte if i % 2 else crew.tonghop)
        Task.objects.filter(pk=task.pk).update(deadline=crew.today - timedelta(days=1 + i))
    with django_assert_max_num_queries(12):
        assert send_task_reminders()["overdue"] == 30
