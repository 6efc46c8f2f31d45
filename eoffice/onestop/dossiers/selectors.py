"""Reads of one-stop dossiers: who sees which, whose turn it is, and the
public look-up by code (tra cứu hồ sơ), which shows nothing personal."""

import hmac
import re
from datetime import datetime
from typing import Any

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from eoffice.core.errors import ValidationFailed
from eoffice.onestop.models import OPEN_STATUSES, Dossier, DossierStep, EventKind, Procedure, Rating, Status
from eoffice.organisation.models import Role
from eoffice.organisation.selectors import Actor


def sees_all_dossiers(actor: Actor) -> bool:
    """The counter, the agency's leaders and its administrators."""
    return Role.ONE_STOP in actor.roles or actor.is_leader or actor.is_admin


def dossiers_visible_to(actor: Actor):
    """The agency's dossiers for the counter, leaders and administrators; for
    everyone else those with a step of one of their units."""
    dossiers = Dossier.objects.filter(agency=actor.agency)
    if sees_all_dossiers(actor):
        return dossiers
    steps = DossierStep.objects.filter(dossier=OuterRef("pk"), unit_id__in=list(actor.unit_ids))
    return dossiers.filter(Exists(steps))


def waiting_for(actor: Actor):
    """Chờ tôi xử lý: dossiers in process whose current step is with one of the
    actor's units; for the counter also those to accept, to hand over and to
    return; for the agency's leaders those at a step of no unit of the system
    (a department's or the People's Committee's, recorded by a leader). The
    nearest appointment first."""
    at_mine = Q(unit_id__in=list(actor.unit_ids))
    if actor.is_leader:
        at_mine |= Q(unit__isnull=True)
    # From the steps under way (their own partial index) to the dossiers, not a
    # subquery per dossier in process.
    under_way = DossierStep.objects.filter(at_mine, started_at__isnull=False, finished_at__isnull=True)
    mine: Any = Q(status=Status.IN_PROCESS, pk__in=under_way.values("dossier_id"))
    if Role.ONE_STOP in actor.roles:
        mine |= Q(status__in=[Status.SUBMITTED, Status.RECEIVED, Status.RESULT_READY])
    return dossiers_visible_to(actor).filter(mine).order_by(F("due_at").asc(nulls_last=True), "id")


def published_procedure(code: str) -> Procedure:
    """The published procedure with this code (mã thủ tục), or a clear refusal."""
    code = (code or "").strip()
    procedure = Procedure.objects.filter(code=code, published=True).select_related("agency").first() if code else None
    if procedure is None:
        raise ValidationFailed(
            f"Không tìm thấy thủ tục hành chính có mã “{code}” đang được công khai.",
            fields={"procedure": ["Thủ tục không tồn tại."]},
        )
    return procedure


def public_status(code: str, phone_last4: str) -> dict | None:
    """What anyone holding the receipt may know: the status, the procedure, the
    dates and the step under way; no name, number or address. None unless the
    code exists and the phone it was filed with ends in `phone_last4` (the
    caller rate-limits the guesses)."""
    code, last4 = (code or "").strip(), re.sub(r"\D", "", phone_last4 or "")
    if not code or len(last4) != 4:
        return None
    # One indexed query whether the code exists or not, so an unknown code and a
    # wrong phone take the same time; a code typed in lower case is found too.
    candidates = Dossier.objects.select_related("procedure", "agency").filter(code__in={code, code.upper(), code.lower()})
    dossier = min(candidates, key=lambda d: d.code != code, default=None)
    matches = hmac.compare_digest(dossier.phone[-4:] if dossier else "", last4)
    if dossier is None or not matches:
        return None
    step = (
        dossier.steps.filter(started_at__isnull=False, finished_at__isnull=True).first()
        if dossier.status == Status.IN_PROCESS
        else None
    )
    return {
        "code": dossier.code,
        "status": dossier.status,
        "status_label": dossier.get_status_display(),
        "procedure_code": dossier.procedure.code,
        "procedure_name": dossier.procedure.name,
        "agency_name": dossier.agency.name,
        "submitted_at": dossier.submitted_at,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "returned_at": dossier.returned_at,
        "current_step": step.name if step else "",
        "overdue": is_overdue(dossier, timezone.now()),
        "timeliness_label": dossier.get_timeliness_display() if dossier.timeliness else "",
        "supplement_items": _supplement_items(dossier) if dossier.status == Status.SUPPLEMENT else [],
        "rated": dossier.status == Status.RETURNED and Rating.objects.filter(dossier=dossier).exists(),
    }


def _supplement_items(dossier: Dossier) -> list[str]:
    """What the latest supplement request asks for (its items, never the reason's free text)."""
    event = dossier.events.filter(kind=EventKind.SUPPLEMENT_REQUESTED).order_by("-at", "-id").first()
    return [str(item) for item in (event.data.get("items") or [])] if event else []


def is_overdue(dossier: Dossier, now: datetime) -> bool:
    """Quá hạn: open and past its appointment; while waiting for papers the clock
    stands still, so only if it was already late when it stopped."""
    if dossier.due_at is None or dossier.status not in OPEN_STATUSES:
        return False
    clock = dossier.paused_at if dossier.status == Status.SUPPLEMENT and dossier.paused_at else now
    return dossier.due_at < clock
