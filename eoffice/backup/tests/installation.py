"""One installation of the round-trip test (test_round_trip.py), driven in its
own process on its own database and var folder:
`python -m eoffice.backup.tests.installation <step>` prints the step's result as JSON."""

import hashlib
import io
import json
import os
import sys
from typing import Any


def seed() -> dict[str, Any]:
    """The test cast, the test CA's keys (files under <var>/pki), and incoming
    documents registered with a PDF each."""
    from eoffice.conftest import make_cast
    from eoffice.signatures.management.commands.signing_test_ca import create_test_signing_keys

    cast = make_cast()
    create_test_signing_keys()
    for number in (120, 121, 122):
        _register(cast, number)
    return describe()


def describe() -> dict[str, Any]:
    """What the registry sees: each document's number, subject and the SHA-256
    of its files' bytes as read from storage."""
    from eoffice.incoming.models import IncomingDocument

    documents = []
    for document in IncomingDocument.objects.order_by("pk").prefetch_related("attachments__stored_file"):
        files = []
        for attachment in document.attachments.all():
            with attachment.stored_file.file.open("rb") as stored:
                files.append([attachment.filename, hashlib.sha256(stored.read()).hexdigest()])
        documents.append({"number": document.arrival_number, "subject": document.subject, "files": files})
    return {"documents": documents}


def register_next() -> dict[str, Any]:
    """The audit chain verified as restored, one more registration, verified again."""
    from django.core.management import call_command

    from eoffice.conftest import load_cast

    call_command("audit_verify", stdout=io.StringIO())
    document = _register(load_cast(), 123)
    call_command("audit_verify", stdout=io.StringIO())
    return {"number": document.arrival_number}


def _register(cast, number: int):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from eoffice.conftest import incoming_data
    from eoffice.demo.pdf import pdf_bytes
    from eoffice.incoming.receiving.services import incoming_register

    upload = SimpleUploadedFile(f"cong-van-{number}.pdf", pdf_bytes([f"Cong van so {number}/SXD-QLXD"]), "application/pdf")
    data = incoming_data(code_number=str(number), subject=f"Về việc báo cáo số {number}")
    return incoming_register(actor=cast.actor(cast.clerk), data=data, files=[upload])


STEPS = {step.__name__: step for step in (seed, describe, register_next)}


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eoffice.settings")
    django.setup()
    print(json.dumps(STEPS[sys.argv[1]]()))


if __name__ == "__main__":
    main()
