"""The lifecycle of a one-stop dossier (hồ sơ thủ tục hành chính), declared once.

Who may take each step now is one `can_<step>(actor, dossier)` function: the
services call it before acting and the dossier page asks it before showing a
button. The table below gives each step its service, web form, API body and
address; the POST views, the API actions and the page's forms come from it
(core.workflow).

    submitted ─accept→ received ─hand_over→ in process (step by step) ─finish→ result ready ─return→ returned
    received / in process ─request_supplement→ supplement ─supplement→ back (the clock stops meanwhile)
    submitted / received / in process / supplement ─refuse / withdraw→ refused / withdrawn
    open ─apologise→ same status, a new appointment (only when due soon or late)
"""

from collections.abc import Collection
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from eoffice.core.errors import InvalidState, NotAllowed
from eoffice.core.workflow import Refusal, Step, Workflow
from eoffice.onestop.access import get_dossier_for_user
from eoffice.onestop.dossiers import forms
from eoffice.onestop.dossiers import serializers as s
from eoffice.onestop.models import OPEN_STATUSES, Dossier, DossierStep, ProcedureStep, Status
from eoffice.organisation.models import Agency, Role
from eoffice.organisation.selectors import Actor
from eoffice.workdays.services import working_time_between

SEND_BACK = {Status.SUBMITTED, *OPEN_STATUSES}  # refused or withdrawn from any of these


# --------------------------------------------------------------------------- who, where
def is_one_stop(actor: Actor, agency: Agency) -> bool:
    """Cán bộ Bộ phận một cửa of `agency`."""
    return actor.agency.pk == agency.pk and Role.ONE_STOP in actor.roles


def is_leader_of(actor: Actor, agency: Agency) -> bool:
    return actor.agency.pk == agency.pk and actor.is_leader


def steps_of(dossier: Dossier) -> list[DossierStep]:
    return list(dossier.steps.select_related("unit").order_by("order"))


def under_way(steps: list[DossierStep]) -> DossierStep | None:
    """The step handed over to its unit and not finished yet."""
    return next((step for step in steps if step.started_at and not step.finished_at), None)


def current_step(dossier: Dossier) -> DossierStep | None:
    return under_way(steps_of(dossier))


def handles_step(actor: Actor, dossier: Dossier, step: DossierStep | None) -> bool:
    """A member of the unit the step is with."""
    return step is not None and actor.agency.pk == dossier.agency_id and step.unit_id in actor.unit_ids


def may_act_on(actor: Actor, dossier: Dossier) -> bool:
    """Who may ask for papers, refuse or apologise: the counter, the agency's
    leaders and the unit holding the dossier now."""
    agency = dossier.agency
    return is_one_stop(actor, agency) or is_leader_of(actor, agency) or handles_step(actor, dossier, current_step(dossier))


def next_step(dossier: Dossier) -> DossierStep | None:
    """The step a hand-over would start: the first, or the one after the step under way."""
    steps = steps_of(dossier)
    if dossier.status == Status.RECEIVED:
        return steps[0] if steps else None
    current = under_way(steps)
    return next((step for step in steps if current and step.order > current.order), None)


def due_soon(dossier: Dossier, now: datetime) -> bool:
    """The appointment is past or at most EOFFICE_DUE_SOON_DAYS working days away
    (while waiting for papers, counted from when the clock stopped)."""
    clock = dossier.paused_at if dossier.status == Status.SUPPLEMENT and dossier.paused_at else now
    return dossier.due_at is not None and working_time_between(clock, dossier.due_at) <= settings.EOFFICE_DUE_SOON_DAYS


def stamp(moment: datetime | None) -> str:
    """ "09:15 ngày 05/01/2026" in office time, for summaries and messages."""
    if moment is None:
        return "—"
    local = timezone.localtime(moment, timezone.get_default_timezone())
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def _state(dossier: Dossier, allowed: Collection[str], action: str) -> Refusal:
    if dossier.status not in allowed:
        return InvalidState(f"Không thể {action} khi hồ sơ {dossier.code} đang ở trạng thái “{dossier.get_status_display()}”.")
    return None


# --------------------------------------------------------------------------- the counter
def can_accept(actor: Actor, dossier: Dossier) -> Refusal:
    """Tiếp nhận a dossier sent online."""
    refusal = _state(dossier, {Status.SUBMITTED}, "tiếp nhận")
    if refusal is None and not is_one_stop(actor, dossier.agency):
        return NotAllowed("Chỉ cán bộ Bộ phận một cửa mới được tiếp nhận hồ sơ nộp trực tuyến.")
    return refusal


def can_supplement(actor: Actor, dossier: Dossier) -> Refusal:
    """Nhận giấy tờ bổ sung."""
    if dossier.status != Status.SUPPLEMENT:
        return InvalidState(
            f"Hồ sơ {dossier.code} không chờ bổ sung (đang ở trạng thái “{dossier.get_status_display()}”), "
            "nên không thể nhận giấy tờ bổ sung."
        )
    if not is_one_stop(actor, dossier.agency):
        return NotAllowed("Chỉ cán bộ Bộ phận một cửa mới được nhận giấy tờ bổ sung.")
    return None


def can_return(actor: Actor, dossier: Dossier) -> Refusal:
    """Trả kết quả."""
    if dossier.status == Status.RETURNED:
        return InvalidState(f"Hồ sơ {dossier.code} đã được trả kết quả lúc {stamp(dossier.returned_at)}.")
    if dossier.status != Status.RESULT_READY:
        return InvalidState("Hồ sơ chưa có kết quả để trả.")
    if not is_one_stop(actor, dossier.agency):
        return NotAllowed("Chỉ cán bộ Bộ phận một cửa mới được trả kết quả.")
    return None


def can_withdraw(actor: Actor, dossier: Dossier) -> Refusal:
    """Rút hồ sơ at the applicant's request."""
    refusal = _state(dossier, SEND_BACK, "rút")
    if refusal is None and not is_one_stop(actor, dossier.agency):
        return NotAllowed("Chỉ cán bộ Bộ phận một cửa mới được ghi nhận việc rút hồ sơ.")
    return refusal


# --------------------------------------------------------------------------- processing
def can_hand_over(actor: Actor, dossier: Dossier) -> Refusal:
    """Chuyển xử lý: the counter to the first step, the unit holding a step (or a leader) to the next."""
    refusal = _state(dossier, {Status.RECEIVED, Status.IN_PROCESS}, "chuyển xử lý")
    if refusal is not None:
        return refusal
    if dossier.status == Status.RECEIVED:
        if not is_one_stop(actor, dossier.agency):
            return NotAllowed("Chỉ Bộ phận một cửa mới được chuyển hồ sơ sang bước xử lý đầu tiên.")
        if next_step(dossier) is None:
            return InvalidState("Thủ tục của hồ sơ không có bước xử lý nào; hãy cập nhật kết quả giải quyết.")
        return unowned_refusal(dossier)
    if not (handles_step(actor, dossier, current_step(dossier)) or is_leader_of(actor, dossier.agency)):
        return NotAllowed(
            "Chỉ đơn vị đang giải quyết bước hiện tại hoặc lãnh đạo cơ quan mới được chuyển hồ sơ sang bước tiếp theo."
        )
    if next_step(dossier) is None:
        return InvalidState("Đây là bước xử lý cuối cùng của hồ sơ; hãy cập nhật kết quả giải quyết.")
    return unowned_refusal(dossier)


def unowned_refusal(dossier: Dossier) -> Refusal:
    """A dossier is never handed to a step no unit here owns: nobody but the
    leaders could move it on (catalogue/publication.py keeps such procedures
    unpublished; a dossier received before its procedure was fixed stops here)."""
    following = next_step(dossier)
    if following is None or step_owner(dossier, following) is not None:
        return None
    return InvalidState(
        f"Không chuyển được hồ sơ {dossier.code} sang bước {following.order} “{following.name}”: bước này chưa có "
        "đơn vị thực hiện trong cơ quan. Quản trị viên gắn đơn vị cho bước này trong danh mục thủ tục, rồi chuyển lại."
    )


def step_owner(dossier: Dossier, step: DossierStep) -> int | None:
    """The unit owning a dossier's step: its own, else the one the procedure now
    gives the same step (a dossier received before its procedure was fixed
    takes it at the hand-over)."""
    if step.unit_id is not None:
        return step.unit_id
    fixed = ProcedureStep.objects.filter(procedure_id=dossier.procedure_id, order=step.order, name=step.name)
    return fixed.exclude(unit=None).values_list("unit_id", flat=True).first()


def can_finish(actor: Actor, dossier: Dossier) -> Refusal:
    """Có kết quả: the unit holding the last step (or a leader); the counter when the procedure has no steps."""
    refusal = _state(dossier, {Status.RECEIVED, Status.IN_PROCESS}, "cập nhật kết quả")
    if refusal is not None:
        return refusal
    steps = steps_of(dossier)
    if not steps:
        if is_one_stop(actor, dossier.agency) or is_leader_of(actor, dossier.agency):
            return None
        return NotAllowed("Chỉ Bộ phận một cửa hoặc lãnh đạo cơ quan mới được cập nhật kết quả.")
    current = under_way(steps)
    if current is None:
        return InvalidState(f"Hồ sơ {dossier.code} chưa được chuyển xử lý; chưa thể cập nhật kết quả.")
    if not (handles_step(actor, dossier, current) or is_leader_of(actor, dossier.agency)):
        return NotAllowed("Chỉ đơn vị đang giải quyết bước cuối cùng hoặc lãnh đạo cơ quan mới được cập nhật kết quả.")
    remaining = [step for step in steps if step.order > current.order]
    if remaining:
        names = "; ".join(f"bước {step.order} “{step.name}”" for step in remaining)
        return InvalidState(f"Hồ sơ còn {len(remaining)} bước chưa thực hiện ({names}); chưa thể cập nhật kết quả.")
    return None


def can_request_supplement(actor: Actor, dossier: Dossier) -> Refusal:
    refusal = _state(dossier, {Status.RECEIVED, Status.IN_PROCESS}, "yêu cầu bổ sung")
    if refusal is None and not may_act_on(actor, dossier):
        return NotAllowed("Chỉ Bộ phận một cửa, đơn vị đang giải quyết hồ sơ hoặc lãnh đạo cơ quan mới được yêu cầu bổ sung.")
    return refusal


def can_refuse(actor: Actor, dossier: Dossier) -> Refusal:
    """Từ chối: an online submission by the counter or a leader; an open dossier by whoever acts on it."""
    refusal = _state(dossier, SEND_BACK, "từ chối")
    if refusal is not None:
        return refusal
    if dossier.status == Status.SUBMITTED:
        allowed = is_one_stop(actor, dossier.agency) or is_leader_of(actor, dossier.agency)
    else:
        allowed = may_act_on(actor, dossier)
    if not allowed:
        return NotAllowed("Chỉ Bộ phận một cửa, đơn vị đang giải quyết hồ sơ hoặc lãnh đạo cơ quan mới được từ chối hồ sơ.")
    return None


def can_apologise(actor: Actor, dossier: Dossier) -> Refusal:
    """Xin lỗi và hẹn lại: only when the appointment is near or past."""
    refusal = _state(dossier, OPEN_STATUSES, "xin lỗi và hẹn lại")
    if refusal is not None:
        return refusal
    if not may_act_on(actor, dossier):
        return NotAllowed("Chỉ Bộ phận một cửa, đơn vị đang giải quyết hồ sơ hoặc lãnh đạo cơ quan mới được lập phiếu xin lỗi.")
    if not due_soon(dossier, timezone.now()):
        return InvalidState(
            f"Hồ sơ {dossier.code} còn hạn đến {stamp(dossier.due_at)}; chỉ lập phiếu xin lỗi khi hồ sơ sắp hoặc đã quá hạn."
        )
    return None


# --------------------------------------------------------------------------- the table
def _accepted(dossier: Dossier) -> str:
    return f"Đã tiếp nhận hồ sơ {dossier.code}, hẹn trả {stamp(dossier.due_at)}. Hãy in giấy tiếp nhận."


def _handed_over(step: DossierStep) -> str:
    return f"Đã chuyển hồ sơ sang bước {step.order}: {step.name}."


def _supplemented(dossier: Dossier) -> str:
    return f"Đã nhận giấy tờ bổ sung; hẹn trả kết quả {stamp(dossier.due_at)}."


def _apologised(dossier: Dossier) -> str:
    return f"Đã lập phiếu xin lỗi, hẹn trả kết quả {stamp(dossier.due_at)}. Hãy in phiếu gửi người nộp."


def _finished(dossier: Dossier) -> str:
    return f"Đã cập nhật kết quả ({dossier.get_timeliness_display().lower()}); hồ sơ chờ trả kết quả."


def _returned(dossier: Dossier) -> str:
    return f"Đã trả kết quả hồ sơ {dossier.code}."


DOSSIER = Workflow(
    name="dossier",
    services="eoffice.onestop.dossiers.services",
    record_arg="dossier",
    load=get_dossier_for_user,
    template="onestop/detail.html",
    context="eoffice.onestop.dossiers.pages.detail_context",
    page_url="onestop:detail",
    url_prefix="",  # the app's URL namespace (onestop:accept…) names them
    path_prefix="mot-cua/",
    steps=(
        Step("accept", can_accept, "dossier_accept", "nhan-ho-so/", done=_accepted),
        Step(
            "hand_over", can_hand_over, "dossier_hand_over", "chuyen-xu-ly/", forms.NoteForm, s.DossierNoteIn,
            prefix="hand_over", done=_handed_over,
        ),
        Step(
            "request_supplement", can_request_supplement, "dossier_request_supplement", "yeu-cau-bo-sung/",
            forms.SupplementRequestForm, s.SupplementRequestIn, prefix="request_supplement",
            done="Đã yêu cầu bổ sung hồ sơ; thời gian giải quyết tạm dừng. Hãy in phiếu yêu cầu bổ sung gửi người nộp.",
        ),
        Step(
            "supplement", can_supplement, "dossier_supplement", "nhan-bo-sung/", forms.SupplementForm, s.SupplementIn,
            prefix="supplement", done=_supplemented,
        ),
        Step(
            "refuse", can_refuse, "dossier_refuse", "tu-choi/", forms.ReasonForm, s.DossierReasonIn, prefix="refuse",
            done="Đã từ chối hồ sơ. Hãy in phiếu từ chối gửi người nộp.",
        ),
        Step(
            "apologise", can_apologise, "dossier_apologise", "xin-loi/", forms.ApologyForm, s.ApologyIn,
            prefix="apologise", done=_apologised,
        ),
        Step(
            "finish", can_finish, "dossier_finish", "co-ket-qua/", forms.FinishForm, s.FinishIn,
            prefix="finish", done=_finished,
        ),
        Step("return", can_return, "dossier_return", "tra-ket-qua/", done=_returned),
        Step(
            "withdraw", can_withdraw, "dossier_withdraw", "rut-ho-so/", forms.ReasonForm, s.DossierReasonIn,
            prefix="withdraw", done="Đã ghi nhận việc rút hồ sơ.",
        ),
    ),
)  # fmt: skip
