"""The inbox: the head's own items and the unit's items read as one sorted list."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.paginator import Paginator

from eoffice.conftest import incoming_data
from eoffice.incoming.handling.assignments import assignment_complete
from eoffice.incoming.handling.services import incoming_direct, incoming_submit
from eoffice.incoming.models import Assignment
from eoffice.incoming.receiving.services import incoming_register
from eoffice.incoming.selectors import inbox_assignments, inbox_counts
from eoffice.organisation.selectors import today

pytestmark = pytest.mark.django_db


def direct(cast, n, priority, days, inform_head=False):
    document = incoming_register(actor=cast.actor(cast.clerk), data=incoming_data(code_number=str(n), priority=priority))
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    incoming_direct(
        actor=cast.actor(cast.leader),
        document=document,
        opinion="x",
        lead_unit=cast.kinhte if inform_head else cast.tonghop,
        inform_users=[cast.head] if inform_head else [],
        deadline_days=Decimal(days),
    )


@pytest.fixture
def mixed(cast):
    """The head of TH gets unit tasks (lead) and personal ones (for information)."""
    for n, (priority, days, personal) in enumerate(
        [(0, 5, False), (2, 9, False), (0, 1, True), (3, 4, True), (0, 2, False), (1, 7, True), (0, 3, False)]
    ):
        direct(cast, n, priority, days, inform_head=personal)
    return cast.actor(cast.head)


def expected_order(actor):
    """Urgent first, then by deadline; items without a deadline last on every engine, then by id."""
    rows = list(Assignment.objects.filter(is_open=True, user=actor.user)) + list(
        Assignment.objects.filter(is_open=True, unit_id__in=actor.head_unit_ids, user__isnull=True)
    )
    return sorted(rows, key=lambda a: (-a.priority, a.deadline is None, a.deadline or today(), a.pk))


def test_personal_and_unit_items_are_merged_most_urgent_first(mixed):
    items = list(inbox_assignments(mixed, "waiting"))
    assert len(items) == 7
    assert [a.pk for a in items] == [a.pk for a in expected_order(mixed)]


def test_pages_join_up_to_the_whole_list(mixed):
    inbox = inbox_assignments(mixed, "waiting")
    paginator = Paginator(inbox, 3)
    pages = [a.pk for n in paginator.page_range for a in paginator.page(n)]
    assert paginator.count == 7 and pages == [a.pk for a in inbox]


def test_counts_add_up_both_branches(mixed):
    counts = inbox_counts(mixed)
    assert counts["waiting"] == 7
    Assignment.objects.filter(user=mixed.user).update(deadline=today() - timedelta(days=3))
    Assignment.objects.filter(unit=mixed.user.memberships.get().unit, user__isnull=True).update(
        deadline=today() - timedelta(days=3)
    )
    counts = inbox_counts(mixed)
    # Items for information are never overdue; the unit's lead tasks are.
    assert counts["overdue"] == 4
    assert len(list(inbox_assignments(mixed, "overdue"))) == 4


def test_the_done_tab_is_newest_first(cast, mixed):
    for assignment in Assignment.objects.filter(user=cast.head):
        assignment_complete(actor=mixed, assignment=assignment, proposal="")
    done = list(inbox_assignments(mixed, "done"))
    assert len(done) == 3
    assert [a.completed_at for a in done] == sorted((a.completed_at for a in done), reverse=True)


def test_an_overdue_item_comes_before_one_for_information_on_every_engine(cast):
    """A leader's inbox: what waits for their direction past its deadline comes first;
    items to read only (no deadline) come after every item with one."""
    direct(cast, 1, 0, 1, inform_head=True)  # the head: informed, no deadline of their own
    direct(cast, 2, 0, 1)  # the head's unit leads, due in one working day
    Assignment.objects.filter(deadline__isnull=False).update(deadline=today() - timedelta(days=10))  # now overdue
    items = list(inbox_assignments(cast.actor(cast.head), "waiting"))
    assert [a.deadline is None for a in items] == [False, True]
    assert items[0].deadline < today()
    page = Paginator(inbox_assignments(cast.actor(cast.head), "waiting"), 1).get_page(2)
    assert page.object_list[0].deadline is None


def test_a_person_of_two_agencies_finds_each_agencys_items_in_its_own_inbox(cast):
    """The personal branch is scoped by the assignment's own agency (copied from
    its document when saved), not by a join to the documents."""
    from eoffice.organisation.models import Membership, Role

    Membership.objects.create(user=cast.leader, agency=cast.other, role=Role.LEADER, position="Giám đốc")
    data = incoming_data(code_number="77")
    elsewhere = incoming_register(actor=cast.actor(cast.outsider), data=data)
    incoming_submit(actor=cast.actor(cast.outsider), document=elsewhere, leader=cast.leader)
    direct(cast, 1, 0, 5)  # the office's own, directed: nothing left for the leader there
    here = incoming_register(actor=cast.actor(cast.clerk), data=incoming_data(code_number="78"))
    incoming_submit(actor=cast.actor(cast.clerk), document=here, leader=cast.leader)
    assert {a.agency_id for a in Assignment.objects.filter(document=elsewhere)} == {cast.other.pk}
    for agency, document in ((cast.office, here), (cast.other, elsewhere)):
        actor = cast.actor(cast.leader, agency)
        assert [a.document_id for a in inbox_assignments(actor, "waiting")] == [document.pk]
        assert inbox_counts(actor)["waiting"] == 1
