from datetime import date, timedelta

import pytest
from django.utils import timezone

from eoffice.conftest import person
from eoffice.operations.tasking.services import task_create
from eoffice.operations.tests.meeting_fixtures import meet  # noqa: F401 - the meetings' fixture
from eoffice.operations.tests.schedule_fixtures import sched  # noqa: F401 - the schedule's fixture
from eoffice.organisation.models import Role
from eoffice.outgoing.tests.conftest import office  # noqa: F401 - the cast with signing keys: meeting documents issued


@pytest.fixture
def crew(cast):
    """The shared cast, plus a second leader and a leader of another agency."""
    cast.deputy = person("phochanh", cast.office, Role.LEADER, position="Phó Chánh Văn phòng")
    cast.other_leader = person("giamdoc", cast.other, Role.LEADER, position="Giám đốc")
    cast.today = timezone.localdate()
    cast.task = lambda **kw: make_task(cast, **kw)
    return cast


def make_task(c, *, actor=None, **overrides):
    values = {"title": "Xây dựng báo cáo tình hình kinh tế - xã hội quý IV", "lead_unit": c.tonghop}
    if not {"deadline", "working_days", "ongoing"} & overrides.keys():
        values["deadline"] = timezone.localdate() + timedelta(days=30)
    values.update(overrides)
    return task_create(actor=actor or c.actor(c.leader), **values)


def later(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)
