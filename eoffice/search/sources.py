"""What each kind of record gives the search: its searchable text and who may
see it (roadmap: every record type answers both from the start).

The search knows no domain model. Each app registers a `Source` for its
records — the `Entry` a record becomes, the queryset to (re)index, its status
labels, the records an attachment's text belongs to — from its
`AppConfig.ready()` (the module `eoffice/<app>/search.py`), beside the model
and the `visible_to` rule its principal tokens mirror. An app that gives the
actor tokens of its own registers them with `register_actor_principals`."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

# Attachment text kept per record: a long scanned annex must not bloat the index.
MAX_BODY_CHARS = 200_000


@dataclass(frozen=True)
class Entry:
    """One record as the index sees it."""

    kind: str  # "incoming", "outgoing", …
    pk: int
    agency_id: int
    principals: frozenset[str]
    type_name: str  # loại văn bản: a document type only (the "Loại văn bản" facet)
    number: str  # số, ký hiệu: "123/QĐ-UBND"; a dossier's code
    subject: str  # trích yếu; a dossier's procedure
    issuer: str  # cơ quan ban hành: a body only, never a citizen (the "Cơ quan ban hành" facet)
    body: str  # text of the attachments (PDF layer, DOCX, OCR)
    day: date | None  # the date users sort by: arrival for incoming, issue for outgoing
    status: str
    unit: str = ""
    url: str = ""
    # One-stop dossiers: the procedure's field (lĩnh vực, its own facet) and the applicant
    # (found by name, shown, but never a facet: a citizen is not an issuing body).
    procedure_field: str = ""
    applicant: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.pk}"

    @property
    def heading(self) -> tuple[str, ...]:
        """The parts that rank above attachment text, each analysed on its own."""
        return (self.number, self.type_name, self.procedure_field, self.subject, self.issuer, self.applicant)

    @property
    def year(self) -> int | None:
        return self.day.year if self.day else None


def body_text(files: Iterable[str | None]) -> str:
    """The texts of a record's files (or notes) as its searchable body, cut at MAX_BODY_CHARS."""
    return "\n".join(text for text in files if text)[:MAX_BODY_CHARS]


@dataclass(frozen=True)
class Source:
    kind: str
    label: str
    model_path: str  # "app_label.Model"
    entry: Callable
    select_related: tuple = ()
    prefetch_related: tuple = ()
    # The labels of the `status` values its entries carry (called when a page shows them).
    status_labels: Callable[[], dict] | None = None
    # The pks of its records whose text holds this StoredFile's (re-indexed when OCR ends).
    file_records: Callable[..., Iterable[int]] | None = None

    @property
    def model(self):
        from django.apps import apps

        return apps.get_model(self.model_path)

    def queryset(self):
        return self.model.objects.select_related(*self.select_related).prefetch_related(*self.prefetch_related)


# Filled by the apps' ready(), in INSTALLED_APPS order: incoming, outgoing, dossier.
SOURCES: dict[str, Source] = {}
# name → function(actor) → the tokens an app's records give the actor beyond the
# organisation's own (eoffice.search.principals).
ACTOR_PRINCIPALS: dict[str, Callable] = {}


def register(source: Source) -> None:
    SOURCES[source.kind] = source


def register_actor_principals(name: str, tokens: Callable) -> None:
    ACTOR_PRINCIPALS[name] = tokens


def kind_of(model) -> str | None:
    """The kind a model's records are indexed as, if any."""
    label = model._meta.label_lower
    return next((kind for kind, source in SOURCES.items() if source.model_path.lower() == label), None)


def status_labels() -> dict:
    labels: dict = {}
    for source in SOURCES.values():
        if source.status_labels:
            labels |= source.status_labels()
    return labels
