"""Handing packages to the exchange axis (trục liên thông: LGSP of the province,
VDXP of the Government Office).

The setting EOFFICE_EXCHANGE_TRANSPORT chooses how: "outbox" (the default)
writes each package to a directory that an operator, an LGSP adapter or another
installation's inbox picks up; "http" posts it to a peer (exchange.http_transport);
a dotted path names a class with the same `send` method, e.g. a real
LGSP/VDXP HTTP client ("myorg.lgsp.LgspTransport"). See docs/edxml.md."""

import io
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

DEFAULT_TRANSPORT = "outbox"
# A message id becomes a file name: no path separators, no leading dot.
_MESSAGE_ID = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$")


class Rejected(Exception):
    """The receiver refused the package for good (it says why): sending it again
    unchanged would be refused again, so it is not retried automatically."""


class Transport(Protocol):
    def send(self, envelope: BinaryIO, *, message_id: str, recipient_organ_id: str) -> str:
        """Hand over one package, a binary file open at its start (read it as a
        stream: a package may carry 100 MB); return the transport's reference for it.
        Raise OSError when it could not be delivered now (it is retried), or
        Rejected when the receiver refused it."""


class OutboxTransport:
    """Writes `{message_id}.edxml` atomically into the outbox directory
    (EOFFICE_EXCHANGE_OUTBOX_DIR, else <var dir>/exchange/outbox). A reader never
    sees a half-written file: it appears complete or not at all."""

    def __init__(self, directory: Path | str | None = None):
        self.directory = Path(directory) if directory else outbox_directory()

    def send(self, envelope: BinaryIO, *, message_id: str, recipient_organ_id: str) -> str:
        if not _MESSAGE_ID.match(message_id):
            raise ValueError(f"message_id {message_id!r} cannot name an outbox file")
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.directory / f"{message_id}.edxml"
        # Written under a dot-name in the same directory, then renamed: a rename
        # within one file system is atomic, and pickers skip dot-files.
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=f".{message_id}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                shutil.copyfileobj(envelope, out)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, 0o640)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return str(target)


def outbox_directory() -> Path:
    configured = getattr(settings, "EOFFICE_EXCHANGE_OUTBOX_DIR", None)
    if configured:
        return Path(configured)
    var_dir = getattr(settings, "EOFFICE_VAR_DIR", None) or settings.VAR_DIR
    return Path(var_dir) / "exchange" / "outbox"


def get_transport() -> Transport:
    """The configured transport. Raises ImproperlyConfigured for an unknown value."""
    name = getattr(settings, "EOFFICE_EXCHANGE_TRANSPORT", DEFAULT_TRANSPORT) or DEFAULT_TRANSPORT
    if name == "outbox":
        return OutboxTransport()
    if name == "http":
        from eoffice.exchange.http_transport import HttpTransport

        return HttpTransport()
    if "." not in name:
        raise ImproperlyConfigured(
            f"EOFFICE_EXCHANGE_TRANSPORT={name!r} is unknown: use 'outbox', 'http' or the dotted path of a transport class."
        )
    try:
        transport_class = import_string(name)
    except ImportError as exc:
        raise ImproperlyConfigured(f"EOFFICE_EXCHANGE_TRANSPORT={name!r} cannot be imported: {exc}") from exc
    transport = transport_class()
    if not callable(getattr(transport, "send", None)):
        raise ImproperlyConfigured(
            f"EOFFICE_EXCHANGE_TRANSPORT={name!r} has no send(envelope, *, message_id, recipient_organ_id)."
        )
    return transport


def send(envelope: bytes | BinaryIO, *, message_id: str, recipient_organ_id: str) -> str:
    """Send one edXML package (its bytes or a binary file open at its start) with
    the configured transport; return its reference."""
    stream = io.BytesIO(envelope) if isinstance(envelope, bytes) else envelope
    return get_transport().send(stream, message_id=message_id, recipient_organ_id=recipient_organ_id)
