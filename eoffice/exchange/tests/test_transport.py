"""Handing packages to the exchange axis: the outbox and pluggable transports."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from eoffice.exchange import transport
from eoffice.exchange.transport import OutboxTransport, get_transport, send

PACKAGE = '<?xml version="1.0" encoding="utf-8"?>\n<edXML>Hải Phòng</edXML>'.encode()


class RecordingTransport:
    """Stands for a real LGSP/VDXP client, selected by its dotted path."""

    sent = []

    def send(self, envelope, *, message_id, recipient_organ_id):
        self.sent.append((envelope.read(), message_id, recipient_organ_id))
        return f"lgsp:{message_id}"


class NotATransport:
    pass


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.EOFFICE_EXCHANGE_TRANSPORT = "outbox"
    return tmp_path


def test_the_default_outbox_writes_the_package_under_the_var_dir(var_dir):
    reference = send(PACKAGE, message_id="a1b2c3", recipient_organ_id="000.00.12.H31")
    target = var_dir / "exchange" / "outbox" / "a1b2c3.edxml"
    assert reference == str(target)
    assert target.read_bytes() == PACKAGE


def test_the_outbox_is_the_default_when_nothing_is_configured(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    assert isinstance(get_transport(), OutboxTransport)


def test_an_outbox_directory_of_its_own_may_be_configured(var_dir, settings, tmp_path):
    settings.EOFFICE_EXCHANGE_OUTBOX_DIR = tmp_path / "lgsp" / "in"
    send(PACKAGE, message_id="m-1", recipient_organ_id="000.00.12.H31")
    assert (tmp_path / "lgsp" / "in" / "m-1.edxml").read_bytes() == PACKAGE
    assert not (var_dir / "exchange").exists()


def test_no_temporary_file_is_left_and_a_resend_replaces_the_package(var_dir):
    send(PACKAGE, message_id="m-2", recipient_organ_id="000.00.12.H31")
    send(PACKAGE + b"<!-- v2 -->", message_id="m-2", recipient_organ_id="000.00.12.H31")
    outbox = var_dir / "exchange" / "outbox"
    assert [p.name for p in outbox.iterdir()] == ["m-2.edxml"]
    assert (outbox / "m-2.edxml").read_bytes().endswith(b"<!-- v2 -->")


def test_a_failed_write_leaves_no_partial_file(var_dir, monkeypatch):
    def broken_replace(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(transport.os, "replace", broken_replace)
    with pytest.raises(OSError):
        send(PACKAGE, message_id="m-3", recipient_organ_id="000.00.12.H31")
    assert list((var_dir / "exchange" / "outbox").iterdir()) == []


@pytest.mark.parametrize("message_id", ["../escape", "a/b", ".hidden", "", "x" * 200])
def test_a_message_id_that_cannot_be_a_file_name_is_refused(var_dir, message_id):
    with pytest.raises(ValueError):
        send(PACKAGE, message_id=message_id, recipient_organ_id="000.00.12.H31")
    assert not (var_dir.parent / "escape.edxml").exists()


def test_a_transport_class_named_by_its_dotted_path_is_used(settings):
    settings.EOFFICE_EXCHANGE_TRANSPORT = f"{__name__}.RecordingTransport"
    RecordingTransport.sent.clear()
    reference = send(PACKAGE, message_id="m-4", recipient_organ_id="000.00.12.H31")
    assert reference == "lgsp:m-4"
    assert RecordingTransport.sent == [(PACKAGE, "m-4", "000.00.12.H31")]


@pytest.mark.parametrize(
    "value",
    [
        "ftp",
        "lgsp",
        "eoffice.exchange.tests.test_transport.Missing",
        "no_such_package.Transport",
        "eoffice.exchange.tests.test_transport.NotATransport",
    ],
)
def test_an_unknown_transport_is_an_improper_configuration(settings, value):
    settings.EOFFICE_EXCHANGE_TRANSPORT = value
    with pytest.raises(ImproperlyConfigured, match="EOFFICE_EXCHANGE_TRANSPORT"):
        send(PACKAGE, message_id="m-5", recipient_organ_id="000.00.12.H31")
