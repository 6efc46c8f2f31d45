"""A confidential (mật) document goes through the chain: each next actor is
granted access as their turn comes, nobody else sees it, and the recipient's
registry can see the copy it receives."""

import pytest
from django.http import Http404

from eoffice.audit.models import AuditEvent
from eoffice.incoming.models import IncomingDocument
from eoffice.outgoing.access import get_outgoing_for_user
from eoffice.outgoing.models import OutgoingDocument, Status
from eoffice.outgoing.tests.conftest import issue_through

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

    copy = IncomingDocument.objects.get(agency=c.other)
    assert copy.confidentiality == 1
    assert IncomingDocument.objects.visible_to(c.actor(c.outsider)).filter(pk=copy.pk).exists()
