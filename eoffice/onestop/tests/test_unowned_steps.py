"""No dead ends (issue 13, defect 3): a procedure is not published with a step
no unit here owns (the import, the API import and the admin say which), and a
dossier is never handed over to such a step (service, API 409, the page says
why); once the catalogue gives the step a unit, the dossier moves on."""

import json
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from eoffice.core.errors import InvalidState
from eoffice.core.tests.api_helpers import API, login
from eoffice.onestop.catalogue.services import export_json, export_xlsx, import_json, import_xlsx
from eoffice.onestop.dossiers import workflow
from eoffice.onestop.dossiers.services import dossier_hand_over
from eoffice.onestop.models import EventKind, Procedure, ProcedureField, ProcedureStep, Status
from eoffice.onestop.tests.catalogue_helpers import CODE, admin_actor, catalogue, procedure
from eoffice.onestop.tests.factories import receive
from eoffice.organisation.models import User

pytestmark = pytest.mark.django_db
UNOWNED = "bước 2 “Thẩm định hồ sơ” chưa có đơn vị thực hiện trong cơ quan"
REFUSED = "bước 2 “Thẩm định hồ sơ, dự thảo giấy phép”: bước này chưa có đơn vị thực hiện trong cơ quan"


def with_a_department_step(**overrides) -> dict:
    """The helpers' procedure whose step 2 is done by a Sở, with no owner named here."""
    data = procedure(**overrides)
    data["steps"][1] = {"order": 2, "name": "Thẩm định hồ sơ", "unit": "Sở Xây dựng", "days": 5}
    return data


# --------------------------------------------------------------------------- publishing
def test_an_import_keeps_a_procedure_with_an_unowned_step_unpublished_and_says_why(cast):
    report = import_json(catalogue(with_a_department_step()), actor=admin_actor(cast), agency=cast.office)
    saved = Procedure.objects.get(code=CODE)
    assert report.created == [CODE] and saved.published is False
    assert len(report.unpublished) == 1 and report.unpublished[0].startswith(f"{CODE}: Chưa công khai được thủ tục: ")
    assert UNOWNED in report.unpublished[0] and "1 thủ tục chưa công khai" in report.summary()
    assert saved.steps.get(order=2).unit_name == "Sở Xây dựng"  # everything else imported as written


def test_a_step_of_another_body_with_an_owner_is_published_and_its_owner_survives_a_round_trip(cast):
    data = with_a_department_step()
    data["steps"][1]["owner"] = "Phòng Kinh tế"
    report = import_json(catalogue(data), actor=None, agency=cast.office)
    step = ProcedureStep.objects.get(order=2)
    assert report.unpublished == [] and Procedure.objects.get().published
    assert (step.unit, step.unit_name) == (cast.kinhte, "Sở Xây dựng")
    exported = export_json(Procedure.objects.all(), include_files=False)["procedures"][0]["steps"][1]
    assert exported == {"order": 2, "name": "Thẩm định hồ sơ", "unit": "Sở Xây dựng", "days": 5, "owner": "Phòng Kinh tế"}
    workbook = export_xlsx(Procedure.objects.all())
    Procedure.objects.all().delete()
    assert import_xlsx(workbook, actor=None, agency=cast.office).unpublished == []
    assert ProcedureStep.objects.get(order=2).unit == cast.kinhte


def test_an_xlsx_import_keeps_a_procedure_with_an_unowned_step_unpublished(cast):
    import_json(catalogue(with_a_department_step()), actor=None, agency=cast.office)
    book = load_workbook(BytesIO(export_xlsx(Procedure.objects.all())))
    assert book["Thủ tục"]["O1"].value == "Công khai"
    book["Thủ tục"]["O2"] = "Có"  # the file asks for publication
    Procedure.objects.all().delete()
    buffer = BytesIO()
    book.save(buffer)
    report = import_xlsx(buffer.getvalue(), actor=None, agency=cast.office)
    assert Procedure.objects.get().published is False and UNOWNED in report.unpublished[0]


def test_the_api_import_reports_the_unpublished_procedures(cast):
    admin_actor(cast)
    client = login("quantri")
    body = json.dumps(catalogue(with_a_department_step()), ensure_ascii=False).encode()
    response = client.post(f"{API}/procedures/import/", {"file": SimpleUploadedFile("danh-muc.json", body)}, format="multipart")
    assert response.status_code == 200, response.content
    assert [line.split(":")[0] for line in response.json()["unpublished"]] == [CODE]
    assert Procedure.objects.get().published is False


def admin_post(unit) -> dict:
    """The admin's add form: a published procedure with one step (unit or none) and nothing else."""
    data = {
        "agency": "", "code": "1.000635", "name": "Cấp bản sao trích lục hộ tịch", "field": "", "level": "province",
        "online": "none", "implementing_agency": "Sở Tư pháp", "processing_days": "1", "result": "Bản sao",
        "published": "on",
        "steps-TOTAL_FORMS": "1", "steps-INITIAL_FORMS": "0", "steps-MIN_NUM_FORMS": "0", "steps-MAX_NUM_FORMS": "1000",
        "steps-0-order": "1", "steps-0-name": "Cấp bản sao", "steps-0-unit": unit.pk if unit else "",
        "steps-0-unit_name": "Sở Tư pháp", "steps-0-days": "1",
    }  # fmt: skip
    for prefix in ("papers", "fees"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data


@pytest.fixture
def superuser_client(cast):
    cast.field = ProcedureField.objects.create(code="G07-HT", name="Hộ tịch")
    client = Client()
    client.force_login(User.objects.create_superuser(username="sieuquantri", password="matkhau-123", full_name="Quản trị"))
    return client


def test_the_admin_refuses_to_publish_a_step_without_a_unit_and_keeps_what_was_typed(cast, superuser_client):
    data = admin_post(None) | {"agency": cast.office.pk, "field": cast.field.pk}
    response = superuser_client.post("/admin/onestop/procedure/add/", data)
    page = response.content.decode()
    assert response.status_code == 200 and not Procedure.objects.exists()
    assert "Chưa công khai được thủ tục: bước 1 “Cấp bản sao” chưa có đơn vị thực hiện trong cơ quan" in page
    assert 'value="Cấp bản sao trích lục hộ tịch"' in page and 'value="Sở Tư pháp"' in page
    unpublished = superuser_client.post("/admin/onestop/procedure/add/", data | {"published": ""})
    assert unpublished.status_code == 302 and Procedure.objects.get().published is False
    Procedure.objects.all().delete()
    owned = superuser_client.post("/admin/onestop/procedure/add/", data | {"steps-0-unit": cast.tonghop.pk})
    assert owned.status_code == 302 and Procedure.objects.get().published is True


# --------------------------------------------------------------------------- handing over
def received_before_the_rule(c):
    """A dossier of a procedure whose step 2 lost its unit (published before steps needed one)."""
    ProcedureStep.objects.filter(procedure=c.procedure, order=2).update(unit=None)
    return receive(c)


def test_the_hand_over_refuses_a_step_without_a_unit(onestop, clock):
    c = onestop
    dossier = received_before_the_rule(c)
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    for person in (c.one_stop, c.leader):
        with pytest.raises(InvalidState, match=REFUSED):
            dossier_hand_over(actor=c.actor(person), dossier=dossier)
    step = dossier.steps.get(order=1)
    assert step.finished_at is None and dossier.steps.get(order=2).started_at is None
    assert dossier.events.filter(kind=EventKind.HANDED_OVER).count() == 1


def test_the_counter_cannot_hand_over_to_a_first_step_without_a_unit(onestop, clock):
    c = onestop
    ProcedureStep.objects.filter(procedure=c.procedure, order=1).update(unit=None)
    dossier = receive(c)
    with pytest.raises(InvalidState, match="sang bước 1"):
        dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    assert Status(dossier.status) == Status.RECEIVED


def test_the_service_refuses_even_if_the_check_let_it_through(onestop, clock, monkeypatch):
    c = onestop
    dossier = received_before_the_rule(c)
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    monkeypatch.setattr(workflow, "can_hand_over", lambda actor, dossier: None)
    with pytest.raises(InvalidState, match="chưa có đơn vị thực hiện"):
        dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    assert dossier.steps.get(order=1).finished_at is None


def test_once_the_catalogue_gives_the_step_a_unit_the_dossier_moves_on_to_it(onestop, clock, client):
    c = onestop
    dossier = received_before_the_rule(c)
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    ProcedureStep.objects.filter(procedure=c.procedure, order=2).update(unit=c.kinhte)
    client.force_login(c.one_stop)
    page = client.get(reverse("onestop:detail", args=[dossier.pk])).content.decode()
    assert "“Thẩm định hồ sơ, dự thảo giấy phép” — Phòng Kinh tế" in page and 'id="stalled"' not in page
    step = dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    assert step.order == 2 and dossier.steps.get(order=2).unit == c.kinhte


def test_the_api_answers_409_with_the_reason(onestop, clock):
    c = onestop
    dossier = received_before_the_rule(c)
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    response = login("motcua").post(f"{API}/dossiers/{dossier.pk}/hand-over/", {}, format="json")
    assert response.status_code == 409 and REFUSED in response.json()["error"]["message"]


def test_the_page_says_why_the_dossier_cannot_move_on(onestop, clock, client):
    c = onestop
    dossier = received_before_the_rule(c)
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    client.force_login(c.one_stop)
    page = client.get(reverse("onestop:detail", args=[dossier.pk])).content.decode()
    assert 'id="stalled"' in page and REFUSED in page
    assert reverse("onestop:hand-over", args=[dossier.pk]) not in page  # no button that can only fail
    refused = client.post(reverse("onestop:hand-over", args=[dossier.pk]), {"hand_over-note": "Đủ"})
    assert refused.status_code == 409 and REFUSED in refused.content.decode()


def test_the_page_names_the_other_body_a_tracked_step_waits_on(onestop, clock, client):
    c = onestop
    ProcedureStep.objects.filter(procedure=c.procedure, order=2).update(unit_name="Sở Xây dựng")
    dossier = receive(c)
    for _ in range(2):
        dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    client.force_login(c.one_stop)
    page = client.get(reverse("onestop:detail", args=[dossier.pk])).content.decode()
    assert "Phòng Kinh tế — bước 2 “Thẩm định hồ sơ, dự thảo giấy phép”, chờ Sở Xây dựng" in page
    assert 'id="stalled"' not in page
