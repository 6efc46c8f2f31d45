"""Who sees a task: its unit, the agency's leaders, never another agency; a
confidential task only its assigner, lead and those granted."""

import pytest
from django.http import Http404

from eoffice.operations.access import get_task_for_user
from eoffice.operations.models import Task
from eoffice.operations.tasking.selectors import tab_queryset, tasks_waiting_for
from eoffice.operations.tests.conftest import later

pytestmark = pytest.mark.django_db


def visible(crew, user, agency=None):
    return set(Task.objects.visible_to(crew.actor(user, agency)).values_list("pk", flat=True))


def test_a_unit_sees_its_own_and_what_it_coordinates(crew):
    own = crew.task()
    helped = crew.task(lead_unit=crew.kinhte, coordinating_units=[crew.tonghop])
    elsewhere = crew.task(lead_unit=crew.kinhte)
    assert visible(crew, crew.specialist) == {own.pk, helped.pk}
    assert visible(crew, crew.leader) == {own.pk, helped.pk, elsewhere.pk}
    assert visible(crew, crew.clerk) == {own.pk, helped.pk, elsewhere.pk}
    with pytest.raises(Http404):
        get_task_for_user(crew.actor(crew.specialist), elsewhere.pk)


def test_another_agency_never(crew):
    task = crew.task()
    assert visible(crew, crew.other_leader, crew.other) == set()
    with pytest.raises(Http404):
        get_task_for_user(crew.actor(crew.other_leader, crew.other), task.pk)


def test_a_confidential_task(crew):
    secret = crew.task(confidential=True, coordinating_units=[crew.kinhte])
    assert secret.pk in visible(crew, crew.leader)  # the assigner
    assert secret.pk in visible(crew, crew.head)  # the lead unit's head
    assert secret.pk not in visible(crew, crew.specialist)
    assert secret.pk not in visible(crew, crew.kt_head)  # coordinating: not without a grant
    assert secret.pk not in visible(crew, crew.deputy)  # another leader
    assert secret.pk not in visible(crew, crew.clerk)
    secret.grants.create(user=crew.deputy, granted_by=crew.leader)
    assert secret.pk in visible(crew, crew.deputy)


def test_confidential_typed_by_the_clerk_stays_visible_to_the_clerk(crew):
    secret = crew.task(actor=crew.actor(crew.clerk), assigner=crew.leader, confidential=True)
    assert secret.pk in visible(crew, crew.clerk)


def test_waiting_for(crew):
    task = crew.task()
    assert list(tasks_waiting_for(crew.actor(crew.head))) == [task]
    assert not tasks_waiting_for(crew.actor(crew.leader)).exists()
    assert not tasks_waiting_for(crew.actor(crew.specialist)).exists()  # the head answers for the unit
    assert list(tab_queryset(crew.actor(crew.specialist), "lead")) == [task]
    assert list(tab_queryset(crew.actor(crew.leader), "mine")) == [task]


def test_an_extension_request_waits_for_the_assigner_only(crew):
    from eoffice.operations.tasking.services import task_grant_extension, task_request_extension

    task, other = crew.task(), crew.task(actor=crew.actor(crew.deputy))
    task_request_extension(actor=crew.actor(crew.head), task=task, deadline=later(60), reason="Chờ số liệu quý IV")
    task_request_extension(actor=crew.actor(crew.head), task=other, deadline=later(60), reason="Chờ số liệu quý IV")
    assert list(tasks_waiting_for(crew.actor(crew.leader))) == [task]
    assert list(tasks_waiting_for(crew.actor(crew.deputy))) == [other]
    task_grant_extension(actor=crew.actor(crew.leader), task=task)
    assert not tasks_waiting_for(crew.actor(crew.leader)).exists()


def test_one_row_per_task_whatever_its_grants_and_coordinating_units(crew):
    """Visibility tests grants and coordination with EXISTS: no duplicates to count."""
    secret = crew.task(confidential=True, coordinating_units=[crew.kinhte])
    secret.grants.create(user=crew.deputy, granted_by=crew.leader)
    secret.grants.create(user=crew.specialist, granted_by=crew.leader)
    shared = crew.task(lead_unit=crew.kinhte, coordinating_units=[crew.tonghop])
    assert Task.objects.visible_to(crew.actor(crew.leader)).count() == 2
    assert Task.objects.visible_to(crew.actor(crew.specialist)).count() == 2
    assert list(Task.objects.visible_to(crew.actor(crew.deputy)).order_by("pk")) == [secret, shared]


def test_the_waiting_tab_is_what_waits_for_the_person(crew):
    crew.task(), crew.task(confidential=True), crew.task(lead_unit=crew.kinhte)
    for user in (crew.head, crew.leader, crew.kt_head, crew.specialist):
        actor = crew.actor(user)
        assert set(tab_queryset(actor, "waiting")) == set(tasks_waiting_for(actor))
