"""The index follows the database: a change is indexed after its transaction
commits (a rolled-back one never), who may see a record changes with it, and
search_repair / search_rebuild find and fix drift."""

import pytest
from django.core.management import call_command
from django.db import transaction

from eoffice.conftest import incoming_data
from eoffice.incoming.handling.services import incoming_direct, incoming_submit
from eoffice.incoming.receiving.services import incoming_register
from eoffice.search.backends import get_backend
from eoffice.search.management.commands.search_repair import drift
from eoffice.search.service import search

pytestmark = pytest.mark.django_db(transaction=True)


def keys(actor, text: str) -> list[str]:
    return [hit["key"] for hit in search(actor, text).hits]


def test_a_registered_letter_is_found_by_who_may_see_it_and_follows_its_direction(cast):
    c = cast
    letter = incoming_register(actor=c.actor(c.clerk), data=incoming_data(subject="Về việc thu hồi đất phường Thủy Xuân"))
    key = f"incoming:{letter.pk}"
    assert keys(c.actor(c.clerk), "thu hoi dat phuong thuy xuan") == [key]
    assert keys(c.actor(c.head), "thu hồi đất") == []  # not assigned to his unit yet
    incoming_submit(actor=c.actor(c.clerk), document=letter, leader=c.leader)
    incoming_direct(actor=c.actor(c.leader), document=letter, opinion="TH chủ trì.", lead_unit=c.tonghop)
    assert keys(c.actor(c.head), "thu hồi đất") == [key]
    assert keys(c.actor(c.kt_head), "thu hồi đất") == []
    assert keys(c.actor(c.outsider), "thu hồi đất") == []  # another agency


def test_a_rolled_back_change_is_never_indexed(cast):
    with pytest.raises(RuntimeError), transaction.atomic():
        incoming_register(actor=cast.actor(cast.clerk), data=incoming_data(subject="Về việc chưa từng có"))
        raise RuntimeError("the user's request failed later")
    assert keys(cast.actor(cast.clerk), "chưa từng có") == []
    assert get_backend().fingerprints() == {}


def test_repair_finds_and_fixes_drift_and_rebuild_starts_over(cast):
    c = cast
    one = incoming_register(actor=c.actor(c.clerk), data=incoming_data(code_number="1", subject="Về việc một"))
    two = incoming_register(actor=c.actor(c.clerk), data=incoming_data(code_number="2", subject="Về việc hai"))
    assert drift() == ([], [], [])
    backend = get_backend()
    backend.delete([f"incoming:{one.pk}"])
    type(two).objects.filter(pk=two.pk).update(subject="Về việc hai (sửa ngoài hệ thống)")  # no audit, no re-index
    backend.upsert([])  # nothing
    missing, stale, orphans = drift()
    assert (missing, stale, orphans) == ([("incoming", one.pk)], [("incoming", two.pk)], [])
    call_command("search_repair")
    assert drift() == ([], [], []) and keys(c.actor(c.clerk), "sửa ngoài hệ thống") == [f"incoming:{two.pk}"]
    backend.clear()
    call_command("search_rebuild")
    assert drift() == ([], [], [])
