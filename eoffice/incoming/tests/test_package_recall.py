"""A recall request (a package of business type 1, thu hồi) from the sender of
a document we received: the registry accepts it (the document leaves every
inbox, the sender is told 15) or refuses it with the reason (16)."""

import io

import pytest
from django.urls import reverse

from eoffice.audit.models import AuditEvent
from eoffice.core.errors import InvalidState, NotAllowed, ValidationFailed
from eoffice.exchange.models import PackageState, ReceivedPackage
from eoffice.exchange.receiving import receive_package
from eoffice.exchange.tests.documents import a_package
from eoffice.incoming.handling.services import incoming_direct, incoming_submit
from eoffice.incoming.models import Status
from eoffice.incoming.receiving.electronic import package_recall_accept, package_recall_refuse, package_register
from eoffice.incoming.tests.api_helpers import API, login

pytestmark = pytest.mark.django_db
ORIGINAL = "000.00.13.H31,2026/03/05,125/STC-NS"
REASON = "Văn bản ban hành sai thẩm quyền"


def received(**changes) -> ReceivedPackage:
    (package,) = receive_package(stream=io.BytesIO(a_package(**changes)), transport="directory").packages
    assert package.state == PackageState.RECEIVED, package.problem
    return package


def recall_request() -> ReceivedPackage:
    return received(business_doc_type=1, business_doc_reason=REASON, business_document_id=ORIGINAL)


def codes(package):
    return list(package.statuses.order_by("id").values_list("code", flat=True))


def test_accepting_a_recall_withdraws_the_registered_document_and_tells_15(cast):
    original = received()
    document = package_register(actor=cast.actor(cast.clerk), package=original)
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    incoming_direct(actor=cast.actor(cast.leader), document=document, opinion="Giao Phòng Tổng hợp", lead_unit=cast.tonghop)
    request = recall_request()
    assert request.previous == original
    package_recall_accept(actor=cast.actor(cast.clerk), package=request)
    document.refresh_from_db()
    request.refresh_from_db()
    assert document.status == Status.RECALLED and not document.assignments.filter(is_open=True).exists()
    trace = document.trace.order_by("-id").first()
    assert trace.action == "recall" and "Sở Tài chính thu hồi văn bản" in trace.summary and trace.opinion == REASON
    assert request.state == PackageState.ACCEPTED and codes(request) == ["01", "15"]
    assert AuditEvent.objects.filter(action="exchange.recall_accepted", object_id=str(request.pk)).exists()


def test_a_recall_of_a_package_not_registered_yet_withdraws_the_package(cast):
    original = received()
    package_recall_accept(actor=cast.actor(cast.clerk), package=recall_request())
    original.refresh_from_db()
    assert original.state == PackageState.WITHDRAWN and REASON in original.problem
    with pytest.raises(InvalidState):
        package_register(actor=cast.actor(cast.clerk), package=original)
    (repeat,) = receive_package(stream=io.BytesIO(a_package(subject="Cùng văn bản")), transport="directory").packages
    assert repeat == original  # a withdrawn package still stands for its DocumentId: a repeat is no new document


def test_refusing_a_recall_keeps_the_document_and_tells_16_with_the_reason(cast):
    document = package_register(actor=cast.actor(cast.clerk), package=received())
    request = recall_request()
    with pytest.raises(ValidationFailed):
        package_recall_refuse(actor=cast.actor(cast.clerk), package=request, reason="sai")
    package_recall_refuse(actor=cast.actor(cast.clerk), package=request, reason="Văn bản đã được thực hiện xong")
    request.refresh_from_db()
    document.refresh_from_db()
    assert request.state == PackageState.REFUSED and document.status != Status.RECALLED
    assert codes(request) == ["01", "16"]
    assert request.statuses.get(code="16").description == "Văn bản đã được thực hiện xong"


def test_only_the_registry_handles_a_recall_and_a_recall_is_not_registered(cast):
    request = recall_request()
    with pytest.raises(NotAllowed):
        package_recall_accept(actor=cast.actor(cast.specialist), package=request)
    with pytest.raises(InvalidState, match="yêu cầu thu hồi"):
        package_register(actor=cast.actor(cast.clerk), package=request)
    with pytest.raises(InvalidState, match="không phải yêu cầu thu hồi"):
        package_recall_accept(actor=cast.actor(cast.clerk), package=received())


def test_the_page_and_the_api_offer_the_recall_steps(cast, client):
    document = package_register(actor=cast.actor(cast.clerk), package=received())
    request = recall_request()
    client.force_login(cast.clerk)
    page = client.get(reverse("incoming-package", args=[request.pk])).content.decode()
    assert 'id="recall-request"' in page and reverse("incoming-detail", args=[document.pk]) in page
    assert (
        reverse("package-recall-accept", args=[request.pk]) in page and reverse("package-register", args=[request.pk]) not in page
    )
    refused = client.post(reverse("package-recall-refuse", args=[request.pk]), {"recall-reason": "x"})
    assert refused.status_code == 400 and '<details open id="recall-refuse">' in refused.content.decode()
    assert ReceivedPackage.objects.get(pk=request.pk).state == PackageState.RECEIVED

    clerk = login("vanthu")
    assert login("chuyenvien").post(f"{API}/incoming-packages/{request.pk}/recall-accept/").status_code in (403, 404)
    done = clerk.post(f"{API}/incoming-packages/{request.pk}/recall-accept/")
    assert done.status_code == 200 and done.json()["state"] == "accepted"
    again = clerk.post(
        f"{API}/incoming-packages/{request.pk}/recall-refuse/", {"reason": "Đã quá muộn để thu hồi"}, format="json"
    )
    assert again.status_code == 409
    document.refresh_from_db()
    assert document.status == Status.RECALLED
