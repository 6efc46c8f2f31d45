"""A package the exchange refuses stays FAILED, tells the user nothing about
server internals, and is sent by a later retry."""

import pytest

from eoffice.exchange import transport
from eoffice.outgoing.delivery import send_package
from eoffice.outgoing.models import Delivery
from eoffice.outgoing.tasks import NotSent, send_package_task
from eoffice.outgoing.tests.conftest import issue_through

pytestmark = pytest.mark.django_db


def test_a_refused_package_is_retried_until_it_is_sent(office, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("/srv/secret/outbox: no space left on device")

    monkeypatch.setattr(transport, "send", refuse)
    doc = issue_through(office, recipients=[office.external])
    recipient = doc.recipients.get()
    assert recipient.status == Delivery.QUEUED  # sent by a job after commit
    with pytest.raises(NotSent):
        send_package_task.call_local(recipient.pk)
    recipient.refresh_from_db()
    assert recipient.status == Delivery.FAILED and "/srv" not in recipient.note and recipient.message_id in recipient.note

    monkeypatch.setattr(transport, "send", lambda *a, **k: "ok")
    assert send_package(recipient=recipient).status == Delivery.SENT
