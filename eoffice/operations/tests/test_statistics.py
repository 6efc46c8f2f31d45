"""The Sổ theo dõi nhiệm vụ's figures from a known set, its XLSX, and the home page's selectors."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from eoffice.operations.models import Task
from eoffice.operations.tasking import services as sv
from eoffice.operations.tasking.exports import task_book_xlsx
from eoffice.operations.tasking.selectors import late_by_unit, statistics, tasks_waiting_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(crew):
    """Phòng Tổng hợp: 1 on time, 1 late, 1 within deadline, 2 overdue (one by 40 days), 1 ongoing, 1 cancelled;
    Phòng Kinh tế: 1 overdue, confidential."""
    head = crew.actor(crew.head)
    on_time, late, within, overdue, aged, ongoing, cancelled = (crew.task(title=f"Việc {i}") for i in range(7))
    sv.task_complete(actor=head, task=on_time, note="Xong")
    sv.task_complete(actor=head, task=late, note="Xong muộn")
    Task.objects.filter(pk=late.pk).update(deadline=crew.today - timedelta(days=3))
    Task.objects.filter(pk=overdue.pk).update(deadline=crew.today - timedelta(days=2))
    Task.objects.filter(pk=aged.pk).update(deadline=crew.today - timedelta(days=40))
    Task.objects.filter(pk=ongoing.pk).update(deadline=None)
    sv.task_cancel(actor=crew.actor(crew.leader), task=cancelled, reason="Thôi")
    secret = crew.task(lead_unit=crew.kinhte, confidential=True, title="Việc mật")
    Task.objects.filter(pk=secret.pk).update(deadline=crew.today - timedelta(days=1))
    return crew


def test_figures_per_unit(known):
    lines, total = statistics(known.office)
    by_unit = {line.unit: line for line in lines}
    th, kt = by_unit["Phòng Tổng hợp"], by_unit["Phòng Kinh tế"]
    assert (th.assigned, th.on_time, th.late, th.within_deadline, th.overdue, th.overdue_aged) == (7, 1, 1, 1, 2, 1)
    assert (th.ongoing, th.cancelled) == (1, 1)
    assert th.on_time_rate == 25.0  # 1 on time of 1 + 1 late + 2 overdue
    assert (kt.assigned, kt.overdue, kt.on_time_rate) == (1, 1, 0.0)
    assert (total.assigned, total.overdue, total.on_time) == (8, 3, 1)


def test_the_period_filters_by_the_assignment_date(known):
    Task.objects.filter(title="Việc 0").update(assigned_on=known.today - timedelta(days=400))
    _, total = statistics(known.office, date_from=known.today - timedelta(days=10))
    assert total.assigned == 7 and total.on_time == 0


def test_xlsx_counts_and_hides_confidential_titles(known):
    lines, total = statistics(known.office)
    book = load_workbook(BytesIO(task_book_xlsx(known.office, lines, total, None, None)))
    cells = list(book.active.iter_rows(values_only=True))
    assert cells[0][0].startswith("SỔ THEO DÕI NHIỆM VỤ")
    th = next(row for row in cells if row[0] == "Phòng Tổng hợp")
    assert list(th[1:10]) == [7, 1, 1, 1, 2, 1, 1, 1, 25.0]
    titles = [row[0] for row in cells]
    assert "(Nhiệm vụ mật)" in titles and "Việc mật" not in titles


def test_late_by_unit_in_one_query(known):
    with CaptureQueriesContext(connection) as queries:
        rows = late_by_unit(known.office)
    assert len(queries) == 1
    assert rows[0]["unit"] == "Phòng Tổng hợp" and rows[0]["count"] == 2
    assert {row["unit"]: row["count"] for row in rows} == {"Phòng Tổng hợp": 2, "Phòng Kinh tế": 1}


def test_waiting_for_counts_in_two_queries(known):
    head, leader = known.actor(known.head), known.actor(known.leader)
    with CaptureQueriesContext(connection) as queries:
        head_count = tasks_waiting_for(head).count()
        leader_count = tasks_waiting_for(leader).count()
    assert len(queries) == 4  # each: the pending extension requests' ids, then the count, whatever the number
    assert head_count == 4  # within, overdue, aged, ongoing (open, led by the unit)
    assert leader_count == 2  # two completed, waiting for acceptance
