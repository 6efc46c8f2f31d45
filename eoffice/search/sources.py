"""What each kind of record gives the search: its searchable text and who may
see it (roadmap: every record type answers both from the start). Apps add a
source here; dossiers, petitions and others plug in the same way."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone

from eoffice.search.principals import dossier_principals, incoming_principals, outgoing_principals

# Attachment text kept per record: a long scanned annex must not bloat the index.
MAX_BODY_CHARS = 200_000


@dataclass(frozen=True)
class Entry:
    """One record as the index sees it."""

    kind: str  # "incoming", "outgoing", …
    pk: int
    agency_id: int
    principals: frozenset[str]
    type_name: str
    number: str  # số, ký hiệu: "123/QĐ-UBND"
    subject: str  # trích yếu
    issuer: str  # cơ quan ban hành
    body: str  # text of the attachments (PDF layer, DOCX, OCR)
    day: date | None  # the date users sort by: arrival for incoming, issue for outgoing
    status: str
    unit: str = ""
    url: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.pk}"

    @property
    def year(self) -> int | None:
        return self.day.year if self.day else None


def _body(files) -> str:
    return "\n".join(text for text in files if text)[:MAX_BODY_CHARS]


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
        body=_body(a.stored_file.text for a in document.attachments.all()),
        day=document.arrival_date,
        status=document.status,
        unit=lead.abbreviation if lead else "",
        url=reverse("incoming-detail", args=[document.pk]),
        extra={"arrival_number": document.arrival_number},
    )


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
        body=_body([document.body, *files]),
        day=document.issued_date or document.created_at.date(),
        status=document.status,
        unit=document.drafting_unit.abbreviation,
        url=reverse("outgoing-detail", args=[document.pk]),
    )


def dossier_entry(dossier) -> Entry:
    """A one-stop dossier (hồ sơ): found by its code, the procedure, the
    applicant; the papers' names and the notes are its text. The scanned
    papers are not read: they hold identity documents, not searchable content."""
    steps = list(dossier.steps.all())
    current = next((s for s in steps if s.started_at and not s.finished_at), steps[0] if steps else None)
    applicant = dossier.organisation_name or dossier.applicant_name
    texts = [p.name for p in dossier.papers.all()]
    texts += [dossier.note, dossier.result_summary, dossier.refusal_reason]
    when = dossier.received_at or dossier.submitted_at
    return Entry(
        kind="dossier",
        pk=dossier.pk,
        agency_id=dossier.agency_id,
        principals=frozenset(dossier_principals(dossier)),
        type_name=dossier.procedure.field.name,
        number=dossier.code,
        subject=dossier.procedure.name,
        issuer=applicant,
        body=_body(texts),
        day=timezone.localdate(when) if when else None,
        status=f"dossier_{dossier.status}",  # its own values: "submitted", "returned" mean other things for letters
        unit=current.unit.abbreviation if current and current.unit_id else "",
        url=reverse("onestop:detail", args=[dossier.pk]),
    )


@dataclass(frozen=True)
class Source:
    kind: str
    label: str
    model_path: str  # "app_label.Model"
    entry: Callable[[Any], "Entry"]
    select_related: tuple = ()
    prefetch_related: tuple = ()

    @property
    def model(self):
        from django.apps import apps

        return apps.get_model(self.model_path)

    def queryset(self):
        return self.model.objects.select_related(*self.select_related).prefetch_related(*self.prefetch_related)


SOURCES = {
    "incoming": Source(
        "incoming",
        "Văn bản đến",
        "incoming.IncomingDocument",
        incoming_entry,
        prefetch_related=("assignments__unit", "attachments__stored_file", "grants"),
    ),
    "outgoing": Source(
        "outgoing",
        "Văn bản đi",
        "outgoing.OutgoingDocument",
        outgoing_entry,
        select_related=("agency", "drafting_unit", "issued_file"),
        prefetch_related=("attachments__stored_file", "grants", "steps"),
    ),
    "dossier": Source(
        "dossier",
        "Hồ sơ thủ tục hành chính",
        "onestop.Dossier",
        dossier_entry,
        select_related=("procedure__field",),
        prefetch_related=("steps__unit", "papers"),
    ),
}
