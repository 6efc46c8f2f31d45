"""`manage.py load_demo`, run by `make run` at every start. The demo is loaded
once for this module and rolled back at its end."""

import io
import os
import random
from datetime import date, timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from eoffice.audit.models import AuditEvent
from eoffice.core.choices import Priority
from eoffice.demo.catalog import LOGINS, PEOPLE
from eoffice.demo.plan import plan_documents
from eoffice.demo.services import demo_office
from eoffice.incoming.models import Assignment, AssignmentKind, IncomingDocument, Status, TraceEntry
from eoffice.incoming.selectors import inbox_assignments, registry_queue
from eoffice.organisation.models import Agency, Membership, User
from eoffice.organisation.selectors import build_actor, today
from eoffice.registers.models import Register
from eoffice.workdays.services import add_working_days

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-demo"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        mock.patch.dict(os.environ, {"DEMO_PASSWORD": PASSWORD}),
        transaction.atomic(),
    ):
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        yield SimpleNamespace(office=demo_office(), output=out.getvalue())
        transaction.set_rollback(True)


def actor(username, demo):
    return build_actor(User.objects.get(username=username), demo.office)


def test_it_creates_about_300_documents_in_the_office(demo):
    assert 280 <= IncomingDocument.objects.filter(agency=demo.office).count() <= 320


def test_documents_are_in_every_state_and_urgency(demo):
    documents = IncomingDocument.objects.filter(agency=demo.office)
    assert set(documents.values_list("status", flat=True)) == set(Status.values)
    assert set(documents.values_list("priority", flat=True)) == set(Priority.values)
    assert documents.filter(confidentiality__gt=0).exists()


def test_documents_arrived_between_january_last_year_and_today(demo):
    dates = IncomingDocument.objects.values_list("arrival_date", flat=True)
    assert min(dates) >= date(today().year - 1, 1, 1)
    assert max(dates) <= today()
    assert (max(dates) - min(dates)).days > 300


def test_arrival_numbers_in_every_register_run_from_one_without_gaps(demo):
    for register in Register.objects.all():
        numbers = sorted(register.incoming_documents.values_list("arrival_number", flat=True))
        assert numbers == list(range(1, register.last_number + 1)), register


def test_arrival_numbers_follow_the_arrival_dates(demo):
    for register in Register.objects.all():
        dates = list(register.incoming_documents.order_by("arrival_number").values_list("arrival_date", flat=True))
        assert dates == sorted(dates), register


def test_every_demo_login_authenticates_with_the_demo_password(demo):
    for username in {name for name, _ in LOGINS} | {person.username for person in PEOPLE}:
        assert authenticate(username=username, password=PASSWORD) is not None, username
    assert User.objects.get(username="admin").is_superuser


def test_city_leaders_hold_roles_in_the_office_and_the_peoples_committee(demo):
    agencies = Membership.objects.filter(user__username="pcttub", role="leader").values_list("agency__short_name", flat=True)
    assert sorted(agencies) == ["UBND", "VP"]


def test_running_it_again_changes_nothing(demo):
    def counts():
        return [model.objects.count() for model in (Agency, User, IncomingDocument, Assignment, AuditEvent)]

    before = counts()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == before
    assert "đã có" in out.getvalue()


def test_it_reports_the_counts_and_the_logins(demo):
    assert "Đã xử lý xong" in demo.output
    assert all(username in demo.output for username, _ in LOGINS)


@pytest.mark.parametrize("username", ["truongphong", "chuyenvien"])
@pytest.mark.parametrize("tab", ["waiting", "overdue", "due_soon", "done"])
def test_handlers_find_work_in_every_inbox_tab(demo, username, tab):
    assert inbox_assignments(actor(username, demo), tab).exists()


@pytest.mark.parametrize("username", ["pcttub", "chanhvp"])
def test_leaders_have_documents_waiting_for_direction(demo, username):
    assert Assignment.objects.open().filter(kind=AssignmentKind.REVIEW, user__username=username).exists()


def test_the_unit_head_has_lead_tasks_to_pass_on(demo):
    waiting = Assignment.objects.open().filter(
        kind=AssignmentKind.LEAD, unit__abbreviation="TH", user=None, children=None, document__status=Status.DIRECTED
    )
    assert waiting.exists()


def test_the_registry_has_registered_and_returned_documents_to_submit(demo):
    statuses = set(registry_queue(actor("vanthu", demo)).values_list("status", flat=True))
    assert statuses == {Status.REGISTERED, Status.RETURNED}


def test_every_step_is_dated_from_the_arrival_day_up_to_now(demo):
    now = timezone.now()
    for document in IncomingDocument.objects.prefetch_related("trace"):
        moments = [entry.at for entry in document.trace.all()]
        assert timezone.localtime(moments[0]).date() == document.arrival_date
        assert moments == sorted(moments) and moments[-1] <= now
    assert AuditEvent.objects.filter(action__startswith="incoming.").count() == TraceEntry.objects.count()


def test_deadlines_agree_with_the_working_day_calendar(demo):
    for assignment in Assignment.objects.filter(deadline_days__isnull=False):
        assert add_working_days(assignment.deadline_start, assignment.deadline_days) == assignment.deadline


def test_the_same_seed_tells_the_same_story():
    workdays = [date(2026, 1, 1) + timedelta(days=n) for n in range(60)]
    first, second = (plan_documents(random.Random(7), workdays, count=100, sxd_count=3) for _ in range(2))
    assert [p.data for p in first] == [p.data for p in second]
