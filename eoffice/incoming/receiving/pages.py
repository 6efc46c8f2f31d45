"""What the received package's page shows: the package, its files (PDF pages
and signatures), and the registry's two steps (receiving/workflow.py)."""

from typing import Any

from eoffice.attachments.http import pdf_page_count
from eoffice.core.choices import INCOMING_TYPE_CHOICES
from eoffice.core.errors import ServiceError
from eoffice.core.workflow import Bound
from eoffice.exchange.models import ReceivedFile, ReceivedPackage
from eoffice.incoming.models import IncomingDocument
from eoffice.incoming.receiving.workflow import PACKAGE
from eoffice.organisation.models import Agency
from eoffice.organisation.selectors import Actor
from eoffice.signatures.verification import SignatureReport, verify_pdf_kept


def package_context(actor: Actor, package: ReceivedPackage, bound: Bound | None = None) -> dict[str, Any]:
    header = package.header
    declared = header.get("type_name") or ""
    return {
        "package": package,
        "files": [_file(f) for f in package.files.select_related("stored_file")],
        "actions": PACKAGE.available(actor, package, bound),
        "incoming": IncomingDocument.objects.filter(package=package).first(),
        "content": header.get("content") or "",
        "declared_type": declared,
        "issued_date": package.header_date("promulgation_date"),
        "unknown_type": declared if declared and declared not in dict(INCOMING_TYPE_CHOICES) else "",
        "business": package.business_doc_type,
        "recalled": IncomingDocument.objects.filter(package_id=package.previous_id).first() if package.previous_id else None,
        "unknown_sender": bool(package.sender_organ_id) and not Agency.objects.filter(organ_id=package.sender_organ_id).exists(),
    }


def _file(received: ReceivedFile) -> tuple[ReceivedFile, range, list[SignatureReport], str]:
    """The file, its PDF page numbers, and its signatures verified (or why they could not be)."""
    stored = received.stored_file
    if not stored.is_pdf:
        return received, range(0), [], ""
    with stored.file.open("rb") as handle:
        data = handle.read()
    try:
        reports, problem = verify_pdf_kept(data), ""
    except ServiceError as error:
        reports, problem = [], error.message
    return received, range(1, pdf_page_count(stored, data) + 1), reports, problem  # the file read once
