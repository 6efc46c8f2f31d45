"""The daily reminder job: each task reminded once per state and deadline."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail

from eoffice.conftest import person
from eoffice.notifications.models import Channel, Notification, Preference
from eoffice.operations.models import Task, TaskReminder
from eoffice.operations.tasking import reminders
from eoffice.operations.tasking import services as sv
from eoffice.operations.tasking.reminders import send_task_reminders
from eoffice.operations.tasks import task_reminders_daily
from eoffice.organisation.models import Role
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


def test_every_head_of_the_lead_unit_or_only_the_lead_person_with_the_title_and_link(crew):
    deputy_head = person("phophong", crew.office, Role.UNIT_HEAD, crew.tonghop, "Phó Trưởng phòng")
    unit_task = crew.task(title="Báo cáo quý", deadline=add_working_days(crew.today, 1))
    own_task = crew.task(title="Tờ trình", lead_unit=None, lead_person=crew.specialist, deadline=unit_task.deadline)
    Notification.objects.all().delete()

    assert send_task_reminders() == {"overdue": 0, "due_soon": 2}
    told = {(n.object_id, n.recipient) for n in Notification.objects.all()}
    assert told == {(str(unit_task.pk), crew.head), (str(unit_task.pk), deputy_head), (str(own_task.pk), crew.specialist)}
    note = Notification.objects.get(recipient=crew.specialist)
    assert note.title == f"Nhiệm vụ sắp đến hạn ({own_task.deadline:%d/%m/%Y}): Tờ trình"
    assert (note.url, note.object_type) == (f"/dieu-hanh/nhiem-vu/{own_task.pk}/", "operations.task")
    assert note.kind == "operations.task_due_soon"
    assert (note.agency, note.body, note.read_at, note.emailed_at) == (crew.office, "", None, None)


def test_overdue_tells_the_assigner_once_when_they_lead_and_the_title_is_cut_at_300(crew):
    title = "Rà soát thủ tục hành chính " * 18  # 486 characters
    task = crew.task(title=title, lead_unit=None, lead_person=crew.leader)
    late = crew.today - timedelta(days=3)
    Task.objects.filter(pk=task.pk).update(deadline=late)
    Notification.objects.all().delete()

    assert send_task_reminders()["overdue"] == 1
    [note] = Notification.objects.all()
    assert note.recipient == crew.leader
    assert note.title == f"Nhiệm vụ quá hạn ({late:%d/%m/%Y}): {title}"[:300] and len(note.title) == 300


def test_a_failure_writes_nothing(crew):
    crew.task(deadline=add_working_days(crew.today, 1))
    Notification.objects.all().delete()
    real = reminders._insert

    def failing(model, *args, **kwargs):
        if model is TaskReminder:
            raise RuntimeError("the database went away")
        return real(model, *args, **kwargs)

    with mock.patch.object(reminders, "_insert", failing), pytest.raises(RuntimeError):
        send_task_reminders()
    assert not Notification.objects.exists() and not TaskReminder.objects.exists()
    assert send_task_reminders()["due_soon"] == 1  # the retry sends it


def test_who_chose_immediate_mail_gets_the_reminder_at_once(crew, django_capture_on_commit_callbacks):
    crew.head.email = "truongphong@example.vn"
    crew.head.save()
    Preference.objects.create(user=crew.head, group="operations", channel=Channel.IMMEDIATE)
    crew.task(title="Báo cáo quý IV", deadline=add_working_days(crew.today, 1))
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        send_task_reminders()
    [message] = mail.outbox
    assert message.to == ["truongphong@example.vn"] and "Báo cáo quý IV" in message.subject
    assert Notification.objects.get(kind="operations.task_due_soon").emailed_at is not None
