"""What an incoming document (văn bản đến) gives the search, and who may find
it: the same rule as IncomingDocument.objects.visible_to (a test checks both
agree, eoffice/search/tests/test_principals.py). Registered from IncomingConfig.ready()."""

from django.urls import reverse

from eoffice.core.choices import Confidentiality
from eoffice.incoming.models import IncomingDocument, Status
from eoffice.search.sources import Entry, Source, body_text, register


def incoming_principals(document) -> set[str]:
    """IncomingDocument.objects.visible_to: the registry and leaders see the
    ordinary ones, others what is assigned to them or (unassigned within)
    their unit; confidential ones only through a grant."""
    # .all() rather than values_list: a rebuild prefetches these relations.
    tokens = {f"u{grant.user_id}" for grant in document.grants.all()}
    if document.confidentiality != Confidentiality.NORMAL:
        return tokens
    tokens.add(f"a{document.agency_id}")
    for assignment in document.assignments.all():
        tokens.add(f"u{assignment.user_id}" if assignment.user_id is not None else f"n{assignment.unit_id}")
    return tokens


def incoming_entry(document) -> Entry:
    lead = next((a.unit for a in document.assignments.all() if a.parent_id is None and a.kind == "lead" and a.unit), None)
    return Entry(
        kind="incoming",
        pk=document.pk,
        agency_id=document.agency_id,
        principals=frozenset(incoming_principals(document)),
        type_name=document.type_name,
        number=document.symbol_display if document.code_number or document.code_notation else "",
        subject=document.subject,
        issuer=document.organ_name,
        body=body_text(a.stored_file.text for a in document.attachments.all()),
        day=document.arrival_date,
        status=document.status,
        unit=lead.abbreviation if lead else "",
        url=reverse("incoming-detail", args=[document.pk]),
        extra={"arrival_number": document.arrival_number},
    )


def _status_labels() -> dict:
    return dict(Status.choices)


def _file_records(stored_file):
    return IncomingDocument.objects.filter(attachments__stored_file=stored_file).values_list("pk", flat=True)


register(
    Source(
        "incoming",
        "Văn bản đến",
        "incoming.IncomingDocument",
        incoming_entry,
        prefetch_related=("assignments__unit", "attachments__stored_file", "grants"),
        status_labels=_status_labels,
        file_records=_file_records,
    )
)
