"""Việc chờ tôi: every count equals the count of the list it links to, for each
kind of person; nobody sees another's items or another agency's."""

import pytest
from django.test import Client
from django.utils import timezone

from eoffice.home.blocks import waiting_blocks
from eoffice.home.tests.conftest import OUTSIDE
from eoffice.home.tests.lists import mismatches

pytestmark = pytest.mark.django_db


def blocks_of(c, user):
    return {block.key: block for block in waiting_blocks(c.actor(user), timezone.localtime())}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("clerk", {"packages", "registry", "drafts"}),
        ("leader", {"incoming", "drafts", "dossiers"}),
        ("head", {"incoming", "drafts", "dossiers"}),
        ("specialist", {"incoming", "drafts", "dossiers"}),
        ("kt_specialist", {"incoming", "drafts", "dossiers"}),
        ("checker", {"drafts"}),
        ("one_stop", {"dossiers"}),
    ],
)
def test_each_person_sees_the_blocks_of_their_roles_and_counts_equal_the_lists(office, who, expected):
    user = getattr(office, who)
    blocks = blocks_of(office, user)
    assert set(blocks) == expected
    assert mismatches(user, blocks.values()) == []


def test_the_figures_of_a_known_office(office):
    def values(user, key):
        return [t.value for t in blocks_of(office, user)[key].tallies]

    assert values(office.clerk, "registry") == [2, 1]  # registered, returned
    assert values(office.leader, "incoming")[0] == 4  # two documents to direct, two results to read
    assert values(office.leader, "drafts") == [2]  # two drafts to sign
    assert values(office.head, "drafts") == [1] and values(office.checker, "drafts") == [1]
    assert values(office.specialist, "drafts") == [1]  # the draft not yet submitted
    assert values(office.one_stop, "dossiers") == [2, 0, 1]  # to hand over, online to accept, near or past due
    assert values(office.kt_specialist, "dossiers")[0] == 2  # at Phòng Kinh tế's step


def test_a_specialist_sees_only_their_own(office):
    block = blocks_of(office, office.specialist)["incoming"]
    assert block.tallies[0].value == 1  # the task the head handed down, not the unit's others
    assert [item.url for item in block.items] == [f"/van-ban-den/{office.handed_down.pk}/"]
    head = blocks_of(office, office.head)["incoming"]
    assert head.tallies[0].value > block.tallies[0].value


def test_late_and_due_today_come_first_and_are_marked(office):
    items = blocks_of(office, office.head)["incoming"].items
    flags = [item.overdue for item in items]
    assert flags[0] is True and flags == sorted(flags, reverse=True)
    dossiers = blocks_of(office, office.kt_specialist)["dossiers"].items
    assert [item.overdue for item in dossiers] == [True, False]


def test_another_agencys_items_never_appear(office):
    for user in (office.clerk, office.leader, office.head, office.specialist):
        client = Client()
        client.force_login(user)
        assert OUTSIDE not in client.get("/").content.decode()
    outsider = blocks_of(office, office.outsider)
    assert [t.value for t in outsider["registry"].tallies] == [1, 0]  # their own queue, not the Office's
    assert all(item.title == OUTSIDE for item in outsider["registry"].items)


@pytest.mark.parametrize("who", ["leader", "head", "specialist"])
def test_the_first_items_read_only_the_columns_they_show(office, who, no_deferred_reads):
    """The lists read a few columns (blocks.ITEM_COLUMNS and the like): showing an
    item must never load a deferred column (a query per item)."""
    blocks = waiting_blocks(office.actor(getattr(office, who)), timezone.localtime())
    items = [item for block in blocks for item in block.items]
    assert {block.key for block in blocks if block.items} >= {"incoming"} and all(item.title for item in items)


def test_the_registry_sees_its_electronic_arrivals_oldest_first_with_their_due_day(office):
    import io
    from datetime import date, datetime, timedelta

    from eoffice.exchange.models import ReceivedPackage
    from eoffice.exchange.receiving import receive_package
    from eoffice.exchange.tests.documents import a_package
    from eoffice.workdays.services import add_working_days

    def arrive(received_at, **changes):
        (package,) = receive_package(stream=io.BytesIO(a_package(**changes)), transport="directory").packages
        ReceivedPackage.objects.filter(pk=package.pk).update(received_at=received_at)
        package.refresh_from_db()
        return package

    now = timezone.localtime()
    old = arrive(now - timedelta(days=7), code_number="201", subject="Về việc đã đến từ tuần trước")
    urgent = arrive(now - timedelta(minutes=5), code_number="202", priority=2)
    block = blocks_of(office, office.clerk)["packages"]
    assert [t.value for t in block.tallies] == [2] and mismatches(office.clerk, [block]) == []
    assert [i.url for i in block.items] == [f"/van-ban-den/dien-tu/{p.pk}/" for p in (old, urgent)]
    assert block.items[0].number == "201/STC-NS · Sở Tài chính" and block.items[0].overdue
    assert block.items[0].deadline == add_working_days(timezone.localtime(old.received_at).date(), 1)
    assert block.items[1].deadline == now.date() and not block.items[1].overdue  # urgent: due the day it came
    assert isinstance(block.items[1].deadline, date) and not isinstance(block.items[1].deadline, datetime)
    assert "packages" not in blocks_of(office, office.leader)
