"""Who sees which dossier, whose turn it is, and the public look-up."""

import pytest
from django.http import Http404

from eoffice.conftest import person
from eoffice.onestop.access import get_dossier_for_user
from eoffice.onestop.dossiers.selectors import dossiers_visible_to, public_status, waiting_for
from eoffice.onestop.dossiers.services import dossier_hand_over, dossier_return
from eoffice.onestop.models import Status
from eoffice.onestop.tests.factories import at, make_procedure, process_to_result, receive, submit_online
from eoffice.organisation.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossiers(onestop, clock):
    """One dossier of each kind: submitted online, received, with Phòng Kinh tế,
    result ready; and one of a procedure Phòng Kinh tế has no step in."""
    c = onestop
    c.counter_only = make_procedure(
        c.office, c.field, code="2.000010.000.00.00.H26", name="Cấp bản sao", steps=[("Xử lý", c.motcua, 1)], papers=[]
    )
    c.submitted = submit_online(c)
    clock.advance(minutes=1)
    c.received = receive(c)
    clock.advance(minutes=1)
    c.at_kinhte = receive(c)
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=c.at_kinhte)
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=c.at_kinhte)
    c.ready = receive(c, name="Phạm Văn Hùng")
    process_to_result(c, c.ready)
    c.copy = receive(c, procedure=c.counter_only)
    return c


def codes(queryset):
    return {d.code for d in queryset}


def test_the_counter_leaders_and_admins_see_the_whole_agency(dossiers):
    c = dossiers
    everything = {c.submitted.code, c.received.code, c.at_kinhte.code, c.ready.code, c.copy.code}
    admin = person("quantri", c.office, Role.ADMIN)
    for user in (c.one_stop, c.leader, admin):
        assert codes(dossiers_visible_to(c.actor(user))) == everything


def test_a_unit_sees_the_dossiers_with_a_step_of_its_own(dossiers):
    c = dossiers
    # Every dossier of the building permit passes Phòng Kinh tế; the copy does not,
    # and the online submission has no steps until it is accepted.
    expected = {c.received.code, c.at_kinhte.code, c.ready.code}
    assert codes(dossiers_visible_to(c.actor(c.kt_specialist))) == expected
    assert codes(dossiers_visible_to(c.actor(c.outsider))) == set()


def test_waiting_for_lists_the_dossiers_whose_turn_is_theirs(dossiers, clock):
    c = dossiers
    assert codes(waiting_for(c.actor(c.kt_specialist))) == {c.at_kinhte.code}
    assert codes(waiting_for(c.actor(c.specialist))) == set()  # Phòng Tổng hợp: not yet
    # The counter: to accept, to hand over, to return; the one with Phòng Kinh tế is not theirs.
    assert codes(waiting_for(c.actor(c.one_stop))) == {c.submitted.code, c.received.code, c.ready.code, c.copy.code}
    dossier_hand_over(actor=c.actor(c.kt_specialist), dossier=c.at_kinhte)
    assert codes(waiting_for(c.actor(c.kt_specialist))) == set()
    assert codes(waiting_for(c.actor(c.specialist))) == {c.at_kinhte.code}
    dossier_return(actor=c.actor(c.one_stop), dossier=c.ready)
    assert c.ready.code not in codes(waiting_for(c.actor(c.one_stop)))


def test_a_step_of_another_body_waits_for_the_unit_tracking_it(onestop, clock):
    """A department's step (published under the Sở's name) is owned by the unit that tracks it here."""
    c = onestop
    outside = make_procedure(
        c.office,
        c.field,
        code="2.000011.000.00.00.H26",
        name="Thẩm định",
        steps=[("Tiếp nhận", c.motcua, 1), ("Sở thẩm định", c.kinhte, 2)],
        papers=[],
    )
    outside.steps.filter(order=2).update(unit_name="Sở Xây dựng")
    dossier = receive(c, procedure=outside)
    for _ in range(2):
        dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    assert codes(waiting_for(c.actor(c.kt_specialist))) == {dossier.code}
    assert codes(waiting_for(c.actor(c.leader))) == set()


def test_a_dossier_left_at_a_step_of_no_unit_waits_for_the_agencys_leaders(onestop, clock):
    """Handed over before steps needed an owner: only a leader can move it on."""
    c = onestop
    dossier = receive(c)
    for _ in range(2):
        dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    dossier.steps.filter(order=2).update(unit=None)
    assert codes(waiting_for(c.actor(c.leader))) == {dossier.code}
    assert codes(waiting_for(c.actor(c.kt_specialist))) == set()


def test_waiting_for_puts_the_nearest_appointment_first(onestop, clock):
    clock.set(at(3, 3, 9))
    later = receive(onestop)
    clock.set(at(2, 3, 9))
    sooner = receive(onestop)
    online = submit_online(onestop)  # no appointment yet: last
    assert list(waiting_for(onestop.actor(onestop.one_stop))) == [sooner, later, online]


def test_the_access_helper_hides_what_is_not_visible(dossiers):
    c = dossiers
    assert get_dossier_for_user(c.actor(c.kt_specialist), c.at_kinhte.pk) == c.at_kinhte
    for actor, pk in ((c.actor(c.kt_specialist), c.copy.pk), (c.actor(c.outsider), c.received.pk), (c.actor(c.one_stop), "x")):
        with pytest.raises(Http404):
            get_dossier_for_user(actor, pk)


def test_the_public_look_up_needs_the_code_and_the_phones_last_digits(dossiers):
    c = dossiers
    found = public_status(c.at_kinhte.code, "5678")
    assert found["status"] == Status.IN_PROCESS
    assert found["status_label"] == "Đang giải quyết"
    assert found["procedure_name"] == "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"
    assert found["current_step"] == "Thẩm định hồ sơ, dự thảo giấy phép"
    assert (found["received_at"], found["due_at"], found["overdue"]) == (c.at_kinhte.received_at, c.at_kinhte.due_at, False)
    assert public_status(c.at_kinhte.code.lower(), " 5678 ") == found
    for code, digits in ((c.at_kinhte.code, "5679"), ("000.01.00.H26-260302-9999", "5678"), (c.at_kinhte.code, "78"), ("", "")):
        assert public_status(code, digits) is None


def test_the_public_look_up_shows_nothing_personal(dossiers):
    c = dossiers
    found = public_status(c.ready.code, "5678")
    assert (found["status_label"], found["current_step"]) == ("Chờ trả kết quả", "")
    shown = " ".join(str(value) for value in found.values())
    for personal in ("Phạm Văn Hùng", "0912345678", "5678", "031190001234", "Lạch Tray", "mai.tran@example.vn"):
        assert personal not in shown
