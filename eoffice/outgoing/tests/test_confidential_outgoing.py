"""A confidential (mật) document goes through the chain: each next actor is
granted access as their turn comes, nobody else sees it, and the recipient's
registry can see the copy it receives."""

import pytest
from django.http import Http404

from eoffice.audit.models import AuditEvent
from eoffice.exchange import sending
from eoffice.exchange.models import ReceivedPackage, SendState
from eoffice.incoming.models import IncomingDocument
from eoffice.incoming.receiving.electronic import package_register
from eoffice.organisation.models import Agency
from eoffice.outgoing.access import get_outgoing_for_user
from eoffice.outgoing.models import OutgoingDocument, Status
from eoffice.outgoing.tests.conftest import issue_through, registered_copy
from eoffice.registers.models import RegisterKind

pytestmark = pytest.mark.django_db


def test_a_confidential_document_is_seen_by_whoever_acts_on_it_and_nobody_else(office):
    c = office
    doc = issue_through(c, confidentiality=1)
    assert doc.status == Status.ISSUED
    for user in (c.specialist, c.head, c.checker, c.leader, c.clerk):
        assert get_outgoing_for_user(c.actor(user), doc.pk) == doc, user.username
    for user in (c.kt_specialist, c.kt_head):
        with pytest.raises(Http404):
            get_outgoing_for_user(c.actor(user), doc.pk)
    assert not OutgoingDocument.objects.visible_to(c.actor(c.kt_head)).exists()
    assert AuditEvent.objects.filter(action="outgoing.read_confidential", actor=c.clerk).exists()
    granted = {g.user for g in doc.grants.all()}
    assert granted == {c.specialist, c.head, c.checker, c.leader, c.clerk}  # the drafter, then each next actor
    assert AuditEvent.objects.filter(action="outgoing.grant", object_id=str(doc.pk)).count() == 4

    # By loopback only: the package keeps the độ mật edXML cannot carry, and the copy is registered as mật.
    copy = registered_copy(c, doc)
    assert ReceivedPackage.objects.get(agency=c.other).confidentiality == 1
    assert (copy.confidentiality, copy.register.kind) == (1, RegisterKind.INCOMING_SECRET)
    assert IncomingDocument.objects.visible_to(c.actor(c.outsider)).filter(pk=copy.pk).exists()


def test_a_confidential_package_never_leaves_the_installation(office):
    """Even when the recipient stopped being hosted after issue, the send is refused for good."""
    c = office
    doc = issue_through(c, confidentiality=1)
    Agency.objects.filter(pk=c.other.pk).update(hosted=False)
    dispatch = doc.recipients.get().dispatch
    sent = sending.attempt(dispatch.pk)
    assert sent.state == SendState.DEAD and "Văn bản mật" in sent.last_error
    assert not ReceivedPackage.objects.exists()


def test_the_registry_cannot_lower_a_packages_confidentiality(office):
    c = office
    issue_through(c, confidentiality=2)
    sending.send_hosted_now()
    package = ReceivedPackage.objects.get(agency=c.other)
    copy = package_register(actor=c.actor(c.outsider), package=package, data={"confidentiality": 0})
    assert copy.confidentiality == 2


def test_reading_a_confidential_package_is_audited_and_the_api_says_it_is(office, client):
    c = office
    issue_through(c, confidentiality=1)
    sending.send_hosted_now()
    package = ReceivedPackage.objects.get(agency=c.other)
    client.force_login(c.outsider)
    page = client.get(f"/van-ban-den/dien-tu/{package.pk}/")
    assert page.status_code == 200 and 'id="package-secret"' in page.content.decode()
    assert AuditEvent.objects.filter(action="exchange.read_confidential", actor=c.outsider, object_id=str(package.pk)).exists()
    assert client.get(f"/api/v1/incoming-packages/{package.pk}/").json()["confidentiality"] == 1
    client.force_login(c.clerk)  # the Office's registry: not its package
    assert client.get(f"/van-ban-den/dien-tu/{package.pk}/").status_code == 404
