"""The statuses we send back about a received package: 01 on arrival, 02 with the
reason when it is refused here; each once, sent as a Dispatch through the transport."""

import io
from datetime import UTC, datetime

import pytest

from eoffice.exchange.models import PackageState, SendState, SentStatus
from eoffice.exchange.receiving import receive_package
from eoffice.exchange.sending import attempt
from eoffice.exchange.status import parse_status
from eoffice.exchange.statuses import queue_status
from eoffice.exchange.tests.documents import a_package
from eoffice.exchange.tests.test_receiving import EXE, _with


def receive(data: bytes):
    return receive_package(stream=io.BytesIO(data), transport="directory").packages


def read(status: SentStatus):
    with status.dispatch.envelope.file.open("rb") as handle:
        return parse_status(handle.read())


def test_an_arrival_is_answered_with_01_addressed_to_the_sender(cast):
    (package,) = receive(a_package())
    (status,) = package.statuses.all()
    message = read(status)
    assert (status.code, status.dispatch.state, message.status_code) == ("01", SendState.QUEUED, "01")
    assert status.dispatch.recipient_organ_id == "000.00.13.H31"
    assert message.response_for.document_id == package.document_id == "000.00.13.H31,2026/03/05,125/STC-NS"
    assert (message.response_for.organ_id, message.response_for.code) == ("000.00.13.H31", "125/STC-NS")
    assert (message.sender.organ_id, message.sender.organ_name) == (cast.office.organ_id, cast.office.name)


def test_a_repeat_of_the_package_sends_no_second_01(cast):
    data = a_package()
    receive(data)
    receive(data)
    receive(a_package(now=datetime(2026, 3, 6, 8, 0, tzinfo=UTC)))
    assert SentStatus.objects.filter(code="01").count() == 1


def test_a_package_refused_here_is_answered_with_02_and_the_reason(cast):
    (package,) = receive(a_package(attachment_data=EXE))
    assert package.state == PackageState.FAILED
    (status,) = package.statuses.all()
    assert status.code == "02" and "không phải là tệp .pdf hợp lệ" in read(status).description


@pytest.mark.parametrize("data", [b"<edXML><unclosed>", _with(a_package(), "000.00.13.H31<", "SO-TAI-CHINH<")])
def test_a_package_whose_sender_cannot_be_answered_gets_no_status(cast, data):
    receive(data)
    assert not SentStatus.objects.exists()


def test_a_queued_status_goes_to_the_outbox_once(cast, settings, tmp_path):
    settings.EOFFICE_EXCHANGE_OUTBOX_DIR = str(tmp_path)
    (package,) = receive(a_package())
    status = package.statuses.get()
    sent = attempt(status.dispatch_id)
    assert sent.state == SendState.SENT and sent.sent_at is not None and sent.attempts == 1
    written = tmp_path / f"{sent.message_id}.edxml"
    assert written.read_bytes() == sent.envelope.file.open("rb").read()
    assert sent.reference == str(written)
    assert attempt(status.dispatch_id) is None  # sent: not sent again
    assert queue_status(package, "01") == status  # once per code


def test_the_job_runs_after_the_receiving_transaction_commits(cast, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.EOFFICE_EXCHANGE_OUTBOX_DIR = str(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        (package,) = receive(a_package())
    dispatch = package.statuses.get().dispatch
    dispatch.refresh_from_db()
    assert dispatch.state == SendState.SENT and (tmp_path / f"{dispatch.message_id}.edxml").exists()
