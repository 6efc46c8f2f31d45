"""Liên thông nội bộ in the demo: what the Office and the committee issued to Sở
Xây dựng travels by loopback into that department's "Văn bản điện tử chờ vào
sổ", as the sending job does after the load commits. Its registry (vanthu2)
registers all but the Office's latest (the recalled one too: it was registered
before its recall came), which waits in the queue, and accepts the recall; the statuses (01, 03, 04, 15) come back to the issuers'
pages."""

from eoffice.demo.story import Cast
from eoffice.exchange.models import PackageState, ReceivedPackage, TransportKind
from eoffice.exchange.sending import send_hosted_now
from eoffice.incoming.receiving.electronic import package_recall_accept, package_register

CLERK, AGENCY = "vanthu2", "sxd"


def internal_load(cast: Cast) -> list[ReceivedPackage]:
    send_hosted_now()
    clerk = cast.actor(CLERK, AGENCY)
    waiting = ReceivedPackage.objects.filter(
        agency=cast.agencies[AGENCY], transport=TransportKind.LOOPBACK, state=PackageState.RECEIVED
    ).order_by("received_at", "pk")
    documents = list(waiting.filter(business_doc_type=0))
    recalled = set(waiting.filter(business_doc_type=1).values_list("previous_id", flat=True))
    # Registered before its recall came; the Office's latest other one still waits.
    office = [p for p in documents if p.sender_organ_id == cast.agencies["vp"].organ_id and p.pk not in recalled]
    for package in documents:
        if package != office[-1]:
            package_register(actor=clerk, package=package)
    for request in waiting.filter(business_doc_type=1):
        package_recall_accept(actor=clerk, package=request)
    send_hosted_now()
    return list(ReceivedPackage.objects.filter(transport=TransportKind.LOOPBACK))
