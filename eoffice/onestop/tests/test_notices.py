"""A dossier's steps tell whoever must act next: the counter for an online
submission, a supplement to ask for and a result to hand out; the people of
the unit it is handed to. Never the person who acted."""

import pytest

from eoffice.conftest import person
from eoffice.notifications.models import Notification
from eoffice.onestop.dossiers.services import dossier_finish, dossier_hand_over, dossier_request_supplement
from eoffice.onestop.tests.factories import receive, submit_online
from eoffice.organisation.models import Role

pytestmark = pytest.mark.django_db


def told():
    rows = {(n.kind, n.recipient.username, n.title) for n in Notification.objects.all()}
    Notification.objects.all().delete()
    return rows


def test_an_online_submission_waits_for_the_counter(onestop):
    dossier = submit_online(onestop)
    assert told() == {("onestop.submitted", "motcua", f"Hồ sơ {dossier.code} nộp trực tuyến chờ tiếp nhận")}


def test_a_hand_over_tells_the_people_of_the_steps_unit_not_the_one_who_handed(onestop):
    c = onestop
    dossier = receive(c)
    assert told() == set()  # received at the counter: nobody else acts yet
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)  # to the counter's own step
    assert told() == set()
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    step = f"Hồ sơ {dossier.code} chuyển đến đơn vị đồng chí: bước 2 “Thẩm định hồ sơ, dự thảo giấy phép”"
    assert told() == {("onestop.handed_over", "truongkt", step), ("onestop.handed_over", "chuyenvienkt", step)}


def at_kinhte(c):
    """A dossier received and handed to its second step (Phòng Kinh tế), nobody told yet."""
    dossier = receive(c)
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    told()
    return dossier


def test_a_units_supplement_request_goes_to_the_counter(onestop):
    c = onestop
    person("motcua2", c.office, Role.ONE_STOP, c.motcua)
    dossier = at_kinhte(c)
    dossier_request_supplement(actor=c.actor(c.kt_specialist), dossier=dossier, items=["Bản vẽ"], reason="Thiếu bản vẽ")
    title = f"Hồ sơ {dossier.code} cần bổ sung giấy tờ: đề nghị báo người nộp"
    assert told() == {("onestop.supplement_requested", "motcua", title), ("onestop.supplement_requested", "motcua2", title)}


def test_the_counters_own_supplement_request_tells_nobody(onestop):
    c = onestop
    person("motcua2", c.office, Role.ONE_STOP, c.motcua)
    dossier = receive(c)
    dossier_request_supplement(actor=c.actor(c.one_stop), dossier=dossier, items=["Bản vẽ"], reason="Thiếu bản vẽ")
    assert told() == set()


def test_a_result_tells_the_counter_with_a_link_to_the_dossier(onestop):
    c = onestop
    dossier = at_kinhte(c)
    dossier_hand_over(actor=c.actor(c.kt_specialist), dossier=dossier)
    told()
    dossier_finish(actor=c.actor(c.specialist), dossier=dossier, result_summary="Cấp Giấy phép xây dựng số 125/GPXD")
    [notice] = Notification.objects.all()
    assert (notice.kind, notice.recipient, notice.url) == ("onestop.result_ready", c.one_stop, f"/mot-cua/{dossier.pk}/")
    assert notice.title == f"Hồ sơ {dossier.code} đã có kết quả, chờ trả cho người nộp"
