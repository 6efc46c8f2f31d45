"""The `directory` transport's receiving side: packages dropped into the inbox
folder (by another installation's outbox, an operator or an LGSP adapter) are
received by a worker job every minute.

A file is claimed by renaming it into `processing/` (a rename is atomic: two
workers never take the same file), received, then moved to `done/`, or to
`failed/` beside a `.reason.txt` when it could not be read. A worker killed
mid-file leaves it in `processing/`, where the next run takes it up again;
receiving is idempotent (exchange.receiving), so that makes no second document.
Writers must write under a dot-name and rename, as OutboxTransport does: files
whose name starts with a dot are not touched."""

import logging
import os
from pathlib import Path

from django.conf import settings

from eoffice.exchange.models import PackageState
from eoffice.exchange.receiving import Receipt, receive_package

logger = logging.getLogger(__name__)
SUFFIXES = (".edxml", ".xml")


def inbox_directory() -> Path:
    configured = getattr(settings, "EOFFICE_EXCHANGE_INBOX_DIR", None)
    if configured:
        return Path(configured)
    var_dir = getattr(settings, "EOFFICE_VAR_DIR", None) or settings.VAR_DIR
    return Path(var_dir) / "exchange" / "inbox"


def poll_inbox(directory: Path | None = None) -> list[Receipt]:
    """Receive every package waiting in the inbox folder; return the receipts."""
    inbox = directory or inbox_directory()
    processing = inbox / "processing"
    for name in ("processing", "done", "failed"):
        (inbox / name).mkdir(parents=True, exist_ok=True)
    receipts = [_receive(path, inbox) for path in _waiting(processing)]  # left by a worker that died
    for path in _waiting(inbox):
        claimed = processing / path.name
        try:
            os.rename(path, claimed)
        except FileNotFoundError:  # another worker claimed it first
            continue
        receipts.append(_receive(claimed, inbox))
    return receipts


def _waiting(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.is_file() and not p.name.startswith(".") and p.suffix in SUFFIXES)


def _receive(path: Path, inbox: Path) -> Receipt:
    with path.open("rb") as stream:
        receipt = receive_package(stream=stream, transport="directory", reference=path.name)
    problems = [p.problem for p in receipt.packages if p.state == PackageState.FAILED]
    problems += [s.problem for s in receipt.statuses if not s.matched]
    target = inbox / ("failed" if problems else "done") / path.name
    if problems:
        target.with_name(path.name + ".reason.txt").write_text(problems[0] + "\n", encoding="utf-8")
        logger.warning("edXML package %s failed: %s", path.name, problems[0])
    os.replace(path, target)
    return receipt
