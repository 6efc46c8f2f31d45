"""Appointment dates and step deadlines of dossiers, in working half days:
across Tết and make-up Saturdays, half-day steps, the clock stopped by a
supplement request and resumed, and the early / on time / late verdict."""

from datetime import date
from decimal import Decimal

import pytest

from eoffice.core.errors import ValidationFailed
from eoffice.onestop.dossiers.selectors import is_overdue
from eoffice.onestop.dossiers.services import (
    dossier_accept,
    dossier_apologise,
    dossier_finish,
    dossier_hand_over,
    dossier_request_supplement,
    dossier_supplement,
)
from eoffice.onestop.models import Dossier, Status, Timeliness
from eoffice.onestop.tests.factories import at, make_procedure, process_to_result, receive, submit_online
from eoffice.workdays.services import calendar_override_set

pytestmark = pytest.mark.django_db


def ask_papers(c, dossier, actor=None):
    return dossier_request_supplement(
        actor=c.actor(actor or c.one_stop),
        dossier=dossier,
        items=["Bản vẽ mặt bằng tầng 2"],
        reason="Bản vẽ nộp thiếu mặt bằng tầng 2",
    )


def bring_papers(c, dossier):
    papers = [{"required_paper": None, "name": "Bản vẽ mặt bằng tầng 2", "originals": 1, "copies": 0, "file": None}]
    return dossier_supplement(actor=c.actor(c.one_stop), dossier=dossier, papers=papers)


def test_the_appointment_counts_from_the_slot_after_receipt(onestop, clock):
    # 3.5 days from Monday 09:00: Monday afternoon … Thursday afternoon (7 half days).
    dossier = receive(onestop)
    assert dossier.received_at == at(2, 3, 9)
    assert dossier.due_at == dossier.first_due_at == at(5, 3, 17)


def test_the_appointment_skips_tet(onestop, clock):
    # Thursday 12/02/2026 afternoon: Friday 13, then Tết (16–20/02), then 23, 24, 25/02.
    clock.set(at(12, 2, 14))
    assert receive(onestop).due_at == at(25, 2, 11, 30)
    clock.set(at(18, 2, 10))  # received during Tết (a duty counter): counting starts Monday 23/02
    assert receive(onestop).due_at == at(26, 2, 11, 30)


def test_a_make_up_saturday_counts(onestop, clock):
    clock.set(at(6, 3, 14))  # Friday afternoon
    assert receive(onestop).due_at == at(12, 3, 11, 30)
    calendar_override_set(
        day=date(2026, 3, 7), is_working=True, name="Làm bù", legal_basis="Thông báo 02/TB-UBND", actor=onestop.leader
    )
    assert receive(onestop).due_at == at(11, 3, 11, 30)


def test_each_step_has_its_own_half_day_deadline(onestop, clock):
    dossier = receive(onestop)
    first = dossier_hand_over(actor=onestop.actor(onestop.one_stop), dossier=dossier)
    assert (first.days, first.started_at, first.due_at) == (Decimal("0.5"), at(2, 3, 9), at(2, 3, 17))
    clock.set(at(2, 3, 16))
    second = dossier_hand_over(actor=onestop.actor(onestop.one_stop), dossier=dossier)
    assert second.due_at == at(4, 3, 17)  # 2 days from Monday 16:00: Tuesday and Wednesday
    clock.set(at(4, 3, 10))
    third = dossier_hand_over(actor=onestop.actor(onestop.kt_specialist), dossier=dossier)
    assert third.due_at == at(5, 3, 11, 30)  # 1 day from Wednesday 10:00
    first.refresh_from_db()
    assert first.finished_at == at(2, 3, 16)


def test_a_half_day_procedure_received_in_the_afternoon_is_due_next_morning(onestop, clock):
    quick = make_procedure(
        onestop.office,
        onestop.field,
        code="2.000001.000.00.00.H26",
        name="Cấp bản sao trích lục",
        steps=[("Xử lý", onestop.motcua, "0.5")],
        papers=[("Tờ khai", 1, 0)],
    )
    clock.set(at(2, 3, 14))
    assert receive(onestop, procedure=quick).due_at == at(3, 3, 11, 30)


def test_the_clock_stops_for_a_supplement_and_resumes_on_resubmission(onestop, clock):
    dossier = receive(onestop)  # Monday 09:00, due Thursday 17:00
    step = dossier_hand_over(actor=onestop.actor(onestop.one_stop), dossier=dossier)  # due Monday 17:00
    clock.set(at(2, 3, 10))
    ask_papers(onestop, dossier)
    assert (dossier.status, dossier.paused_at) == (Status.SUPPLEMENT, at(2, 3, 10))
    clock.set(at(6, 3, 9))
    assert not is_overdue(dossier, clock.now)  # the appointment has passed, but the clock stands still
    clock.set(at(4, 3, 10))  # back on Wednesday 10:00: Monday afternoon to Wednesday morning waited, 2 days
    bring_papers(onestop, dossier)
    assert (dossier.status, dossier.paused_at) == (Status.IN_PROCESS, None)
    assert dossier.due_at == dossier.first_due_at == at(9, 3, 17)
    step.refresh_from_db()
    assert step.due_at == at(4, 3, 17)
    assert dossier.events.get(kind="supplemented").data["paused_days"] == "2"


def test_a_pause_across_tet_counts_only_working_time(onestop, clock):
    clock.set(at(12, 2, 14))
    dossier = receive(onestop)  # due 25/02 11:30
    clock.set(at(13, 2, 10))
    ask_papers(onestop, dossier)
    clock.set(at(24, 2, 10))  # Friday afternoon, Monday and Tuesday morning: 2 days
    bring_papers(onestop, dossier)
    assert dossier.status == Status.RECEIVED  # not handed over yet: back where it was
    assert dossier.due_at == at(27, 2, 11, 30)


def test_a_pause_within_one_slot_moves_nothing(onestop, clock):
    dossier = receive(onestop)
    clock.set(at(2, 3, 9, 30))
    ask_papers(onestop, dossier)
    clock.set(at(2, 3, 11))
    bring_papers(onestop, dossier)
    assert dossier.due_at == at(5, 3, 17)


def test_an_online_dossier_counts_from_acceptance(onestop, clock):
    clock.set(at(7, 3, 20))  # sent on Saturday evening
    dossier = submit_online(onestop)
    assert (dossier.submitted_at, dossier.due_at) == (at(7, 3, 20), None)
    clock.set(at(9, 3, 9))
    dossier_accept(actor=onestop.actor(onestop.one_stop), dossier=dossier)
    assert dossier.received_at == at(9, 3, 9)
    assert dossier.due_at == at(12, 3, 17)


@pytest.mark.parametrize(
    ("finished", "verdict"),
    [
        (at(4, 3, 16), Timeliness.EARLY),  # a day before the appointment (Thursday 17:00)
        (at(5, 3, 9), Timeliness.ON_TIME),
        (at(5, 3, 18), Timeliness.ON_TIME),  # the same date
        (at(6, 3, 8), Timeliness.LATE),
    ],
)
def test_the_result_is_classified_against_the_appointment_date(onestop, clock, finished, verdict):
    dossier = receive(onestop)
    for who in (onestop.one_stop, onestop.one_stop, onestop.kt_specialist):
        dossier_hand_over(actor=onestop.actor(who), dossier=dossier)
    clock.set(finished)
    dossier_finish(actor=onestop.actor(onestop.specialist), dossier=dossier, result_summary="Cấp giấy phép số 125/GPXD")
    assert (dossier.status, dossier.finished_at, dossier.timeliness) == (Status.RESULT_READY, finished, verdict)


def test_an_apology_moves_the_appointment_but_not_the_verdict(onestop, clock):
    dossier = receive(onestop)
    clock.set(at(5, 3, 9))
    dossier_apologise(
        actor=onestop.actor(onestop.one_stop), dossier=dossier, reason="Cần xác minh thực địa thêm", new_due=at(10, 3, 17)
    )
    assert (dossier.due_at, dossier.first_due_at) == (at(10, 3, 17), at(5, 3, 17))
    clock.set(at(9, 3, 10))
    process_to_result(onestop, dossier)
    assert dossier.timeliness == Timeliness.LATE


def test_overdue_means_open_and_past_the_appointment(onestop, clock):
    dossier = receive(onestop)
    assert not is_overdue(dossier, at(5, 3, 16, 59))
    assert is_overdue(dossier, at(5, 3, 17, 1))
    clock.set(at(6, 3, 9))
    ask_papers(onestop, dossier)  # stopped when already late: still late
    assert is_overdue(dossier, at(6, 3, 9))
    bring_papers(onestop, dossier)
    process_to_result(onestop, dossier)
    assert not is_overdue(dossier, at(20, 3, 9))  # the result waits at the counter
    assert dossier.timeliness == Timeliness.LATE


def test_the_deadline_needs_whole_or_half_days(onestop, clock):
    procedure = onestop.procedure
    procedure.processing_days = Decimal("2.3")
    procedure.save()
    with pytest.raises(ValidationFailed, match="bội số của nửa ngày"):
        receive(onestop)
    assert not Dossier.objects.exists()
