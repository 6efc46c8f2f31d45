"""One installation of the two-installation test (test_two_installations.py),
driven step by step in its own process, on its own database and var folder:
`python -m eoffice.exchange.tests.installation <step> '<json arguments>'`
prints the step's result as JSON. Steps call the same services as the pages."""

import json
import os
import sys
from typing import Any

SENDER, RECEIVER = "000.01.00.H26", "000.00.00.G15"  # Văn phòng UBND, and Bộ Xây dựng


def seed_sender() -> dict[str, Any]:
    """The Văn phòng UBND of the test cast, able to sign and issue, with Bộ Xây
    dựng (the other installation) as an external recipient."""
    from eoffice.conftest import make_cast
    from eoffice.outgoing.tests.conftest import signing_office

    signing_office(make_cast())
    return {"seeded": SENDER}


def seed_receiver() -> dict[str, Any]:
    """The test cast with its office renamed into Bộ Xây dựng, the recipient."""
    from eoffice.conftest import make_cast

    office = make_cast().office
    office.name, office.short_name, office.organ_id = "Bộ Xây dựng", "BXD", RECEIVER
    office.save()
    return {"seeded": RECEIVER}


def issue(subject: str) -> dict[str, Any]:
    from eoffice.conftest import load_cast
    from eoffice.organisation.models import Agency, User
    from eoffice.outgoing.tests.conftest import issue_through

    cast = load_cast()
    cast.checker = User.objects.get(username="kiemtra")  # signing_office's format checker
    document = issue_through(cast, recipients=[Agency.objects.get(organ_id=RECEIVER)], subject=subject)
    return {"document": document.pk, "symbol": document.symbol_display}


def sender_view(document: int) -> dict[str, Any]:
    """What the sender's outgoing page shows of its one recipient."""
    from eoffice.outgoing.models import Recipient

    recipient = Recipient.objects.select_related("dispatch").get(document_id=document)
    return {
        "delivery": recipient.status,
        "dispatch": recipient.dispatch.state if recipient.dispatch else None,
        "statuses": list(recipient.statuses.order_by("at", "id").values_list("code", flat=True)),
    }


def packages() -> dict[str, Any]:
    from eoffice.exchange.models import ReceivedPackage

    rows = ReceivedPackage.objects.order_by("id")
    fields = ("id", "state", "subject", "transport", "business_doc_type")
    return {"packages": [dict(zip(fields, row, strict=True)) for row in rows.values_list(*fields)]}


def register(package: int) -> dict[str, Any]:
    """The registry registers the package and submits it to the leader."""
    from eoffice.conftest import load_cast
    from eoffice.exchange.models import ReceivedPackage
    from eoffice.incoming.handling.services import incoming_submit
    from eoffice.incoming.receiving.electronic import package_register

    cast = load_cast()
    document = package_register(actor=cast.actor(cast.clerk), package=ReceivedPackage.objects.get(pk=package))
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    return {"document": document.pk, "arrival_number": document.arrival_number}


def direct(document: int) -> dict[str, Any]:
    from eoffice.conftest import load_cast
    from eoffice.incoming.handling.services import incoming_direct
    from eoffice.incoming.models import IncomingDocument

    cast = load_cast()
    incoming = IncomingDocument.objects.get(pk=document)
    incoming_direct(actor=cast.actor(cast.leader), document=incoming, opinion="Giao Phòng Tổng hợp", lead_unit=cast.tonghop)
    return {"directed": document}


def complete(document: int) -> dict[str, Any]:
    from eoffice.conftest import load_cast
    from eoffice.incoming.handling.assignments import assignment_complete
    from eoffice.incoming.models import AssignmentKind, IncomingDocument

    cast = load_cast()
    lead = IncomingDocument.objects.get(pk=document).assignments.get(kind=AssignmentKind.LEAD)
    assignment_complete(actor=cast.actor(cast.head), assignment=lead, proposal="Đã xử lý xong")
    return {"completed": document}


def recall(document: int, reason: str) -> dict[str, Any]:
    """The sender's registry recalls its issued document (a package of business type 1 goes out)."""
    from eoffice.conftest import load_cast
    from eoffice.outgoing.issuance.services import outgoing_recall
    from eoffice.outgoing.models import OutgoingDocument

    cast = load_cast()
    outgoing_recall(actor=cast.actor(cast.clerk), document=OutgoingDocument.objects.get(pk=document), reason=reason)
    return {"recalled": document}


def accept_recall(package: int) -> dict[str, Any]:
    from eoffice.conftest import load_cast
    from eoffice.exchange.models import ReceivedPackage
    from eoffice.incoming.models import IncomingDocument
    from eoffice.incoming.receiving.electronic import package_recall_accept

    cast = load_cast()
    request = package_recall_accept(actor=cast.actor(cast.clerk), package=ReceivedPackage.objects.get(pk=package))
    withdrawn = IncomingDocument.objects.get(package_id=request.previous_id)
    return {"state": request.state, "document_status": withdrawn.status}


def poll_inbox() -> dict[str, Any]:
    from eoffice.exchange.inbox import poll_inbox as poll

    return {"received": len(poll())}


def send_again(document: int) -> dict[str, Any]:
    """The same package once more, as a sender whose reply was lost would."""
    from django.utils import timezone

    from eoffice.exchange.models import Dispatch, SendState
    from eoffice.exchange.sending import attempt
    from eoffice.outgoing.models import Recipient

    dispatch = Recipient.objects.get(document_id=document).dispatch
    Dispatch.objects.filter(pk=dispatch.pk).update(state=SendState.QUEUED, next_attempt_at=timezone.now())
    return {"state": attempt(dispatch.pk).state}


STEPS = {
    f.__name__: f
    for f in (
        *(seed_sender, seed_receiver, issue, sender_view, packages, register, direct, complete),
        *(recall, accept_recall, poll_inbox, send_again),
    )
}


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eoffice.settings")
    django.setup()
    step, arguments = sys.argv[1], json.loads(sys.argv[2] if len(sys.argv) > 2 else "{}")
    print(json.dumps(STEPS[step](**arguments)))


if __name__ == "__main__":
    main()
