"""Loopback: a package for an agency hosted in this installation is received here,
by the same code as one that came over the exchange axis (exchange.receiving),
in the sending job, without leaving the installation. Documents issued from one
hosted agency to another thus wait for the recipient's registry like any
electronic arrival, and the statuses come back the same way (ND30 Art.21 §2b).

A confidential document (độ mật) travels only this way: edXML has no field for
it, so the Dispatch carries it and the received package records it."""

import shutil
import tempfile
from typing import BinaryIO

from eoffice.core.choices import Confidentiality
from eoffice.exchange.models import PackageState, TransportKind
from eoffice.exchange.transport import Rejected
from eoffice.organisation.models import Agency

SPOOL_BYTES = 4 * 1024 * 1024


def is_hosted(organ_id: str) -> bool:
    """Whether `organ_id` names an agency that works in this installation."""
    return bool(organ_id) and Agency.objects.filter(hosted=True, organ_id=organ_id).exists()


class LoopbackTransport:
    """Hands the package to exchange.receiving. A package the receiving side
    refuses (a broken or misaddressed one) is Rejected with its reason."""

    def __init__(self, confidentiality: int = Confidentiality.NORMAL):
        self.confidentiality = confidentiality

    def send(self, envelope: BinaryIO, *, message_id: str, recipient_organ_id: str) -> str:
        from eoffice.exchange.receiving import receive_package  # receiving sends statuses through sending

        with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as stream:  # seekable whatever the storage gives
            shutil.copyfileobj(envelope, stream)
            receipt = receive_package(
                stream=stream, transport=TransportKind.LOOPBACK, reference=message_id, confidentiality=self.confidentiality
            )
        failed = [p for p in receipt.packages if p.state == PackageState.FAILED]
        if failed:
            raise Rejected(failed[0].problem)
        numbers = [str(p.pk) for p in receipt.packages] or [f"trạng thái {s.pk}" for s in receipt.statuses]
        return f"{TransportKind.LOOPBACK}:{','.join(numbers)}"
