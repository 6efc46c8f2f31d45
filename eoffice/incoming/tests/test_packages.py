"""Văn bản điện tử chờ vào sổ: the registry registers a received package with
one click (the form filled from it) or refuses it with a reason; nobody else may."""

import io
from datetime import date

import pytest
from django.urls import reverse

from eoffice.audit.models import AuditEvent
from eoffice.conftest import PDF_BYTES
from eoffice.core.errors import Duplicate, InvalidState, NotAllowed, ValidationFailed
from eoffice.exchange.models import PackageState, ReceivedPackage, SentStatus
from eoffice.exchange.receiving import receive_package
from eoffice.exchange.tests.documents import a_package
from eoffice.incoming.handling.assignments import assignment_complete
from eoffice.incoming.handling.services import incoming_direct, incoming_submit
from eoffice.incoming.models import AssignmentKind, IncomingDocument, Source
from eoffice.incoming.receiving.electronic import package_refuse, package_register
from eoffice.incoming.receiving.services import incoming_register
from eoffice.incoming.tests.api_helpers import API, login

pytestmark = pytest.mark.django_db


def waiting(**changes) -> ReceivedPackage:
    (package,) = receive_package(stream=io.BytesIO(a_package(**changes)), transport="directory").packages
    assert package.state == PackageState.RECEIVED
    return package


def test_registering_takes_every_field_from_the_package_and_shares_its_file(cast):
    package = waiting(priority=2, due_date=None)
    document = package_register(actor=cast.actor(cast.clerk), package=package)
    assert document.arrival_number == 1 and document.source == Source.ELECTRONIC
    assert (document.code_number, document.code_notation, document.organ_name, document.organ_id) == (
        "125",
        "STC-NS",
        "Sở Tài chính",
        "000.00.13.H31",
    )
    assert document.subject == "Về việc kiểm tra công trình xây dựng"
    assert (document.signer_full_name, document.signer_position) == ("Nguyễn Văn An", "KT. CHỦ TỊCH Phó Chủ tịch")
    assert document.issued_date.isoformat() == "2026-03-05" and document.priority == 2
    (attachment,) = document.attachments.select_related("stored_file")
    assert attachment.filename == "125-STC-NS.pdf" and attachment.stored_file == package.files.get().stored_file
    package.refresh_from_db()
    assert (package.state, package.handled_by, document.package) == (PackageState.REGISTERED, cast.clerk, package)
    assert document.trace.filter(action="receive", summary__contains="Sở Tài chính").exists()
    assert AuditEvent.objects.filter(action="exchange.registered", object_id=str(package.pk)).exists()


def test_what_the_clerk_corrects_replaces_what_the_package_says(cast):
    document = package_register(
        actor=cast.actor(cast.clerk), package=waiting(), data={"subject": "Về việc kiểm tra công trình (đã sửa)"}
    )
    assert document.subject == "Về việc kiểm tra công trình (đã sửa)" and document.code_notation == "STC-NS"


def test_a_package_is_registered_once_and_takes_no_second_number(cast):
    package = waiting()
    package_register(actor=cast.actor(cast.clerk), package=package)
    with pytest.raises(InvalidState, match="đã được xử lý: đã vào sổ"):
        package_register(actor=cast.actor(cast.clerk), package=package)
    with pytest.raises(InvalidState):
        package_refuse(actor=cast.actor(cast.clerk), package=package, reason="Gửi nhầm cơ quan")
    assert IncomingDocument.objects.count() == 1


def test_a_document_already_registered_on_paper_asks_for_confirmation(cast):
    paper = {"type_name": "Công văn", "code_number": "125", "code_notation": "STC-NS", "organ_name": "Sở Tài chính"}
    incoming_register(actor=cast.actor(cast.clerk), data={**paper, "issued_date": date(2026, 3, 5), "subject": "Bản giấy"})
    package = waiting()
    with pytest.raises(Duplicate):
        package_register(actor=cast.actor(cast.clerk), package=package)
    package.refresh_from_db()
    assert package.state == PackageState.RECEIVED and IncomingDocument.objects.count() == 1
    assert package_register(actor=cast.actor(cast.clerk), package=package, confirm_duplicate=True).arrival_number == 2


def test_refusing_keeps_the_package_with_the_reason(cast):
    package = package_refuse(actor=cast.actor(cast.clerk), package=waiting(), reason="Văn bản gửi nhầm cơ quan")
    assert (package.state, package.problem, package.handled_by) == (PackageState.REFUSED, "Văn bản gửi nhầm cơ quan", cast.clerk)
    assert not IncomingDocument.objects.exists()
    assert AuditEvent.objects.filter(action="exchange.refused", object_id=str(package.pk)).exists()


def test_a_refusal_needs_a_reason(cast):
    with pytest.raises(ValidationFailed, match="lý do"):
        package_refuse(actor=cast.actor(cast.clerk), package=waiting(), reason="  ")


@pytest.mark.parametrize("who", ["leader", "specialist", "outsider"])
def test_only_the_registry_of_the_agency_addressed_registers_or_refuses(cast, who):
    package = waiting()
    actor = cast.actor(getattr(cast, who))
    with pytest.raises(NotAllowed):
        package_register(actor=actor, package=package)
    with pytest.raises(NotAllowed):
        package_refuse(actor=actor, package=package, reason="Không phải của tôi")
    assert not IncomingDocument.objects.exists()


# --------------------------------------------------------------------------- web
def test_the_clerk_sees_the_queue_with_its_count_and_registers_in_one_click(client, cast):
    package = waiting()
    client.force_login(cast.clerk)
    queue = client.get(reverse("incoming-packages")).content.decode()
    assert "Về việc kiểm tra công trình xây dựng" in queue
    assert 'title="Văn bản điện tử chờ vào sổ">1</span>' in queue
    page = client.get(reverse("incoming-package", args=[package.pk])).content.decode()
    assert 'value="STC-NS"' in page and 'value="Sở Tài chính"' in page and "125-STC-NS.pdf" in page
    assert 'id="signatures-' in page  # the PDF's signatures are checked on the page
    assert "<dd>05/03/2026</dd>" in page  # the package's date as Vietnamese users write it
    form = client.get(reverse("incoming-package", args=[package.pk])).context["actions"]["register"]
    fields = {name: form[name].value() for name in form.fields}
    body = {k: ("" if v is None else v) for k, v in fields.items() if k != "confirm_duplicate"}
    response = client.post(reverse("package-register", args=[package.pk]), body)
    document = IncomingDocument.objects.get()
    assert response.status_code == 302 and response.url == reverse("incoming-detail", args=[document.pk])
    assert document.package == package and document.attachments.count() == 1
    assert 'title="Văn bản điện tử chờ vào sổ"' not in client.get(reverse("incoming-packages")).content.decode()


def test_a_bad_correction_keeps_what_was_typed_and_registers_nothing(client, cast):
    package = waiting()
    client.force_login(cast.clerk)
    response = client.post(
        reverse("package-register", args=[package.pk]), {"subject": "Trích yếu đã sửa", "issued_date": "31/02/2026"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Trích yếu đã sửa" in page and "Ngày không hợp lệ" in page
    assert not IncomingDocument.objects.exists()


def test_the_clerk_refuses_on_the_page_and_the_sender_reason_is_shown(client, cast):
    package = waiting()
    client.force_login(cast.clerk)
    response = client.post(reverse("package-refuse", args=[package.pk]), {"refuse-reason": "Văn bản thiếu chữ ký số"})
    assert response.status_code == 302
    page = client.get(reverse("incoming-package", args=[package.pk])).content.decode()
    assert "Văn bản thiếu chữ ký số" in page and 'id="register-form"' not in page


@pytest.mark.parametrize("who", ["leader", "specialist", "outsider"])
def test_others_do_not_see_the_registry_queue_or_its_packages(client, cast, who):
    package = waiting()
    client.force_login(getattr(cast, who))
    queue = client.get(reverse("incoming-packages"))
    if who == "outsider":  # another agency's registry: its own queue, empty
        assert queue.status_code == 200 and "Về việc kiểm tra công trình" not in queue.content.decode()
    else:
        assert queue.status_code == 404
    assert client.get(reverse("incoming-package", args=[package.pk])).status_code == 404
    assert client.get(reverse("incoming-package-raw", args=[package.pk])).status_code == 404
    assert client.post(reverse("package-register", args=[package.pk]), {}).status_code == 404
    assert ReceivedPackage.objects.get().state == PackageState.RECEIVED


def test_the_raw_package_and_its_file_are_served_to_the_clerk(client, cast):
    package = waiting()
    client.force_login(cast.clerk)
    raw = client.get(reverse("incoming-package-raw", args=[package.pk]))
    assert raw.status_code == 200 and b"".join(raw.streaming_content).startswith(b"<?xml")
    file = client.get(reverse("incoming-package-file", args=[package.pk, package.files.get().pk]))
    assert b"".join(file.streaming_content) == PDF_BYTES


# --------------------------------------------------------------------------- API
def test_the_api_lists_registers_and_refuses(cast):
    first, second = waiting(), waiting(code_number="126")
    api = login(cast.clerk.username)
    listed = api.get(f"{API}/incoming-packages/").json()
    assert {row["id"] for row in listed["results"]} == {first.pk, second.pk}
    response = api.post(f"{API}/incoming-packages/{first.pk}/register/", {"subject": "Trích yếu sửa qua API"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["subject"] == "Trích yếu sửa qua API" and response.json()["arrival_number"] == 1
    refused = api.post(f"{API}/incoming-packages/{second.pk}/refuse/", {"reason": "Gửi nhầm cơ quan"}, format="json")
    assert refused.status_code == 200 and refused.json()["state"] == "refused"
    again = api.post(f"{API}/incoming-packages/{first.pk}/register/", {}, format="json")
    assert again.status_code == 409
    assert api.get(f"{API}/incoming-packages/?state=nonsense").status_code == 400


def test_the_api_hides_packages_from_others(cast):
    package = waiting()
    api = login(cast.outsider.username)
    assert api.get(f"{API}/incoming-packages/").json()["results"] == []
    assert api.get(f"{API}/incoming-packages/{package.pk}/").status_code == 404
    assert api.post(f"{API}/incoming-packages/{package.pk}/register/", {}, format="json").status_code == 404


# --------------------------------------------------------------------------- statuses back to the sender
def codes(package):
    return list(package.statuses.order_by("id").values_list("code", flat=True))


def test_the_sender_is_told_each_stage_01_03_04_05_06(cast):
    package = waiting()
    document = package_register(actor=cast.actor(cast.clerk), package=package)
    assert codes(package) == ["01", "03", "04"]
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    incoming_direct(actor=cast.actor(cast.leader), document=document, opinion="Giao Phòng Tổng hợp", lead_unit=cast.tonghop)
    assert codes(package) == ["01", "03", "04", "05"]
    lead = document.assignments.get(kind=AssignmentKind.LEAD)
    assignment_complete(actor=cast.actor(cast.head), assignment=lead, proposal="Đã trả lời Sở Tài chính")
    assert codes(package) == ["01", "03", "04", "05", "06"]
    assert package.statuses.get(code="03").description == "Đã tiếp nhận"


def test_a_refusal_tells_the_sender_02_with_the_reason(cast):
    package = package_refuse(actor=cast.actor(cast.clerk), package=waiting(), reason="Văn bản gửi nhầm cơ quan")
    assert codes(package) == ["01", "02"]
    assert package.statuses.get(code="02").description == "Văn bản gửi nhầm cơ quan"


def test_a_document_registered_on_paper_tells_nobody(cast):
    document = incoming_register(
        actor=cast.actor(cast.clerk),
        data={"type_name": "Công văn", "issued_date": date(2026, 3, 5), "organ_name": "Sở Tài chính", "subject": "Bản giấy"},
    )
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    assert not SentStatus.objects.exists()
