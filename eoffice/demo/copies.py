"""The registry's copies (sao văn bản): a paper true copy of the latest issued
Quyết định with its copy of a copy, and an electronic true copy of the latest
paper document received with its scan."""

from eoffice.copies.services import CopyRequest, copy_make
from eoffice.copies.sources import source_for
from eoffice.demo.catalog import OFFICE
from eoffice.demo.story import Cast
from eoffice.incoming.models import IncomingDocument, Source
from eoffice.outgoing.models import OutgoingDocument, Status

CLERK, SIGNER = "vanthu", "chanhvp"


def copies_load(cast: Cast) -> None:
    actor = cast.actor(CLERK)
    agency = cast.agencies[OFFICE]
    decision = (
        OutgoingDocument.objects.filter(agency=agency, status=Status.ISSUED, type_name="Quyết định", confidentiality=0)
        .order_by("-issued_at")
        .first()
    )
    if decision is not None:
        paper = CopyRequest(
            form="SY",
            medium="paper",
            places=("Sở Tài chính", "Sở Nội vụ"),
            amount=2,
            signer=cast.users[SIGNER],
            signer_title="TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG",
        )
        true_copy = copy_make(actor=actor, source=source_for(actor, "outgoing", decision.pk), request=paper)
        of_copy = CopyRequest(form="SL", medium="paper", places=("Phòng Tổng hợp",), signer=cast.users[SIGNER])
        copy_make(actor=actor, source=source_for(actor, "original", true_copy.pk), request=of_copy)
    scanned = (
        IncomingDocument.objects.filter(agency=agency, source=Source.PAPER, confidentiality=0, attachments__isnull=False)
        .order_by("-arrival_date", "-arrival_number")
        .first()
    )
    if scanned is not None:
        electronic = CopyRequest(form="SY", medium="electronic", note="Gửi Sở Xây dựng qua trục liên thông")
        copy_make(actor=actor, source=source_for(actor, "incoming", scanned.pk), request=electronic)
