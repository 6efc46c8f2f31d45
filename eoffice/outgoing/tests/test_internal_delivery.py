"""Liên thông nội bộ: a document issued to an agency hosted in this installation
travels as an edXML package by loopback (exchange.loopback) and waits for that
agency's registry, which registers it (03, 04), refuses it (02) or accepts its
recall (15); each status lands on the issuer's recipient timeline."""

import pytest

from eoffice.exchange import transport
from eoffice.exchange.models import Dispatch, PackageState, ReceivedPackage, SendState, TransportKind
from eoffice.exchange.sending import attempt, send_hosted_now
from eoffice.incoming.models import Status as InStatus
from eoffice.incoming.receiving.electronic import package_recall_accept, package_refuse, package_register
from eoffice.notifications.models import Notification
from eoffice.organisation.models import Agency
from eoffice.outgoing.issuance.services import outgoing_recall
from eoffice.outgoing.models import Delivery
from eoffice.outgoing.tests.conftest import issue_through


def codes(recipient):
    return list(recipient.statuses.values_list("code", flat=True))


@pytest.fixture
def no_axis(monkeypatch):
    """The configured transport must not be used for an agency hosted here."""

    def refuse(*args, **kwargs):
        raise AssertionError("sent over the exchange axis")

    monkeypatch.setattr(transport, "send", refuse)


def test_an_internal_document_waits_for_the_recipients_registry(office, no_axis):
    c = office
    doc = issue_through(c)
    recipient = doc.recipients.get()
    assert recipient.status == Delivery.QUEUED and not ReceivedPackage.objects.exists()  # sent after commit
    assert send_hosted_now() == 2  # the document, then the 01 it answers
    package = ReceivedPackage.objects.get()
    assert (package.agency, package.transport, package.state) == (c.other, TransportKind.LOOPBACK, PackageState.RECEIVED)
    assert package.header["code_number"] == doc.code_number and package.files.count() == 1
    recipient.refresh_from_db()
    assert recipient.status == Delivery.DELIVERED and codes(recipient) == ["01"]
    assert Notification.objects.filter(recipient=c.outsider, kind="incoming.arrived", object_id=str(package.pk)).exists()

    copy = package_register(actor=c.actor(c.outsider), package=package)
    send_hosted_now()
    assert codes(recipient) == ["01", "03", "04"]
    assert (copy.agency, copy.status, copy.package) == (c.other, InStatus.REGISTERED, package)


def test_the_recipients_registry_refuses_an_internal_document_with_its_reason(office, no_axis):
    c = office
    doc = issue_through(c)
    send_hosted_now()
    package = ReceivedPackage.objects.get()
    package_refuse(actor=c.actor(c.outsider), package=package, reason="Gửi nhầm nơi nhận, không thuộc thẩm quyền của Sở.")
    send_hosted_now()
    recipient = doc.recipients.get()
    assert codes(recipient) == ["01", "02"]
    assert recipient.statuses.get(code="02").description == "Gửi nhầm nơi nhận, không thuộc thẩm quyền của Sở."


def test_a_recall_is_accepted_by_the_recipients_registry(office, no_axis):
    c = office
    doc = issue_through(c)
    send_hosted_now()
    copy = package_register(actor=c.actor(c.outsider), package=ReceivedPackage.objects.get())
    outgoing_recall(actor=c.actor(c.clerk), document=doc, reason="Văn bản ban hành sai thẩm quyền.")
    send_hosted_now()
    request = ReceivedPackage.objects.get(business_doc_type=1)
    assert request.previous == copy.package and request.state == PackageState.RECEIVED
    copy.refresh_from_db()
    assert copy.status == InStatus.REGISTERED  # until the registry accepts the recall
    package_recall_accept(actor=c.actor(c.outsider), package=request)
    send_hosted_now()
    copy.refresh_from_db()
    assert copy.status == InStatus.RECALLED
    recipient = doc.recipients.get()
    # The recall request's own 01 joins the timeline unless it came within the same second as the first.
    assert codes(recipient)[:3] == ["01", "03", "04"] and codes(recipient)[3:] in (["01", "15"], ["15"])
    assert recipient.status == Delivery.RECALLED


def test_a_package_the_loopback_cannot_receive_is_a_dead_letter_with_the_reason(office, no_axis):
    c = office
    doc = issue_through(c)
    Agency.objects.filter(pk=c.other.pk).update(organ_id="000.03.00.H26")  # renumbered after the issue
    Agency.objects.filter(pk=c.office.pk).update(organ_id="000.04.00.H26")
    dispatch = Dispatch.objects.get(pk=doc.recipients.get().dispatch_id)
    Dispatch.objects.filter(pk=dispatch.pk).update(recipient_organ_id="000.03.00.H26")
    sent = attempt(dispatch.pk)
    assert sent.state == SendState.DEAD and "không dùng hệ thống này" in sent.last_error
    failed = ReceivedPackage.objects.get()
    assert failed.state == PackageState.FAILED and not failed.agency
    assert doc.recipients.get().status == Delivery.FAILED
