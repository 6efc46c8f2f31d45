"""The demo's tasks: about 200 of the Office's, in every state the book counts."""

import pytest

from eoffice.operations.models import ExtensionStatus, Recurrence, Task, TaskStatus
from eoffice.operations.tasking.selectors import statistics

pytestmark = pytest.mark.django_db


def test_tasks_in_every_state(demo):
    tasks = Task.objects.filter(agency=demo.office)
    assert tasks.count() >= 200
    assert set(tasks.values_list("status", flat=True)) == set(TaskStatus.values)
    assert tasks.filter(extensions__status=ExtensionStatus.PENDING).exists()
    assert tasks.filter(extensions__status=ExtensionStatus.GRANTED).exists()
    assert tasks.filter(recurrence=Recurrence.MONTHLY, previous__isnull=False).exists()  # a next period, created on acceptance
    assert tasks.filter(incoming__isnull=False).exists() and tasks.filter(confidential=True).exists()
    _, total = statistics(demo.office)
    assert total.on_time and total.late and total.overdue and total.within_deadline and total.ongoing
