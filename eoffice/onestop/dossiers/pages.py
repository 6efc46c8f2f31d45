"""What the dossier page shows, gathered in one place so views stay thin: the
steps, papers, history, the slips that exist, and the action forms this user
may use now (the same rules as the services, asked before showing a button).
Also the slips as PDF and the scans handed in, for the pages and the API."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone

from eoffice.attachments.models import StoredFile
from eoffice.attachments.services import stored_file_create
from eoffice.core.errors import ValidationFailed
from eoffice.onestop import printing
from eoffice.onestop.dossiers import forms
from eoffice.onestop.dossiers.services import current_step, due_soon, handles_step, is_leader_of, is_one_stop, may_act_on
from eoffice.onestop.dossiers.worklist import time_left
from eoffice.onestop.models import OPEN_STATUSES, Dossier, DossierEvent, DossierStep, EventKind, Status
from eoffice.organisation.selectors import Actor


# --------------------------------------------------------------------------- slips (biểu mẫu)
@dataclass(frozen=True)
class Slip:
    key: str  # the API's name
    slug: str  # the page's address
    label: str
    event_kind: str = ""  # a slip printed from an event (the latest unless one is named)


SLIPS = [
    Slip("receipt", "tiep-nhan", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
    Slip("supplement", "bo-sung", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", EventKind.SUPPLEMENT_REQUESTED),
    Slip("refusal", "tu-choi", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", EventKind.REFUSED),
    Slip("apology", "xin-loi", "Phiếu xin lỗi và hẹn lại ngày trả kết quả", EventKind.APOLOGY),
    Slip("control-sheet", "kiem-soat", "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
]
SLIP_BY_SLUG = {slip.slug: slip for slip in SLIPS}
SLIP_BY_KEY = {slip.key: slip for slip in SLIPS}
SLIP_NOT_FOUND = "Hồ sơ này không có phiếu yêu cầu."


def _slip_events(dossier: Dossier, slip: Slip) -> list[DossierEvent]:
    return [event for event in dossier.events.all() if event.kind == slip.event_kind]


def slip_pdf(dossier: Dossier, slip: Slip | None, event_id=None) -> tuple[bytes, str]:
    """(PDF, file name) of a slip of the dossier; Http404 if the dossier has no such slip."""
    if slip is None:
        raise Http404(SLIP_NOT_FOUND)
    if not slip.event_kind:
        if dossier.received_at is None:  # an online submission not accepted yet has neither
            raise Http404(SLIP_NOT_FOUND)
        data = printing.receipt_pdf(dossier) if slip.key == "receipt" else printing.control_sheet_pdf(dossier)
        return data, f"{slip.slug}-{dossier.code}.pdf"
    events = _slip_events(dossier, slip)
    if event_id not in (None, ""):
        events = [event for event in events if str(event.pk) == str(event_id)]
    if not events:
        raise Http404(SLIP_NOT_FOUND)
    event = events[-1]
    builder = {"supplement": printing.supplement_pdf, "refusal": printing.refusal_pdf, "apology": printing.apology_pdf}
    return builder[slip.key](dossier, event), f"{slip.slug}-{dossier.code}-{event.pk}.pdf"


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def slips_available(dossier: Dossier) -> list[dict]:
    """The slips to print from the page: one link per slip, one per event for
    slips printed from events (each supplement request, each apology)."""
    links = []
    for slip in SLIPS:
        url = reverse("onestop:slip", args=[dossier.pk, slip.slug])
        if not slip.event_kind:
            if dossier.received_at:
                links.append({"slip": slip, "url": url, "event": None})
            continue
        for event in _slip_events(dossier, slip):
            links.append({"slip": slip, "url": f"{url}?su_kien={event.pk}", "event": event})
    return links


# --------------------------------------------------------------------------- files
def file_response(stored: StoredFile | None, filename: str) -> FileResponse:
    if stored is None:
        raise Http404("Không có tệp.")
    name = f"{filename}.{stored.extension}" if stored.extension else filename
    return FileResponse(stored.file.open("rb"), content_type=stored.content_type, filename=name)


def paper_file(dossier: Dossier, paper_pk) -> FileResponse:
    """The scan of a paper of this dossier (the dossier's own queryset: its access check covers it)."""
    paper = dossier.papers.select_related("file").filter(pk=paper_pk).first() if str(paper_pk).isdigit() else None
    if paper is None:
        raise Http404("Không tìm thấy giấy tờ.")
    return file_response(paper.file, f"{dossier.code}-giay-to-{paper.pk}")


def store_upload(upload, field: str) -> StoredFile:
    """Store a scan (checked by content and size); a refusal names the form field."""
    try:
        return stored_file_create(upload=upload)
    except ValidationFailed as error:
        raise ValidationFailed(error.message, fields={field: [error.message]}) from None


def store_papers(items: list[dict], form=None) -> list[dict]:
    """The papers as the services take them, with their scans stored. A scan
    stored here stays referenced by the form (`keep`) if the step is then refused."""
    papers = []
    for item in items:
        stored = None
        if item.get("upload"):
            stored = store_upload(item["upload"], f"{item['upload_key']}_file")
            if form is not None:
                form.keep(item["upload_key"], stored)
        elif item.get("kept"):
            stored = StoredFile.objects.filter(sha256=item["kept"]).first()
        keys = ("required_paper", "name", "originals", "copies")
        papers.append({key: item[key] for key in keys} | {"file": stored})
    return papers


def keep_uploads(form) -> None:
    """A form refused before the service was asked (a required field left
    empty) still keeps the scans chosen with it: store them now and put their
    references in the re-rendered form; a file refused by its content is named on its row."""
    for row in form.paper_rows():
        upload = form.files.get(form.add_prefix(f"{row['key']}_file"))
        if not upload:
            continue
        try:
            form.keep(row["key"], stored_file_create(upload=upload))
        except ValidationFailed as error:
            form.add_error(f"{row['key']}_file", error.message)


def result_file(form) -> StoredFile | None:
    """The result file of the finish form: a new upload, else the one kept from a refused try."""
    upload = form.cleaned_data.get("result_file")
    if upload:
        stored = store_upload(upload, "result_file")
        form.data = form.data.copy()
        form.data[form.add_prefix("result_file_kept")] = forms.keep_token(stored)
        return stored
    sha256 = forms.kept_sha256(form.cleaned_data.get("result_file_kept") or "")
    return StoredFile.objects.filter(sha256=sha256).first() if sha256 else None


# --------------------------------------------------------------------------- actions
def _steps(dossier: Dossier) -> list[DossierStep]:
    return list(dossier.steps.select_related("unit", "handed_by", "done_by").order_by("order"))


def _hand_over_target(actor: Actor, dossier: Dossier, steps: list[DossierStep], current) -> DossierStep | None:
    """The step a hand-over by this user would start, or None if they may not hand over now."""
    if dossier.status == Status.RECEIVED:
        return steps[0] if steps and is_one_stop(actor, dossier.agency) else None
    if dossier.status != Status.IN_PROCESS or current is None:
        return None
    if not (handles_step(actor, dossier, current) or is_leader_of(actor, dossier.agency)):
        return None
    return next((s for s in steps if s.order > current.order), None)


def _may_finish(actor: Actor, dossier: Dossier, steps: list[DossierStep], current) -> bool:
    if dossier.status not in (Status.RECEIVED, Status.IN_PROCESS):
        return False
    if not steps:
        return is_one_stop(actor, dossier.agency) or is_leader_of(actor, dossier.agency)
    is_last = current is not None and current.order == steps[-1].order
    return is_last and (handles_step(actor, dossier, current) or is_leader_of(actor, dossier.agency))


def actions_for(actor: Actor, dossier: Dossier, *, bound=None, now=None) -> dict:
    """The action forms this user may use now; `bound` = (key, form) keeps a
    refused form with the user's input and the reason."""
    now = now or timezone.now()
    status, agency = dossier.status, dossier.agency
    steps = _steps(dossier)
    current = current_step(dossier)
    counter, leader = is_one_stop(actor, agency), is_leader_of(actor, agency)
    actions: dict = {}
    if status == Status.SUBMITTED and counter:
        actions["accept"] = True
    target = _hand_over_target(actor, dossier, steps, current)
    if target is not None:
        actions["hand_over"] = forms.NoteForm(prefix="hand_over")
        actions["hand_over_to"] = target
    if _may_finish(actor, dossier, steps, current):
        actions["finish"] = forms.FinishForm(prefix="finish")
    acts_on = status in OPEN_STATUSES and may_act_on(actor, dossier)
    if status in (Status.RECEIVED, Status.IN_PROCESS) and acts_on:
        actions["request_supplement"] = forms.SupplementRequestForm(prefix="request_supplement")
    if status == Status.SUPPLEMENT and counter:
        actions["supplement"] = forms.SupplementForm(prefix="supplement", procedure=dossier.procedure)
    if (status == Status.SUBMITTED and (counter or leader)) or acts_on:
        actions["refuse"] = forms.ReasonForm(prefix="refuse")
    if acts_on and due_soon(dossier, now):
        actions["apologise"] = forms.ApologyForm(prefix="apologise")
    if status == Status.RESULT_READY and counter:
        actions["return"] = True
    if (status == Status.SUBMITTED or status in OPEN_STATUSES) and counter:
        actions["withdraw"] = forms.ReasonForm(prefix="withdraw")
    if bound:
        actions[bound[0]] = bound[1]
    return actions


def detail_context(actor: Actor, dossier: Dossier, *, bound=None) -> dict:
    now = timezone.now()
    events = DossierEvent.objects.select_related("actor").order_by("at", "id")
    dossier = (
        Dossier.objects.select_related("agency", "procedure", "received_by", "result_file")
        .prefetch_related(Prefetch("events", queryset=events), "papers__file", "papers__required_paper")
        .get(pk=dossier.pk)
    )
    events_list = list(dossier.events.all())
    asked = [e for e in events_list if e.kind == EventKind.SUPPLEMENT_REQUESTED] if dossier.status == Status.SUPPLEMENT else []
    return {
        "dossier": dossier,
        "supplement_request": asked[-1] if asked else None,
        "supplement_items": [str(item) for item in asked[-1].data.get("items") or []] if asked else [],
        "steps": _steps(dossier),
        "papers": list(dossier.papers.all()),
        "events": events_list,
        "slips": slips_available(dossier),
        "time_left": time_left(dossier, now),
        "actions": actions_for(actor, dossier, bound=bound, now=now),
    }
