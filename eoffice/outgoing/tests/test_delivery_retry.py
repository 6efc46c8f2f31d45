"""A package the exchange fails to send shows FAILED, tells the user nothing
about server internals, and is sent by a later retry (exchange.sending) or
when the registry sends it again."""

import pytest
from django.utils import timezone

from eoffice.exchange import transport
from eoffice.exchange.models import Dispatch, SendState
from eoffice.exchange.sending import attempt
from eoffice.outgoing.models import Delivery
from eoffice.outgoing.tests.conftest import issue_through

pytestmark = pytest.mark.django_db


def fail_once(recipient):
    failed = attempt(recipient.dispatch_id)
    assert failed is not None and failed.state in (SendState.RETRYING, SendState.DEAD)


def test_a_refused_package_is_retried_until_it_is_sent(office, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("/srv/secret/outbox: no space left on device")

    monkeypatch.setattr(transport, "send", refuse)
    doc = issue_through(office, recipients=[office.external])
    recipient = doc.recipients.get()
    assert recipient.status == Delivery.QUEUED  # sent by a job after commit
    assert recipient.dispatch.message_id == recipient.message_id and recipient.dispatch.envelope_id == recipient.package_id
    fail_once(recipient)
    recipient.refresh_from_db()
    assert recipient.status == Delivery.FAILED and "/srv" not in recipient.note and recipient.message_id in recipient.note
    assert "tự gửi lại" in recipient.note

    monkeypatch.setattr(transport, "send", lambda *a, **k: "ok")
    Dispatch.objects.filter(pk=recipient.dispatch_id).update(next_attempt_at=timezone.now())  # the retry is due
    assert attempt(recipient.dispatch_id).state == SendState.SENT
    recipient.refresh_from_db()
    assert recipient.status == Delivery.SENT


def test_a_dead_letter_asks_the_registry_to_send_it_again(office, settings, monkeypatch):
    settings.EOFFICE_EXCHANGE_SEND_ATTEMPTS = 1
    monkeypatch.setattr(transport, "send", lambda *a, **k: (_ for _ in ()).throw(OSError("down")))
    recipient = issue_through(office, recipients=[office.external]).recipients.get()
    fail_once(recipient)
    recipient.refresh_from_db()
    assert recipient.status == Delivery.FAILED and "hãy gửi lại" in recipient.note


def test_the_registry_sends_a_failed_package_again(office, client, monkeypatch, django_capture_on_commit_callbacks):
    from django.urls import reverse

    monkeypatch.setattr(transport, "send", lambda *a, **k: (_ for _ in ()).throw(OSError("down")))
    doc = issue_through(office, recipients=[office.external])
    recipient = doc.recipients.get()
    fail_once(recipient)
    url = reverse("outgoing-resend", args=[doc.pk, recipient.pk])
    client.force_login(office.specialist)
    refused = client.post(url)  # not the registry: refused with the reason, nothing changed
    assert refused.status_code == 403 and 'role="alert"' in refused.content.decode()
    recipient.refresh_from_db()
    assert recipient.status == Delivery.FAILED

    monkeypatch.setattr(transport, "send", lambda *a, **k: "ok")
    client.force_login(office.clerk)
    detail = client.get(reverse("outgoing-detail", args=[doc.pk])).content.decode()
    assert url in detail
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    recipient.refresh_from_db()
    assert recipient.status == Delivery.SENT
    again = client.post(url)
    assert again.status_code == 409 and "Chỉ gửi lại được khi gửi lỗi" in again.content.decode()


def test_resend_through_the_api(office, monkeypatch):
    from eoffice.incoming.tests.api_helpers import API, login

    monkeypatch.setattr(transport, "send", lambda *a, **k: (_ for _ in ()).throw(OSError("down")))
    doc = issue_through(office, recipients=[office.external])
    recipient = doc.recipients.get()
    fail_once(recipient)
    clerk = login("vanthu")
    listed = clerk.get(f"{API}/outgoing/{doc.pk}/").json()["recipients"]
    assert listed[0]["id"] == recipient.pk and listed[0]["status"] == "failed"
    monkeypatch.setattr(transport, "send", lambda *a, **k: "ok")
    assert clerk.post(f"{API}/outgoing/{doc.pk}/resend/", {"recipient": 999999}, format="json").status_code == 400
    assert (
        login("chuyenvien").post(f"{API}/outgoing/{doc.pk}/resend/", {"recipient": recipient.pk}, format="json").status_code
        == 403
    )
    done = clerk.post(f"{API}/outgoing/{doc.pk}/resend/", {"recipient": recipient.pk}, format="json")
    assert done.status_code == 200 and done.json()["recipients"][0]["status"] in ("queued", "sent")
