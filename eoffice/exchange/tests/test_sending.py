"""Sending packages (exchange.sending): one attempt at a time per package,
retried after growing delays, a dead letter when refused for good or when the
attempts run out, and sent again on request with the same message id."""

from datetime import timedelta

import pytest
from django.utils import timezone

from eoffice.attachments.services import stored_file_from_bytes
from eoffice.exchange import sending, transport
from eoffice.exchange.models import Dispatch, DispatchKind, SendState
from eoffice.exchange.tasks import send_due_task
from eoffice.exchange.transport import Rejected

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(monkeypatch):
    """What the transport was given; `calls.fail` says how it answers."""

    class Calls(list):
        fail: Exception | None = None

    made = Calls()

    def fake_send(envelope, *, message_id, recipient_organ_id):
        made.append((envelope.read(), message_id, recipient_organ_id))
        if made.fail is not None:
            raise made.fail
        return f"ref-{message_id}"

    monkeypatch.setattr(transport, "send", fake_send)
    return made


def a_dispatch(**kwargs) -> Dispatch:
    envelope = stored_file_from_bytes(data=b"<edXML/>", extension="edxml", content_type="application/xml")
    return sending.dispatch(kind=DispatchKind.DOCUMENT, envelope=envelope, recipient_organ_id="000.00.13.H31", **kwargs)


def test_a_package_is_sent_once_with_its_message_id(calls):
    row = a_dispatch(message_id="abc123")
    sent = sending.attempt(row.pk)
    assert (sent.state, sent.attempts, sent.reference) == (SendState.SENT, 1, "ref-abc123")
    assert calls == [(b"<edXML/>", "abc123", "000.00.13.H31")]
    assert sending.attempt(row.pk) is None and len(calls) == 1


def test_a_failure_is_retried_after_growing_delays_then_dead(calls, settings):
    settings.EOFFICE_EXCHANGE_SEND_ATTEMPTS, settings.EOFFICE_EXCHANGE_RETRY_SECONDS = 3, 60
    calls.fail = OSError("Connection refused")
    row = a_dispatch()
    delays = []
    for _ in range(2):
        before = timezone.now()
        failed = sending.attempt(row.pk)
        assert failed.state == SendState.RETRYING and failed.last_error == "Connection refused"
        delays.append(round((failed.next_attempt_at - before).total_seconds() / 60))
        assert sending.attempt(row.pk) is None  # not due yet
        Dispatch.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert delays == [1, 2]
    dead = sending.attempt(row.pk)
    assert (dead.state, dead.attempts) == (SendState.DEAD, 3)
    assert row.pk not in sending.due()


def test_a_package_the_receiver_refuses_is_dead_at_once(calls):
    calls.fail = Rejected("HTTP 422: sai mã định danh")
    dead = sending.attempt(a_dispatch().pk)
    assert (dead.state, dead.attempts, dead.last_error) == (SendState.DEAD, 1, "HTTP 422: sai mã định danh")


def test_a_package_held_by_a_worker_is_not_sent_twice_until_its_lease_ends(calls):
    row = a_dispatch()
    Dispatch.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now() + sending.LEASE)  # claimed, worker died
    assert sending.attempt(row.pk) is None and row.pk not in sending.due() and not calls
    Dispatch.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert send_due_task.call_local() == 1
    assert Dispatch.objects.get(pk=row.pk).state == SendState.SENT and len(calls) == 1


def test_a_dead_letter_is_sent_again_with_a_fresh_round(calls, settings, django_capture_on_commit_callbacks):
    settings.EOFFICE_EXCHANGE_SEND_ATTEMPTS = 1
    calls.fail = OSError("down")
    row = a_dispatch(message_id="same-id")
    assert sending.attempt(row.pk).state == SendState.DEAD
    calls.fail = None
    with django_capture_on_commit_callbacks(execute=True):
        again = sending.retry(row)
    again.refresh_from_db()
    assert (again.state, again.message_id) == (SendState.SENT, "same-id")
    assert [call[1] for call in calls] == ["same-id", "same-id"]


def test_the_job_after_commit_sends_it(calls, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = a_dispatch()
    assert Dispatch.objects.get(pk=row.pk).state == SendState.SENT


def test_a_programming_error_is_not_swallowed_and_the_package_waits_for_its_lease(calls):
    """Neither a refusal nor a network fault: the error reaches the job's log, and the
    row keeps its claim, so the sweep tries again when the lease ends (nothing lost)."""
    calls.fail = ValueError("a bug in the transport")
    row = a_dispatch()
    before = timezone.now()
    with pytest.raises(ValueError, match="a bug"):
        sending.attempt(row.pk)
    held = Dispatch.objects.get(pk=row.pk)
    assert (held.state, held.attempts) == (SendState.QUEUED, 0)
    assert held.next_attempt_at >= before + sending.LEASE - timedelta(seconds=1) and row.pk not in sending.due()
