"""Tasks and the week on the home page: the head of the lead unit finds the tasks waiting for
them (counts equal to the task list's), the assigner those waiting for a decision,
and the leaders the overdue tasks per unit and the entries they chair this week."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from eoffice.home.blocks import waiting_blocks
from eoffice.home.leaders import late_tasks
from eoffice.home.tests.lists import mismatches
from eoffice.operations.models import Task
from eoffice.operations.schedule import services as schedule
from eoffice.operations.tasking.services import task_complete, task_start
from eoffice.operations.tests.conftest import make_task
from eoffice.operations.tests.schedule_fixtures import publish, values

pytestmark = pytest.mark.django_db


def tasks_block(cast, user):
    return {b.key: b for b in waiting_blocks(cast.actor(user), timezone.localtime())}.get("tasks")


def test_the_lead_units_head_finds_the_tasks_and_the_overdue_ones(cast, no_deferred_reads):
    on_time, late = make_task(cast, title="Báo cáo quý IV"), make_task(cast, title="Đề án chuyển đổi số")
    make_task(cast, title="Việc của Phòng Kinh tế", lead_unit=cast.kinhte)
    Task.objects.filter(pk=late.pk).update(deadline=timezone.localdate() - timedelta(days=3))
    block = tasks_block(cast, cast.head)
    assert [t.value for t in block.tallies] == [2, 1]
    assert [i.title for i in block.items] == ["Đề án chuyển đổi số", "Báo cáo quý IV"]  # the overdue one first
    assert block.items[0].overdue and not block.items[1].overdue
    assert mismatches(cast.head, [block]) == []
    assert on_time.pk != late.pk


def test_the_assigner_finds_a_completed_task_to_accept_and_others_find_nothing(cast):
    task = make_task(cast)
    assert tasks_block(cast, cast.leader) is None
    task_start(actor=cast.actor(cast.head), task=task)
    task_complete(actor=cast.actor(cast.head), task=Task.objects.get(pk=task.pk), note="Đã gửi báo cáo.")
    block = tasks_block(cast, cast.leader)
    assert block.tallies[0].value == 1 and mismatches(cast.leader, [block]) == []
    assert tasks_block(cast, cast.specialist) is None


def test_the_leaders_panel_counts_overdue_tasks_per_lead_unit(cast):
    tasks = [make_task(cast), make_task(cast), make_task(cast, lead_unit=cast.kinhte), make_task(cast)]
    Task.objects.filter(pk__in=[t.pk for t in tasks[:3]]).update(deadline=timezone.localdate() - timedelta(days=1))
    figures = late_tasks(cast.office, timezone.localdate())
    assert [(r["label"], r["value"]) for r in figures["rows"]] == [("Phòng Tổng hợp", 2), ("Phòng Kinh tế", 1)]
    assert figures["total"] == 3
    assert figures["rows"][0]["url"] == f"/dieu-hanh/nhiem-vu/?tab=all&overdue=on&unit={cast.tonghop.pk}"


def test_a_leader_finds_the_entries_they_chair_this_week(cast, sched):
    today = timezone.localdate()
    year, number, _ = today.isocalendar()
    week = schedule.week_create(actor=sched.drafter, year=year, week=number)
    schedule.entry_add(
        actor=sched.drafter,
        week=week,
        values=values(today, leaders=[sched.chairman], room=sched.room, content="Họp Thường trực UBND thành phố"),
    )
    assert "schedule" not in {b.key for b in waiting_blocks(cast.actor(sched.chairman), timezone.localtime())}  # a draft
    publish(SimpleNamespace(drafter=sched.drafter, approver=sched.approver, week=week))
    block = {b.key: b for b in waiting_blocks(cast.actor(sched.chairman), timezone.localtime())}["schedule"]
    assert [(i.title, i.note) for i in block.items] == [("Họp Thường trực UBND thành phố", "Phòng họp số 1")]
    assert block.items[0].number.endswith("· 08:00–10:00") and block.tallies == []
    assert "schedule" not in {b.key for b in waiting_blocks(cast.actor(sched.vice), timezone.localtime())}


def test_the_counts_take_every_waiting_task_not_only_the_five_shown(cast):
    for n in range(7):
        make_task(cast, title=f"Nhiệm vụ {n}")
    Task.objects.filter(title__in=["Nhiệm vụ 0", "Nhiệm vụ 6"]).update(deadline=timezone.localdate() - timedelta(days=1))
    block = tasks_block(cast, cast.head)
    assert [t.value for t in block.tallies] == [7, 2] and len(block.items) == 5
    assert mismatches(cast.head, [block]) == []
