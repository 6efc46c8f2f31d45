"""What an outgoing document (văn bản đi) gives the search, and who may find
it: the same rule as OutgoingDocument.objects.visible_to (a test checks both
agree, eoffice/search/tests/test_principals.py). Registered from OutgoingConfig.ready()."""

from django.urls import reverse

from eoffice.core.choices import Confidentiality
from eoffice.outgoing.models import OutgoingDocument, Status
from eoffice.search.sources import Entry, Source, body_text, register


def outgoing_principals(document) -> set[str]:
    """OutgoingDocument.objects.visible_to: the drafter, the signer, those who
    acted on a step, the heads of the drafting unit, granted users; the
    registry and leaders once signed; format checkers while in review."""
    tokens = {f"s{document.drafter_id}", f"u{document.signer_id}", f"h{document.drafting_unit_id}"}
    tokens |= {f"s{step.acted_by_id}" for step in document.steps.all() if step.acted_by_id}
    tokens |= {f"s{grant.user_id}" for grant in document.grants.all()}
    if document.confidentiality == Confidentiality.NORMAL:
        if document.status in (Status.SIGNED, Status.ISSUED, Status.RECALLED):
            tokens.add(f"a{document.agency_id}")
        if document.status == Status.IN_REVIEW:
            tokens.add(f"f{document.agency_id}")
    return tokens


def outgoing_entry(document) -> Entry:
    files = [a.stored_file.text for a in document.attachments.all()]
    if document.issued_file_id:
        files.insert(0, document.issued_file.text)
    return Entry(
        kind="outgoing",
        pk=document.pk,
        agency_id=document.agency_id,
        principals=frozenset(outgoing_principals(document)),
        type_name=document.type_name,
        number=f"{document.code_number}/{document.code_notation}" if document.code_number else "",
        subject=document.subject,
        issuer=document.agency.name,
        # The draft's own text is searchable before any file exists.
        body=body_text([document.body, *files]),
        day=document.issued_date or document.created_at.date(),
        status=document.status,
        unit=document.drafting_unit.abbreviation,
        url=reverse("outgoing-detail", args=[document.pk]),
    )


def _status_labels() -> dict:
    return dict(Status.choices)


def _file_records(stored_file):
    outgoing = OutgoingDocument.objects.filter(attachments__stored_file=stored_file) | OutgoingDocument.objects.filter(
        issued_file=stored_file
    )
    return outgoing.values_list("pk", flat=True).distinct()


register(
    Source(
        "outgoing",
        "Văn bản đi",
        "outgoing.OutgoingDocument",
        outgoing_entry,
        select_related=("agency", "drafting_unit", "issued_file"),
        prefetch_related=("attachments__stored_file", "grants", "steps"),
        status_labels=_status_labels,
        file_records=_file_records,
    )
)
