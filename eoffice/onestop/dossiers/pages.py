"""What the dossier page shows, gathered in one place so views stay thin: the
steps, papers, history, the slips that exist, and the action forms this user
may use now (the same rules as the services, asked before showing a button).
Also the slips as PDF and the scans handed in, for the pages and the API."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone

from eoffice.attachments.http import stored_file_response
from eoffice.attachments.models import StoredFile
from eoffice.core.workflow import Bound
from eoffice.onestop import printing
from eoffice.onestop.catalogue.values import step_owner_name
from eoffice.onestop.dossiers.workflow import DOSSIER, next_step, step_owner, under_way, unowned_refusal
from eoffice.onestop.dossiers.worklist import time_left
from eoffice.onestop.models import Dossier, DossierEvent, DossierStep, EventKind, ProcedureStep, Status
from eoffice.organisation.selectors import Actor, people, person_label


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
    return stored_file_response(stored, name)


def paper_file(dossier: Dossier, paper_pk) -> FileResponse:
    """The scan of a paper of this dossier (the dossier's own queryset: its access check covers it)."""
    paper = dossier.papers.select_related("file").filter(pk=paper_pk).first() if str(paper_pk).isdigit() else None
    if paper is None:
        raise Http404("Không tìm thấy giấy tờ.")
    return file_response(paper.file, f"{dossier.code}-giay-to-{paper.pk}")


# --------------------------------------------------------------------------- actions
def _steps(dossier: Dossier) -> list[DossierStep]:
    return list(dossier.steps.select_related("unit", "handed_by", "done_by").order_by("order"))


@dataclass(frozen=True)
class Holder:
    """Who holds the dossier now, in words, and the people who can act for that unit."""

    where: str
    people: list[str]


def holder(dossier: Dossier, steps: list[DossierStep]) -> Holder | None:
    counter = "Bộ phận một cửa"
    waiting: dict[str, str] = {
        Status.SUBMITTED: f"{counter}: chờ kiểm tra, tiếp nhận hồ sơ nộp trực tuyến",
        Status.RECEIVED: f"{counter}: đã tiếp nhận, chờ chuyển xử lý",
        Status.SUPPLEMENT: f"{counter}: chờ người nộp bổ sung",
        Status.RESULT_READY: f"{counter}: chờ trả kết quả",
    }
    if dossier.status in waiting:
        return Holder(waiting[dossier.status], [])
    current = under_way(steps) if dossier.status == Status.IN_PROCESS else None
    if current is None:
        return None
    if current.unit is None:  # handed over before steps needed a unit: the agency's leaders move it on
        return Holder(f"Bước {current.order} “{current.name}”: chưa gắn đơn vị; lãnh đạo cơ quan chuyển tiếp hồ sơ", [])
    members = [person_label(user) for user in people(dossier.agency, unit=current.unit)]
    body = other_body(dossier, current)
    on = f", chờ {body}" if body else ""
    return Holder(f"{current.unit.name} — bước {current.order} “{current.name}”{on}", members)


def other_body(dossier: Dossier, step: DossierStep) -> str:
    """The body doing the step when it is not the unit holding it here (a Sở, the
    city's leaders: the unit only tracks it), as the procedure publishes it."""
    published = ProcedureStep.objects.filter(procedure_id=dossier.procedure_id, order=step.order, name=step.name)
    found = published.select_related("unit").first()
    return found.unit_name if found is not None and found.unit_id == step.unit_id and step_owner_name(found) else ""


def stalled(dossier: Dossier) -> str:
    """Why nobody can hand the dossier on: its next step has no unit here."""
    if dossier.status not in (Status.RECEIVED, Status.IN_PROCESS):
        return ""
    refusal = unowned_refusal(dossier)
    return refusal.message if refusal is not None else ""


def actions_for(actor: Actor, dossier: Dossier, *, bound: Bound | None = None) -> dict:
    """The steps this user may take now (dossiers.workflow); `hand_over_to` names
    the step a hand-over would start. A refused step keeps its form and the reason."""
    actions = DOSSIER.available(actor, dossier, bound)
    if "hand_over" in actions:
        following = next_step(dossier)
        if following is not None:  # the unit it goes to: the catalogue's, if fixed since the dossier was received
            following.unit_id = step_owner(dossier, following)
        actions["hand_over_to"] = following
    return actions


def detail_context(actor: Actor, dossier: Dossier, *, bound: Bound | None = None) -> dict:
    now = timezone.now()
    events = DossierEvent.objects.select_related("actor").order_by("at", "id")
    dossier = (
        Dossier.objects.select_related("agency", "procedure", "received_by", "result_file")
        .prefetch_related(Prefetch("events", queryset=events), "papers__file", "papers__required_paper")
        .get(pk=dossier.pk)
    )
    events_list, steps = list(dossier.events.all()), _steps(dossier)
    asked = [e for e in events_list if e.kind == EventKind.SUPPLEMENT_REQUESTED] if dossier.status == Status.SUPPLEMENT else []
    return {
        "dossier": dossier,
        "supplement_request": asked[-1] if asked else None,
        "supplement_items": [str(item) for item in asked[-1].data.get("items") or []] if asked else [],
        "steps": steps,
        "holder": holder(dossier, steps),
        "stalled": stalled(dossier),
        "papers": list(dossier.papers.all()),
        "events": events_list,
        "slips": slips_available(dossier),
        "time_left": time_left(dossier, now),
        "actions": actions_for(actor, dossier, bound=bound),
    }
