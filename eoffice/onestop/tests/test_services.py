"""The dossier lifecycle through the services: who may do what, in which
state, with which input, and what each step records."""

import unicodedata
from datetime import datetime

import pytest

from eoffice.audit.models import AuditEvent
from eoffice.conftest import person
from eoffice.core.errors import InvalidState, NotAllowed, ValidationFailed
from eoffice.onestop.dossiers.selectors import published_procedure
from eoffice.onestop.dossiers.services import (
    check_applicant,
    dossier_accept,
    dossier_apologise,
    dossier_finish,
    dossier_hand_over,
    dossier_rate,
    dossier_receive,
    dossier_refuse,
    dossier_request_supplement,
    dossier_return,
    dossier_submit_online,
    dossier_supplement,
    dossier_withdraw,
)
from eoffice.onestop.models import (
    Channel,
    Dossier,
    DossierEvent,
    DossierPaper,
    EventKind,
    OnlineLevel,
    Rating,
    RequiredPaper,
    Satisfaction,
    Status,
)
from eoffice.onestop.tests.factories import (
    applicant_data,
    at,
    make_procedure,
    papers_for,
    process_to_result,
    receive,
    submit_online,
)
from eoffice.organisation.models import Role

pytestmark = pytest.mark.django_db

SUPPLEMENT_PAPER = [{"required_paper": None, "name": "Bản vẽ mặt bằng tầng 2", "originals": 1, "copies": 0, "file": None}]


def counter_receipt(c, **kwargs):
    data = {
        "actor": c.actor(c.one_stop),
        "procedure": c.procedure,
        "applicant": applicant_data(),
        "papers": papers_for(c.procedure),
    }
    data.update(kwargs)
    return dossier_receive(**data)


def ask_papers(c, dossier, who=None):
    return dossier_request_supplement(
        actor=c.actor(who or c.one_stop), dossier=dossier, items=["Bản vẽ mặt bằng tầng 2"], reason="Bản vẽ còn thiếu tầng 2"
    )


# --------------------------------------------------------------------------- receipt
def test_a_counter_receipt_records_everything(onestop, clock):
    dossier = counter_receipt(onestop, note="Nộp thay cho chủ hộ")
    dossier.refresh_from_db()
    assert dossier.code == "000.01.00.H26-260302-0001"
    assert (dossier.status, dossier.channel, dossier.agency, dossier.received_by) == (
        Status.RECEIVED,
        Channel.COUNTER,
        onestop.office,
        onestop.one_stop,
    )
    assert (dossier.applicant_name, dossier.phone, dossier.id_number) == ("Trần Thị Mai", "0912345678", "031190001234")
    papers = list(dossier.papers.values_list("name", "originals", "copies", "supplement"))
    assert papers == [(p.name, p.originals, p.copies, False) for p in onestop.procedure.papers.order_by("order")]
    steps = list(dossier.steps.values_list("order", "name", "unit", "days", "started_at"))
    assert [(s[0], s[2], str(s[3]), s[4]) for s in steps] == [
        (1, onestop.motcua.pk, "0.5", None),
        (2, onestop.kinhte.pk, "2.0", None),
        (3, onestop.tonghop.pk, "1.0", None),
    ]
    event = dossier.events.get()
    assert (event.kind, event.actor, event.at, event.due_at, event.note) == (
        EventKind.RECEIVED,
        onestop.one_stop,
        at(2, 3, 9),
        at(5, 3, 17),
        "Nộp thay cho chủ hộ",
    )
    audit = AuditEvent.objects.get(action="onestop.received")
    assert (audit.actor, audit.agency, audit.object_id) == (onestop.one_stop, onestop.office, str(dossier.pk))
    assert "hẹn trả 17:00 ngày 05/03/2026" in audit.summary


def test_missing_required_papers_are_named_and_nothing_is_kept(onestop, clock):
    papers = papers_for(onestop.procedure, skip={2, 3})
    with pytest.raises(ValidationFailed) as refused:
        counter_receipt(onestop, papers=papers)
    assert "Giấy chứng nhận quyền sử dụng đất" in refused.value.message
    assert "Bản vẽ thiết kế xây dựng" in refused.value.message
    assert "Đơn đề nghị" not in refused.value.message
    assert len(refused.value.fields["papers"]) == 2
    assert not Dossier.objects.exists() and not DossierPaper.objects.exists() and not DossierEvent.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="onestop.").exists()


def test_a_paper_ticked_with_no_copy_and_no_scan_is_missing(onestop, clock):
    papers = papers_for(onestop.procedure)
    papers[0].update(originals=0, copies=0)
    with pytest.raises(ValidationFailed, match="Đơn đề nghị cấp giấy phép xây dựng"):
        counter_receipt(onestop, papers=papers)


def test_an_optional_paper_may_be_left_out_and_extra_papers_are_kept(onestop, clock):
    RequiredPaper.objects.create(procedure=onestop.procedure, order=4, name="Ảnh hiện trạng", required=False)
    papers = papers_for(onestop.procedure, skip={4}) + [
        {"required_paper": None, "name": "Giấy ủy quyền", "originals": 1, "copies": 0, "file": None}
    ]
    dossier = counter_receipt(onestop, papers=papers)
    assert dossier.papers.count() == 4
    assert dossier.papers.filter(required_paper__isnull=True, name="Giấy ủy quyền").exists()


def test_a_paper_of_another_procedure_is_refused(onestop, clock):
    other = make_procedure(
        onestop.office, onestop.field, code="2.000002.000.00.00.H26", name="Khác", steps=[], papers=[("Tờ khai", 1, 0)]
    )
    papers = papers_for(onestop.procedure) + papers_for(other)
    with pytest.raises(ValidationFailed, match="không thuộc thành phần hồ sơ"):
        counter_receipt(onestop, papers=papers)


@pytest.mark.parametrize("count", [-1, "hai", 1000])
def test_paper_counts_must_be_whole_numbers(onestop, clock, count):
    papers = papers_for(onestop.procedure)
    papers[0]["originals"] = count
    with pytest.raises(ValidationFailed, match="bản chính"):
        counter_receipt(onestop, papers=papers)


def test_an_unknown_or_unpublished_procedure_is_refused(onestop, clock):
    with pytest.raises(ValidationFailed, match="Không tìm thấy thủ tục"):
        counter_receipt(onestop, procedure=None)
    with pytest.raises(ValidationFailed, match="Không tìm thấy thủ tục hành chính có mã “9.999999”"):
        published_procedure("9.999999")
    assert published_procedure(" 1.009972.000.00.00.H26 ") == onestop.procedure
    onestop.procedure.published = False
    onestop.procedure.save()
    with pytest.raises(ValidationFailed, match="chưa được công khai"):
        counter_receipt(onestop)
    with pytest.raises(ValidationFailed):
        published_procedure(onestop.procedure.code)


def test_only_the_agencys_one_stop_officers_receive(onestop, clock):
    for user in (onestop.specialist, onestop.leader, onestop.clerk):
        with pytest.raises(NotAllowed, match="Bộ phận một cửa"):
            counter_receipt(onestop, actor=onestop.actor(user))
    elsewhere = person("motcua2", onestop.other, Role.ONE_STOP)
    with pytest.raises(NotAllowed):
        counter_receipt(onestop, actor=onestop.actor(elsewhere, onestop.other))
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"phone": "12345"}, "phone"),
        ({"phone": "0912345678901"}, "phone"),
        ({"phone": "09123abc45"}, "phone"),
        ({"id_number": "1234567890"}, "id_number"),
        ({"address": ""}, "address"),
        ({"email": "khong-phai-email"}, "email"),
        ({"kind": "organisation"}, "organisation_name"),
        ({"kind": "robot"}, "kind"),
        ({"name": "A" * 201}, "name"),
    ],
)
def test_bad_applicant_data_is_refused_by_field(changes, field):
    with pytest.raises(ValidationFailed) as refused:
        check_applicant(applicant_data(**changes))
    assert field in refused.value.fields
    assert refused.value.message.startswith("Thông tin người nộp hồ sơ chưa hợp lệ")


def test_applicant_data_is_normalised():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hương")
    data = check_applicant(
        applicant_data(name=decomposed, phone="0225.3842.123", id_number="", kind="organisation", organisation_name="Công ty A")
    )
    assert data["applicant_name"] == unicodedata.normalize("NFC", "Nguyễn Thị Hương")
    assert (data["phone"], data["id_number"], data["organisation_name"]) == ("02253842123", "", "Công ty A")
    assert check_applicant(applicant_data(id_number="031190001"))["id_number"] == "031190001"  # old 9-digit CMND


# --------------------------------------------------------------------------- online
def test_an_online_submission_gets_its_code_at_once(onestop, clock):
    dossier = submit_online(onestop)
    assert (dossier.status, dossier.channel, dossier.submitted_at) == (Status.SUBMITTED, Channel.ONLINE, at(2, 3, 9))
    assert dossier.code == "000.01.00.H26-260302-0001"
    assert (dossier.received_at, dossier.due_at, dossier.received_by) == (None, None, None)
    assert not dossier.steps.exists()
    event = dossier.events.get()
    assert (event.kind, event.actor) == (EventKind.SUBMITTED, None)
    assert AuditEvent.objects.get(action="onestop.submitted").actor is None


def test_online_submission_needs_an_online_procedure_and_complete_papers(onestop, clock):
    with pytest.raises(ValidationFailed, match="Bản vẽ thiết kế"):
        dossier_submit_online(
            procedure=onestop.procedure, applicant=applicant_data(), papers=papers_for(onestop.procedure, skip={3})
        )
    with pytest.raises(ValidationFailed, match="Hình thức nộp"):
        dossier_submit_online(
            procedure=onestop.procedure, applicant=applicant_data(), papers=papers_for(onestop.procedure), channel="counter"
        )
    onestop.procedure.online = OnlineLevel.NONE
    onestop.procedure.save()
    with pytest.raises(ValidationFailed, match="không nhận hồ sơ trực tuyến"):
        submit_online(onestop)
    assert not Dossier.objects.exists()


def test_the_counter_accepts_an_online_submission(onestop, clock):
    dossier = submit_online(onestop)
    with pytest.raises(NotAllowed):
        dossier_accept(actor=onestop.actor(onestop.specialist), dossier=dossier)
    clock.set(at(3, 3, 8))
    dossier_accept(actor=onestop.actor(onestop.one_stop), dossier=dossier)
    assert (dossier.status, dossier.received_by, dossier.received_at) == (Status.RECEIVED, onestop.one_stop, at(3, 3, 8))
    assert dossier.steps.count() == 3
    assert dossier.events.filter(kind=EventKind.RECEIVED, due_at=dossier.due_at).exists()
    with pytest.raises(InvalidState, match="Đã tiếp nhận"):
        dossier_accept(actor=onestop.actor(onestop.one_stop), dossier=dossier)


def test_the_counter_refuses_an_online_submission(onestop, clock):
    dossier = submit_online(onestop)
    dossier_refuse(actor=onestop.actor(onestop.one_stop), dossier=dossier, reason="Hồ sơ không thuộc thẩm quyền")
    assert (dossier.status, dossier.refusal_reason) == (Status.REFUSED, "Hồ sơ không thuộc thẩm quyền")


# --------------------------------------------------------------------------- processing
def test_the_dossier_moves_step_by_step_and_each_hand_over_is_recorded(onestop, clock):
    c = onestop
    dossier = receive(c)
    with pytest.raises(NotAllowed, match="bước xử lý đầu tiên"):
        dossier_hand_over(actor=c.actor(c.kt_specialist), dossier=dossier)
    first = dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier, note="Hồ sơ đủ")
    assert (dossier.status, first.order, first.handed_by) == (Status.IN_PROCESS, 1, c.one_stop)
    with pytest.raises(NotAllowed, match="đơn vị đang giải quyết"):
        dossier_hand_over(actor=c.actor(c.kt_specialist), dossier=dossier)  # step 1 is the counter's
    clock.advance(hours=1)
    second = dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier, note="Chuyển thẩm định")
    with pytest.raises(InvalidState, match="còn 1 bước chưa thực hiện"):
        dossier_finish(actor=c.actor(c.kt_specialist), dossier=dossier, result_summary="Cấp phép")
    clock.advance(hours=1)
    third = dossier_hand_over(actor=c.actor(c.leader), dossier=dossier)  # a leader may push it on
    with pytest.raises(InvalidState, match="bước xử lý cuối cùng"):
        dossier_hand_over(actor=c.actor(c.specialist), dossier=dossier)
    with pytest.raises(NotAllowed):
        dossier_finish(actor=c.actor(c.kt_specialist), dossier=dossier, result_summary="Cấp phép")
    with pytest.raises(ValidationFailed, match="kết quả giải quyết"):
        dossier_finish(actor=c.actor(c.specialist), dossier=dossier, result_summary="  ")
    dossier_finish(actor=c.actor(c.specialist), dossier=dossier, result_summary="Cấp Giấy phép xây dựng số 125/GPXD")
    assert (dossier.status, dossier.result_summary) == (Status.RESULT_READY, "Cấp Giấy phép xây dựng số 125/GPXD")
    rows = list(dossier.steps.order_by("order").values_list("handed_by", "done_by", "note"))
    assert rows == [
        (c.one_stop.pk, c.one_stop.pk, "Chuyển thẩm định"),
        (c.one_stop.pk, c.leader.pk, ""),
        (c.leader.pk, c.specialist.pk, ""),
    ]
    assert [s.started_at for s in (first, second, third)] == [at(2, 3, 9), at(2, 3, 10), at(2, 3, 11)]
    hand_overs = dossier.events.filter(kind=EventKind.HANDED_OVER).order_by("id")
    assert [e.data["to_step"] for e in hand_overs] == [1, 2, 3]
    assert hand_overs[0].note == "Hồ sơ đủ"
    assert AuditEvent.objects.filter(action="onestop.handed_over", object_id=str(dossier.pk)).count() == 3


def test_a_stale_copy_of_the_dossier_acts_on_the_current_state(onestop, clock):
    dossier = receive(onestop)
    stale = Dossier.objects.get(pk=dossier.pk)
    dossier_hand_over(actor=onestop.actor(onestop.one_stop), dossier=dossier)
    step = dossier_hand_over(actor=onestop.actor(onestop.one_stop), dossier=stale)  # not step 1 again
    assert step.order == 2
    assert dossier.steps.filter(started_at__isnull=False).count() == 2


def test_a_procedure_without_steps_is_finished_by_the_counter(onestop, clock):
    bare = make_procedure(
        onestop.office, onestop.field, code="2.000003.000.00.00.H26", name="Xác nhận", steps=[], papers=[("Đơn", 1, 0)]
    )
    bare.processing_days = 1
    bare.save()
    dossier = receive(onestop, procedure=bare)
    with pytest.raises(InvalidState, match="không có bước xử lý"):
        dossier_hand_over(actor=onestop.actor(onestop.one_stop), dossier=dossier)
    with pytest.raises(NotAllowed):
        dossier_finish(actor=onestop.actor(onestop.specialist), dossier=dossier, result_summary="Đã xác nhận")
    dossier_finish(actor=onestop.actor(onestop.one_stop), dossier=dossier, result_summary="Đã xác nhận")
    assert dossier.status == Status.RESULT_READY


def test_a_dossier_not_yet_handed_over_cannot_be_finished(onestop, clock):
    dossier = receive(onestop)
    with pytest.raises(InvalidState, match="chưa được chuyển xử lý"):
        dossier_finish(actor=onestop.actor(onestop.leader), dossier=dossier, result_summary="Cấp phép")


# --------------------------------------------------------------------------- supplements
def test_a_supplement_request_keeps_its_items_for_the_slip(onestop, clock):
    c = onestop
    dossier = receive(c)
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)  # now with Phòng Kinh tế
    with pytest.raises(NotAllowed):
        ask_papers(c, dossier, who=c.specialist)  # Phòng Tổng hợp: not its turn
    with pytest.raises(ValidationFailed, match="ít nhất một giấy tờ"):
        dossier_request_supplement(actor=c.actor(c.kt_specialist), dossier=dossier, items=[" ", ""], reason="Thiếu giấy tờ")
    with pytest.raises(ValidationFailed, match="lý do"):
        dossier_request_supplement(actor=c.actor(c.kt_specialist), dossier=dossier, items=["Bản vẽ"], reason="")
    dossier_request_supplement(
        actor=c.actor(c.kt_specialist),
        dossier=dossier,
        items=["Bản vẽ mặt bằng tầng 2", "Bản sao hợp đồng thi công"],
        reason="Hồ sơ thiếu bản vẽ và hợp đồng",
    )
    event = dossier.events.get(kind=EventKind.SUPPLEMENT_REQUESTED)
    assert event.data["items"] == ["Bản vẽ mặt bằng tầng 2", "Bản sao hợp đồng thi công"]
    assert event.data["reason"] == event.note == "Hồ sơ thiếu bản vẽ và hợp đồng"
    assert event.actor == c.kt_specialist
    with pytest.raises(InvalidState, match="Chờ bổ sung"):
        dossier_hand_over(actor=c.actor(c.kt_specialist), dossier=dossier)
    with pytest.raises(InvalidState, match="Chờ bổ sung"):
        ask_papers(c, dossier)


def test_papers_brought_later_are_marked_as_supplement(onestop, clock):
    dossier = receive(onestop)
    ask_papers(onestop, dossier)
    with pytest.raises(NotAllowed):
        dossier_supplement(actor=onestop.actor(onestop.specialist), dossier=dossier, papers=SUPPLEMENT_PAPER)
    with pytest.raises(ValidationFailed, match="ít nhất một giấy tờ"):
        dossier_supplement(actor=onestop.actor(onestop.one_stop), dossier=dossier, papers=[])
    dossier_supplement(actor=onestop.actor(onestop.one_stop), dossier=dossier, papers=SUPPLEMENT_PAPER)
    assert list(dossier.papers.filter(supplement=True).values_list("name", flat=True)) == ["Bản vẽ mặt bằng tầng 2"]
    assert dossier.events.get(kind=EventKind.SUPPLEMENTED).data["papers"] == ["Bản vẽ mặt bằng tầng 2"]


def test_resuming_a_dossier_that_is_not_waiting_is_refused_clearly(onestop, clock):
    dossier = receive(onestop)
    with pytest.raises(InvalidState) as refused:
        dossier_supplement(actor=onestop.actor(onestop.one_stop), dossier=dossier, papers=SUPPLEMENT_PAPER)
    assert "không chờ bổ sung" in refused.value.message and "Đã tiếp nhận" in refused.value.message
    assert refused.value.status == 409
    assert not dossier.papers.filter(supplement=True).exists()


# --------------------------------------------------------------------------- refusal, withdrawal, apology
def test_a_refusal_needs_a_reason_and_an_open_dossier(onestop, clock):
    dossier = receive(onestop)
    with pytest.raises(ValidationFailed, match="lý do từ chối"):
        dossier_refuse(actor=onestop.actor(onestop.one_stop), dossier=dossier, reason=" ")
    with pytest.raises(NotAllowed):
        dossier_refuse(actor=onestop.actor(onestop.kt_specialist), dossier=dossier, reason="Không đủ điều kiện")
    dossier_refuse(actor=onestop.actor(onestop.leader), dossier=dossier, reason="Đất nằm trong quy hoạch giao thông")
    assert (dossier.status, dossier.refusal_reason) == (Status.REFUSED, "Đất nằm trong quy hoạch giao thông")
    assert dossier.events.get(kind=EventKind.REFUSED).note == "Đất nằm trong quy hoạch giao thông"
    with pytest.raises(InvalidState, match="Từ chối giải quyết"):
        dossier_refuse(actor=onestop.actor(onestop.leader), dossier=dossier, reason="Lần nữa")
    with pytest.raises(InvalidState):
        dossier_hand_over(actor=onestop.actor(onestop.one_stop), dossier=dossier)


def test_the_unit_holding_the_dossier_may_refuse_it_while_waiting_for_papers(onestop, clock):
    dossier = receive(onestop)
    dossier_hand_over(actor=onestop.actor(onestop.one_stop), dossier=dossier)
    dossier_hand_over(actor=onestop.actor(onestop.one_stop), dossier=dossier)
    ask_papers(onestop, dossier, who=onestop.kt_specialist)
    dossier_refuse(actor=onestop.actor(onestop.kt_specialist), dossier=dossier, reason="Quá hạn bổ sung hồ sơ")
    assert dossier.status == Status.REFUSED


def test_a_withdrawal_is_recorded_by_the_counter(onestop, clock):
    dossier = receive(onestop)
    with pytest.raises(NotAllowed):
        dossier_withdraw(actor=onestop.actor(onestop.leader), dossier=dossier, reason="Người nộp xin rút")
    with pytest.raises(ValidationFailed):
        dossier_withdraw(actor=onestop.actor(onestop.one_stop), dossier=dossier, reason="")
    dossier_withdraw(actor=onestop.actor(onestop.one_stop), dossier=dossier, reason="Người nộp xin rút để bổ sung")
    assert dossier.status == Status.WITHDRAWN
    assert dossier.events.get(kind=EventKind.WITHDRAWN).note == "Người nộp xin rút để bổ sung"
    with pytest.raises(InvalidState, match="Đã rút hồ sơ"):
        dossier_withdraw(actor=onestop.actor(onestop.one_stop), dossier=dossier, reason="Người nộp xin rút")


def test_an_apology_needs_a_near_deadline_and_a_later_date(onestop, clock):
    c = onestop
    dossier = receive(c)  # due Thursday 05/03 17:00
    apologise = dict(actor=c.actor(c.one_stop), dossier=dossier, reason="Chờ ý kiến của Sở Xây dựng")
    clock.set(at(2, 3, 10))  # 3.5 days left: not yet
    with pytest.raises(InvalidState, match="còn hạn đến 17:00 ngày 05/03/2026"):
        dossier_apologise(**apologise, new_due=at(10, 3, 17))
    clock.set(at(4, 3, 9))  # 1.5 days left: due soon
    with pytest.raises(ValidationFailed, match="phải sau ngày hẹn hiện tại"):
        dossier_apologise(**apologise, new_due=at(5, 3, 11, 30))
    with pytest.raises(ValidationFailed, match="ngày giờ hẹn"):
        dossier_apologise(**apologise, new_due=datetime(2026, 3, 10, 17))
    with pytest.raises(ValidationFailed, match="lý do"):
        dossier_apologise(**{**apologise, "reason": ""}, new_due=at(10, 3, 17))
    with pytest.raises(NotAllowed):
        dossier_apologise(**{**apologise, "actor": c.actor(c.kt_specialist)}, new_due=at(10, 3, 17))
    dossier_apologise(**apologise, new_due=at(10, 3, 17))
    assert (dossier.due_at, dossier.first_due_at) == (at(10, 3, 17), at(5, 3, 17))
    event = dossier.events.get(kind=EventKind.APOLOGY)
    assert (event.due_at, event.note, event.actor) == (at(10, 3, 17), "Chờ ý kiến của Sở Xây dựng", c.one_stop)
    clock.set(at(11, 3, 9))  # late again: a second apology is allowed
    dossier_apologise(**apologise, new_due=at(13, 3, 17))
    assert dossier.events.filter(kind=EventKind.APOLOGY).count() == 2


def test_no_apology_once_the_result_is_ready(onestop, clock):
    dossier = receive(onestop)
    process_to_result(onestop, dossier)
    clock.set(at(6, 3, 9))
    with pytest.raises(InvalidState):
        dossier_apologise(actor=onestop.actor(onestop.one_stop), dossier=dossier, reason="Chậm trả", new_due=at(9, 3, 17))


# --------------------------------------------------------------------------- return and rating
def test_returning_a_result_that_does_not_exist_is_refused(onestop, clock):
    dossier = receive(onestop)
    with pytest.raises(InvalidState) as refused:
        dossier_return(actor=onestop.actor(onestop.one_stop), dossier=dossier)
    assert refused.value.message == "Hồ sơ chưa có kết quả để trả."
    dossier.refresh_from_db()
    assert (dossier.status, dossier.returned_at) == (Status.RECEIVED, None)


def test_the_counter_returns_the_result_once(onestop, clock):
    dossier = receive(onestop)
    process_to_result(onestop, dossier)
    with pytest.raises(NotAllowed):
        dossier_return(actor=onestop.actor(onestop.specialist), dossier=dossier)
    clock.set(at(4, 3, 15))
    dossier_return(actor=onestop.actor(onestop.one_stop), dossier=dossier)
    assert (dossier.status, dossier.returned_at) == (Status.RETURNED, at(4, 3, 15))
    assert dossier.events.filter(kind=EventKind.RETURNED, actor=onestop.one_stop).exists()
    with pytest.raises(InvalidState, match="đã được trả kết quả lúc 15:00 ngày 04/03/2026"):
        dossier_return(actor=onestop.actor(onestop.one_stop), dossier=dossier)


def test_the_citizen_rates_a_returned_dossier_once(onestop, clock):
    dossier = receive(onestop)
    with pytest.raises(InvalidState, match="đã trả kết quả"):
        dossier_rate(dossier=dossier, level=Satisfaction.SATISFIED)
    process_to_result(onestop, dossier)
    dossier_return(actor=onestop.actor(onestop.one_stop), dossier=dossier)
    with pytest.raises(ValidationFailed, match="mức độ hài lòng"):
        dossier_rate(dossier=dossier, level="tuyệt vời")
    rating = dossier_rate(dossier=dossier, level=Satisfaction.VERY_SATISFIED, comment="Cán bộ hướng dẫn tận tình")
    assert (rating.level, rating.comment) == (Satisfaction.VERY_SATISFIED, "Cán bộ hướng dẫn tận tình")
    with pytest.raises(InvalidState, match="đã được đánh giá"):
        dossier_rate(dossier=dossier, level=Satisfaction.UNSATISFIED)
    assert Rating.objects.get().level == Satisfaction.VERY_SATISFIED
    audit = AuditEvent.objects.get(action="onestop.rated")
    assert (audit.actor, audit.agency) == (None, onestop.office)


def test_every_step_of_a_whole_life_is_in_the_history(onestop, clock):
    dossier = submit_online(onestop)
    dossier_accept(actor=onestop.actor(onestop.one_stop), dossier=dossier)
    ask_papers(onestop, dossier)
    dossier_supplement(actor=onestop.actor(onestop.one_stop), dossier=dossier, papers=SUPPLEMENT_PAPER)
    process_to_result(onestop, dossier)
    dossier_return(actor=onestop.actor(onestop.one_stop), dossier=dossier)
    kinds = list(dossier.events.order_by("id").values_list("kind", flat=True))
    assert kinds == [
        EventKind.SUBMITTED,
        EventKind.RECEIVED,
        EventKind.SUPPLEMENT_REQUESTED,
        EventKind.SUPPLEMENTED,
        EventKind.HANDED_OVER,
        EventKind.HANDED_OVER,
        EventKind.HANDED_OVER,
        EventKind.RESULT_READY,
        EventKind.RETURNED,
    ]
    actions = AuditEvent.objects.filter(object_id=str(dossier.pk), action__startswith="onestop.").order_by("id")
    assert [a.action for a in actions] == [f"onestop.{kind}" for kind in kinds]
