"""A working office for the home page, built through the real services: the
test cast (eoffice/conftest.py) with a format checker and the one-stop counter
(onestop/tests/factories.py), and in it incoming documents in every place of
their way, drafts at every step and dossiers at every step; the other agency
(Sở Xây dựng) has its own of each, which must never show here."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from eoffice.conftest import incoming_data, person
from eoffice.incoming.handling.assignments import assignment_complete, assignment_reassign
from eoffice.incoming.handling.services import incoming_direct, incoming_return, incoming_submit
from eoffice.incoming.models import Assignment
from eoffice.incoming.receiving.services import incoming_register
from eoffice.onestop.models import Dossier
from eoffice.onestop.tests.factories import make_onestop, receive
from eoffice.onestop.tests.test_action_views import at_kinhte
from eoffice.operations.tests.meeting_fixtures import meet  # noqa: F401  # a fixture of the meetings tests
from eoffice.operations.tests.schedule_fixtures import sched  # noqa: F401  # a fixture of the week tests
from eoffice.organisation.models import Role, Unit
from eoffice.outgoing.drafting.services import outgoing_create
from eoffice.outgoing.review.services import outgoing_approve, outgoing_submit
from eoffice.outgoing.tests.conftest import draft_data

_numbers = iter(range(1, 1_000_000))


def register(c, *, agency_clerk=None, **overrides):
    clerk = agency_clerk or c.clerk
    return incoming_register(actor=c.actor(clerk), data=incoming_data(code_number=str(next(_numbers)), **overrides))


def submitted(c, **overrides):
    """A document waiting for the leader's direction."""
    document = register(c, **overrides)
    incoming_submit(actor=c.actor(c.clerk), document=document, leader=c.leader)
    return document


def directed(c, unit, *, days=5, coordinating=(), **overrides):
    """A document directed to `unit` (chủ trì) with a deadline of `days` working days."""
    document = submitted(c, **overrides)
    incoming_direct(
        actor=c.actor(c.leader),
        document=document,
        opinion="Giao xử lý.",
        lead_unit=unit,
        coordinating_units=coordinating,
        deadline_days=Decimal(days),
    )
    return document


def unit_task(document, unit):
    return Assignment.objects.get(document=document, unit=unit, user__isnull=True, parent__isnull=True)


def make_late(document, days=3):
    """Every open task of the document past its deadline by `days` calendar days."""
    Assignment.objects.filter(document=document, is_open=True, deadline__isnull=False).update(
        deadline=timezone.localdate() - timedelta(days=days)
    )


def drafted(c, drafter, *, to=None):
    """A draft by `drafter`, taken through the chain up to the step of `to`
    ("head": content, "checker": format, "leader": signature; None: not submitted)."""
    document = outgoing_create(actor=c.actor(drafter), data=draft_data(), signer=c.leader)
    if to is None:
        return document
    outgoing_submit(actor=c.actor(drafter), document=document)
    if to in ("checker", "leader"):
        outgoing_approve(actor=c.actor(c.head), document=document)
    if to == "leader":
        outgoing_approve(actor=c.actor(c.checker), document=document)
    return document


@pytest.fixture
def office(cast):
    """The cast at work (see the module's docstring). `c.expected` holds what the
    leader panels must show."""
    c = make_onestop(cast)
    c.checker = person("kiemtra", c.office, Role.FORMAT_CHECKER, position="Kiểm tra thể thức")
    c.hanhchinh = Unit.objects.create(agency=c.office, name="Phòng Hành chính", abbreviation="HC")
    # Incoming: the registry's queue (2 registered, 1 returned), 2 for the leader to direct.
    register(c), register(c)
    incoming_return(actor=c.actor(c.leader), document=submitted(c), reason="Trình nhầm người.")
    submitted(c), submitted(c, priority=2)
    # Phòng Tổng hợp: 3 documents, one late; one handed to the specialist.
    th = [directed(c, c.tonghop, days=d) for d in (3, 5, 10)]
    make_late(th[0])
    assignment_reassign(actor=c.actor(c.head), assignment=unit_task(th[1], c.tonghop), user=c.specialist)
    c.handed_down = th[1]
    # Phòng Kinh tế: 2 late documents, one with Phòng Tổng hợp coordinating.
    kt = [directed(c, c.kinhte, days=2, coordinating=[c.tonghop]), directed(c, c.kinhte, days=4)]
    for document in kt:
        make_late(document, days=5)
    # Completed: Phòng Tổng hợp one on time and one late (its part of kt[0]), Phòng Kinh tế one on time.
    assignment_complete(actor=c.actor(c.head), assignment=unit_task(th[2], c.tonghop), proposal="Đã xong.")
    coordinate = Assignment.objects.get(document=kt[0], unit=c.tonghop)
    assignment_complete(actor=c.actor(c.head), assignment=coordinate, proposal="Đã phối hợp.")
    kt_done = directed(c, c.kinhte, days=4)
    assignment_complete(actor=c.actor(c.kt_head), assignment=unit_task(kt_done, c.kinhte), proposal="Đã xong.")
    # Outgoing: the specialist's own draft, one at the head's step, one at the checker's, two at the leader's.
    drafted(c, c.specialist), drafted(c, c.specialist, to="head"), drafted(c, c.specialist, to="checker")
    drafted(c, c.specialist, to="leader"), drafted(c, c.specialist, to="leader")
    # One-stop: two received at the counter, two at Phòng Kinh tế's step, one of them late.
    receive(c), receive(c)
    late_dossier = at_kinhte(c)
    at_kinhte(c)
    Dossier.objects.filter(pk=late_dossier.pk).update(due_at=timezone.now() - timedelta(days=2))
    other_agency(c)
    return c


OUTSIDE = "Văn bản của Sở Xây dựng, không của Văn phòng"


def other_agency(c):
    """Sở Xây dựng: its registry's queue, a late document and one completed on time."""
    unit = Unit.objects.create(agency=c.other, name="Phòng Quản lý xây dựng", abbreviation="QLXD")
    leader = person("giamdocsxd", c.other, Role.LEADER, position="Giám đốc")
    head = person("truongqlxd", c.other, Role.UNIT_HEAD, unit, "Trưởng phòng")
    clerk, boss = c.actor(c.outsider, c.other), c.actor(leader, c.other)
    register(c, agency_clerk=c.outsider, subject=OUTSIDE)
    for late in (True, False):
        document = register(c, agency_clerk=c.outsider, subject=OUTSIDE)
        incoming_submit(actor=clerk, document=document, leader=leader)
        incoming_direct(actor=boss, document=document, opinion="Giao.", lead_unit=unit, deadline_days=Decimal(3))
        if late:
            make_late(document)
        else:
            assignment_complete(actor=c.actor(head, c.other), assignment=unit_task(document, unit), proposal="Xong.")


@pytest.fixture
def no_deferred_reads(monkeypatch):
    """Fail on any read of a column a query deferred (.only()): one query per item."""
    from django.db.models import Model

    def deferred(instance, *args, **kwargs):
        raise AssertionError(f"a deferred column of {instance!r} was read: {kwargs.get('fields')}")

    monkeypatch.setattr(Model, "refresh_from_db", deferred)
