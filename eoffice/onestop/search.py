"""What a one-stop dossier (hồ sơ thủ tục hành chính) gives the search, and
who may find it: the same rule as onestop.selectors.dossiers_visible_to (a
test checks both agree, eoffice/search/tests/test_principals.py). Registered
from OnestopConfig.ready()."""

from django.urls import reverse
from django.utils import timezone

from eoffice.onestop.dossiers.selectors import sees_all_dossiers
from eoffice.onestop.models import Status
from eoffice.search.sources import Entry, Source, body_text, register, register_actor_principals


def dossier_principals(dossier) -> set[str]:
    """onestop.selectors.dossiers_visible_to: the counter, leaders and
    administrators of the agency; the members of a unit that has a step."""
    return {f"o{dossier.agency_id}"} | {f"n{step.unit_id}" for step in dossier.steps.all() if step.unit_id}


def actor_dossier_principals(actor) -> set[str]:
    """o<agency>: the actor sees all the agency's dossiers (the counter, leaders, administrators)."""
    return {f"o{actor.agency.pk}"} if sees_all_dossiers(actor) else set()


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
        type_name="",  # not a document type: the field has its own facet
        number=dossier.code,
        subject=dossier.procedure.name,
        issuer="",  # the applicant is a citizen or a business, not an issuing body
        body=body_text(texts),
        day=timezone.localdate(when) if when else None,
        status=f"dossier_{dossier.status}",  # its own values: "submitted", "returned" mean other things for letters
        unit=current.unit.abbreviation if current and current.unit_id else "",
        url=reverse("onestop:detail", args=[dossier.pk]),
        procedure_field=dossier.procedure.field.name,
        applicant=applicant,
    )


def _status_labels() -> dict:
    return {f"dossier_{value}": label for value, label in Status.choices}


register(
    Source(
        "dossier",
        "Hồ sơ thủ tục hành chính",
        "onestop.Dossier",
        dossier_entry,
        select_related=("procedure__field",),
        prefetch_related=("steps__unit", "papers"),
        status_labels=_status_labels,
    )
)
register_actor_principals("dossier", actor_dossier_principals)
