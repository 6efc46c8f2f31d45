"""State changes of one-stop dossiers (hồ sơ thủ tục hành chính, cơ chế một cửa).

Each function is one step of the lifecycle, runs in one transaction, writes the
dossier's history (DossierEvent, which also carries what the slips print) and
the audit log, and refuses a wrong state (InvalidState), a wrong person
(NotAllowed) or bad input (ValidationFailed) with a Vietnamese message:

    submitted ─accept─▶ received ─hand over─▶ in process (step by step) ─finish─▶ result ready ─return─▶ returned
    received / in process ─request supplement─▶ supplement ─supplement─▶ back (the clock stops meanwhile)
    submitted / received / in process / supplement ─refuse / withdraw─▶ refused / withdrawn
    open ─apologise─▶ same status, a new appointment date

Deadlines are working time in half-day slots (workdays.add_working_time)."""

import re
from collections.abc import Collection
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from eoffice.attachments.models import StoredFile
from eoffice.audit.services import audit_event
from eoffice.core.errors import InvalidState, ValidationFailed, require
from eoffice.core.models import insert_rows
from eoffice.core.text import nfc
from eoffice.core.workflow import refuse_unless
from eoffice.onestop.dossiers import notices, workflow
from eoffice.onestop.dossiers.codes import next_dossier_code
from eoffice.onestop.dossiers.uploads import store_upload
from eoffice.onestop.dossiers.workflow import stamp
from eoffice.onestop.models import (
    ApplicantKind,
    Channel,
    Dossier,
    DossierEvent,
    DossierPaper,
    DossierStep,
    EventKind,
    OnlineLevel,
    Procedure,
    Rating,
    Satisfaction,
    Status,
    Timeliness,
)
from eoffice.organisation.models import Unit, User
from eoffice.organisation.selectors import Actor
from eoffice.workdays.services import add_working_time, working_time_between

REASON_MIN_LENGTH = 5
COMMENT_MAX_LENGTH = 2000


# --------------------------------------------------------------------------- input
APPLICANT_FIELDS = ("kind", "name", "organisation_name", "id_number", "phone", "email", "address")
_LIMITS = {"name": 200, "organisation_name": 300, "address": 300, "email": 254}


def check_applicant(applicant: dict[str, Any]) -> dict[str, Any]:
    """Người nộp hồ sơ: returns the Dossier's applicant fields, or refuses with
    every bad field named. The phone keeps its digits only (the public look-up
    compares its last four)."""
    data = {key: nfc(str(applicant.get(key) or "")).strip() for key in APPLICANT_FIELDS}
    kind = data["kind"] or ApplicantKind.PERSON
    phone = re.sub(r"[\s.\-()]", "", data["phone"])
    id_number = re.sub(r"\s", "", data["id_number"])
    errors: dict[str, list[str]] = {}
    if kind not in ApplicantKind.values:
        errors["kind"] = ["Người nộp phải là cá nhân hoặc tổ chức."]
    if not data["name"]:
        errors["name"] = ["Cần nhập họ tên người nộp hồ sơ."]
    if kind == ApplicantKind.ORGANISATION and not data["organisation_name"]:
        errors["organisation_name"] = ["Cần nhập tên tổ chức."]
    if not re.fullmatch(r"\d{9,11}", phone):
        errors["phone"] = ["Số điện thoại phải gồm 9 đến 11 chữ số."]
    if id_number and not re.fullmatch(r"\d{9}|\d{12}", id_number):
        errors["id_number"] = ["Số CMND/CCCD phải gồm 9 hoặc 12 chữ số."]
    if data["email"]:
        try:
            validate_email(data["email"])
        except ValidationError:
            errors["email"] = ["Địa chỉ thư điện tử không hợp lệ."]
    if not data["address"]:
        errors["address"] = ["Cần nhập địa chỉ người nộp."]
    for key, limit in _LIMITS.items():
        if len(data[key]) > limit and key not in errors:
            errors[key] = [f"Tối đa {limit} ký tự."]
    if errors:
        details = "; ".join(messages[0] for messages in errors.values())
        raise ValidationFailed(f"Thông tin người nộp hồ sơ chưa hợp lệ: {details}", fields=errors)
    return {
        "applicant_kind": kind,
        "applicant_name": data["name"],
        "organisation_name": data["organisation_name"] if kind == ApplicantKind.ORGANISATION else "",
        "id_number": id_number,
        "phone": phone,
        "email": data["email"],
        "address": data["address"],
    }


def _count(value: Any, label: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if not 0 <= number <= 999:
        raise ValidationFailed(f"Số {label} phải là số nguyên từ 0 đến 999.", fields={"papers": [f"Số {label} không hợp lệ."]})
    return number


def check_papers(procedure: Procedure, papers: list[dict[str, Any]], *, supplement: bool = False) -> list[DossierPaper]:
    """The papers handed in (unsaved rows): each names a paper of the procedure's
    checklist (required_paper) or a free name, with its originals, copies and
    scan. A paper counts as handed in with at least one original, copy or file."""
    rows = []
    for index, item in enumerate(papers or [], start=1):
        listed = item.get("required_paper")
        if listed is not None and listed.procedure_id != procedure.pk:
            raise ValidationFailed(
                f"Giấy tờ “{listed.name}” không thuộc thành phần hồ sơ của thủ tục này.",
                fields={"papers": ["Giấy tờ không thuộc thủ tục."]},
            )
        name = nfc(str(item.get("name") or (listed.name if listed else ""))).strip()
        if not name or len(name) > 500:
            raise ValidationFailed(
                f"Giấy tờ thứ {index} cần có tên (tối đa 500 ký tự).", fields={"papers": ["Thiếu tên giấy tờ."]}
            )
        originals = _count(item.get("originals", listed.originals if listed else 0), "bản chính")
        copies = _count(item.get("copies", listed.copies if listed else 0), "bản sao")
        if item.get("upload") is not None:  # stored in the caller's transaction (the API)
            item = {**item, "file": store_upload(item["upload"], "papers")}
        if originals + copies == 0 and item.get("file") is None:
            continue  # listed but not ticked
        rows.append(
            DossierPaper(
                required_paper=listed,
                name=name,
                originals=originals,
                copies=copies,
                file=item.get("file"),
                supplement=supplement,
            )
        )
    return rows


def _check_complete(procedure: Procedure, rows: list[DossierPaper]) -> None:
    handed_in = {row.required_paper_id for row in rows if row.required_paper_id}
    missing = [paper for paper in procedure.papers.filter(required=True).order_by("order") if paper.pk not in handed_in]
    if missing:
        names = "; ".join(f"{paper.order}) {paper.name}" for paper in missing)
        raise ValidationFailed(
            f"Hồ sơ còn thiếu giấy tờ bắt buộc: {names}.",
            fields={"papers": [f"Thiếu: {paper.name}" for paper in missing]},
        )


def _check_procedure(procedure: object) -> Procedure:
    if not isinstance(procedure, Procedure):
        raise ValidationFailed("Không tìm thấy thủ tục hành chính đã chọn.", fields={"procedure": ["Thủ tục không tồn tại."]})
    if not procedure.published:
        raise ValidationFailed(
            f"Thủ tục “{procedure.name}” chưa được công khai, không thể nhận hồ sơ.",
            fields={"procedure": ["Thủ tục chưa được công khai."]},
        )
    return procedure


def _reason(text: str, field: str, message: str) -> str:
    text = nfc(text or "").strip()
    if len(text) < REASON_MIN_LENGTH:
        raise ValidationFailed(message, fields={field: ["Trường này là bắt buộc (ít nhất 5 ký tự)."]})
    return text


# --------------------------------------------------------------------------- shared steps
def _locked(dossier: Dossier) -> Dossier:
    """Lock the dossier's row for this transaction and reload it, so that two
    people acting at once see each other's change instead of overwriting it.
    The caller's instance is refreshed in place."""
    list(Dossier.objects.select_for_update().filter(pk=dossier.pk).values_list("pk", flat=True))
    dossier.refresh_from_db()
    return dossier


def _log(
    dossier: Dossier,
    user: User | None,
    kind: str,
    summary: str,
    *,
    at: datetime,
    note: str = "",
    due_at: datetime | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """One history entry and one audit row, in one round trip on PostgreSQL."""
    insert_rows(
        DossierEvent(dossier=dossier, kind=kind, at=at, actor=user, note=note, due_at=due_at, data=data or {}),
        audit_event(actor=user, action=f"onestop.{kind}", obj=dossier, agency=dossier.agency, summary=summary),
    )


def _save_papers(dossier: Dossier, rows: list[DossierPaper]) -> None:
    for row in rows:
        row.dossier = dossier
    DossierPaper.objects.bulk_create(rows)


def _copy_steps(dossier: Dossier) -> None:
    """Trình tự: the procedure's steps as they stand at receipt."""
    DossierStep.objects.bulk_create(
        DossierStep(dossier=dossier, order=step.order, name=step.name, unit_id=step.unit_id, days=step.days)
        for step in dossier.procedure.steps.order_by("order")
    )


def _start_clock(dossier: Dossier, now: datetime) -> None:
    dossier.received_at = now
    dossier.first_due_at = dossier.due_at = add_working_time(now, dossier.procedure.processing_days)


def _channel(channel: str, allowed: Collection[str]) -> str:
    if channel not in allowed:
        raise ValidationFailed("Hình thức nộp hồ sơ không hợp lệ.", fields={"channel": ["Hình thức nộp không hợp lệ."]})
    return channel


# --------------------------------------------------------------------------- receipt
@transaction.atomic
def dossier_receive(
    *,
    actor: Actor,
    procedure: Procedure,
    applicant: dict[str, Any],
    papers: list[dict[str, Any]],
    channel: str = Channel.COUNTER,
    note: str = "",
) -> Dossier:
    """Tiếp nhận hồ sơ at the counter (or by post): the checklist complete, a
    code of the day, the appointment date, the procedure's steps to follow."""
    _check_procedure(procedure)
    require(
        workflow.is_one_stop(actor, procedure.agency),
        "Chỉ cán bộ Bộ phận một cửa của cơ quan giải quyết thủ tục này mới được tiếp nhận hồ sơ.",
    )
    channel = _channel(channel, Channel.values)
    fields = check_applicant(applicant)
    rows = check_papers(procedure, papers)
    _check_complete(procedure, rows)
    now = timezone.now()
    dossier = Dossier(
        agency=procedure.agency,
        procedure=procedure,
        channel=channel,
        status=Status.RECEIVED,
        received_by=actor.user,
        note=nfc(note or "").strip(),
        **fields,
    )
    _start_clock(dossier, now)
    dossier.code = next_dossier_code(procedure.agency, now)
    dossier.save()
    _save_papers(dossier, rows)
    _copy_steps(dossier)
    _log(
        dossier,
        actor.user,
        EventKind.RECEIVED,
        f"Tiếp nhận hồ sơ {dossier.code} ({procedure.code}), hẹn trả {stamp(dossier.due_at)}",
        at=now,
        note=dossier.note,
        due_at=dossier.due_at,
    )
    return dossier


@transaction.atomic
def dossier_submit_online(
    *, procedure: Procedure, applicant: dict[str, Any], papers: list[dict[str, Any]], channel: str = Channel.ONLINE
) -> Dossier:
    """Nộp hồ sơ trực tuyến (no one signed in): the code is given at once so the
    citizen can follow the dossier; the clock starts when the counter accepts it."""
    _check_procedure(procedure)
    channel = _channel(channel, {Channel.ONLINE, Channel.POST})
    if channel == Channel.ONLINE and procedure.online == OnlineLevel.NONE:
        raise ValidationFailed(
            f"Thủ tục “{procedure.name}” không nhận hồ sơ trực tuyến; mời nộp trực tiếp tại Bộ phận một cửa.",
            fields={"procedure": ["Thủ tục không có dịch vụ công trực tuyến."]},
        )
    fields = check_applicant(applicant)
    rows = check_papers(procedure, papers)
    _check_complete(procedure, rows)
    now = timezone.now()
    dossier = Dossier(
        agency=procedure.agency, procedure=procedure, channel=channel, status=Status.SUBMITTED, submitted_at=now, **fields
    )
    dossier.code = next_dossier_code(procedure.agency, now)
    dossier.save()
    _save_papers(dossier, rows)
    _log(dossier, None, EventKind.SUBMITTED, f"Nộp hồ sơ trực tuyến {dossier.code} ({procedure.code})", at=now)
    notices.submitted_online(dossier)
    return dossier


@transaction.atomic
def dossier_accept(*, actor: Actor, dossier: Dossier) -> Dossier:
    """Tiếp nhận a dossier sent online: the deadline counts from now."""
    dossier = _locked(dossier)
    refuse_unless(workflow.can_accept(actor, dossier))
    now = timezone.now()
    _start_clock(dossier, now)
    dossier.status, dossier.received_by = Status.RECEIVED, actor.user
    dossier.save(update_fields=["status", "received_at", "received_by", "first_due_at", "due_at"])
    _copy_steps(dossier)
    _log(
        dossier,
        actor.user,
        EventKind.RECEIVED,
        f"Tiếp nhận hồ sơ nộp trực tuyến {dossier.code}, hẹn trả {stamp(dossier.due_at)}",
        at=now,
        due_at=dossier.due_at,
    )
    return dossier


# --------------------------------------------------------------------------- processing
def _step_label(step: DossierStep) -> str:
    return f"bước {step.order} “{step.name}”" + (f" ({cast(Unit, step.unit).name})" if step.unit_id else "")


def _finish_step(step: DossierStep, actor: Actor, now: datetime, note: str = "") -> None:
    step.finished_at, step.done_by = now, actor.user
    if note:
        step.note = note[:500]
    step.save(update_fields=["finished_at", "done_by", "note"])


@transaction.atomic
def dossier_hand_over(*, actor: Actor, dossier: Dossier, note: str = "") -> DossierStep:
    """Chuyển xử lý: the counter hands the dossier to the first step's unit, or
    the unit holding it finishes its step and hands it to the next one. Each
    step's deadline counts from its hand-over. Returns the step started."""
    dossier = _locked(dossier)
    refuse_unless(workflow.can_hand_over(actor, dossier))
    steps, note, now = workflow.steps_of(dossier), nfc(note or "").strip(), timezone.now()
    current = workflow.under_way(steps) if dossier.status == Status.IN_PROCESS else None
    following = cast(DossierStep, workflow.next_step(dossier))  # can_hand_over: there is one
    following.unit_id = workflow.step_owner(dossier, following)
    if following.unit_id is None:  # checked by can_hand_over; never hand a dossier to a step nobody here can move on
        raise InvalidState(f"Bước {following.order} “{following.name}” chưa có đơn vị thực hiện.")
    if current is not None:
        _finish_step(current, actor, now, note)
    following.started_at, following.handed_by = now, actor.user
    following.due_at = add_working_time(now, following.days)
    following.save(update_fields=["unit", "started_at", "handed_by", "due_at"])
    if dossier.status != Status.IN_PROCESS:
        dossier.status = Status.IN_PROCESS
        dossier.save(update_fields=["status"])
    _log(
        dossier,
        actor.user,
        EventKind.HANDED_OVER,
        f"Chuyển hồ sơ {dossier.code} sang {_step_label(following)}, hạn xử lý {stamp(following.due_at)}",
        at=now,
        note=note,
        data={"from_step": current.order if current else None, "to_step": following.order},
    )
    notices.handed_over(dossier, following, actor.user)
    return following


def _timeliness(finished: datetime, due: datetime | None) -> str:
    """Against the appointment date: earlier day, same day, later day."""
    if due is None:
        return ""
    zone = timezone.get_default_timezone()
    done, promised = timezone.localtime(finished, zone).date(), timezone.localtime(due, zone).date()
    if done < promised:
        return Timeliness.EARLY
    return Timeliness.ON_TIME if done == promised else Timeliness.LATE


@transaction.atomic
def dossier_finish(
    *,
    actor: Actor,
    dossier: Dossier,
    result_summary: str,
    result_file: StoredFile | None = None,
    result_upload: "File[bytes] | None" = None,
) -> Dossier:
    """Có kết quả: the last step is done; the result waits at the counter. The
    dossier is classified early, on time or late against its first appointment
    (moved only by supplements, never by an apology)."""
    dossier = _locked(dossier)
    refuse_unless(workflow.can_finish(actor, dossier))
    summary = nfc(result_summary or "").strip()
    if not summary or len(summary) > 500:
        raise ValidationFailed(
            "Cần nêu kết quả giải quyết (tối đa 500 ký tự).", fields={"result_summary": ["Trường này là bắt buộc."]}
        )
    if result_upload is not None:
        result_file = store_upload(result_upload, "result_file")
    now = timezone.now()
    current = workflow.current_step(dossier)
    if current is not None:  # can_finish: the last step
        _finish_step(current, actor, now)
    dossier.status, dossier.finished_at = Status.RESULT_READY, now
    dossier.result_summary, dossier.result_file = summary, result_file
    dossier.timeliness = _timeliness(now, dossier.first_due_at)
    dossier.save(update_fields=["status", "finished_at", "result_summary", "result_file", "timeliness"])
    _log(
        dossier,
        actor.user,
        EventKind.RESULT_READY,
        f"Hồ sơ {dossier.code} có kết quả ({dossier.get_timeliness_display().lower()}): {summary}",
        at=now,
        note=summary,
    )
    notices.result_ready(dossier, actor.user)
    return dossier


# --------------------------------------------------------------------------- supplements, the stopped clock
@transaction.atomic
def dossier_request_supplement(*, actor: Actor, dossier: Dossier, items: list[str], reason: str) -> Dossier:
    """Yêu cầu bổ sung, hoàn thiện hồ sơ: the clock stops until the citizen brings
    the papers. The items and reason are kept on the event: the slip prints them."""
    dossier = _locked(dossier)
    refuse_unless(workflow.can_request_supplement(actor, dossier))
    items = [nfc(str(item)).strip() for item in items or [] if str(item or "").strip()]
    if not items:
        raise ValidationFailed(
            "Cần nêu ít nhất một giấy tờ hoặc nội dung cần bổ sung.", fields={"items": ["Trường này là bắt buộc."]}
        )
    reason = _reason(reason, "reason", "Cần nêu lý do yêu cầu bổ sung hồ sơ.")
    now, before = timezone.now(), dossier.status
    dossier.status, dossier.paused_at = Status.SUPPLEMENT, now
    dossier.save(update_fields=["status", "paused_at"])
    _log(
        dossier,
        actor.user,
        EventKind.SUPPLEMENT_REQUESTED,
        f"Yêu cầu bổ sung hồ sơ {dossier.code}: {'; '.join(items)}",
        at=now,
        note=reason,
        data={"items": items, "reason": reason, "status_before": before},
    )
    notices.supplement_requested(dossier, actor)
    return dossier


@transaction.atomic
def dossier_supplement(*, actor: Actor, dossier: Dossier, papers: list[dict[str, Any]]) -> Dossier:
    """Nộp bổ sung: the papers asked for arrive, the clock resumes. The working
    time the dossier waited is the citizen's, not the office's: it is added to
    the appointment, the first appointment and the current step's deadline."""
    dossier = _locked(dossier)
    refuse_unless(workflow.can_supplement(actor, dossier))
    rows = check_papers(dossier.procedure, papers, supplement=True)
    if not rows:
        raise ValidationFailed("Cần ghi nhận ít nhất một giấy tờ nộp bổ sung.", fields={"papers": ["Chưa có giấy tờ nào."]})
    now = timezone.now()
    paused = working_time_between(dossier.paused_at, now) if dossier.paused_at else Decimal(0)
    step = workflow.current_step(dossier)
    if paused > 0:
        dossier.due_at = add_working_time(cast(datetime, dossier.due_at), paused)  # a received dossier has them
        dossier.first_due_at = add_working_time(cast(datetime, dossier.first_due_at), paused)
        if step is not None and step.due_at:
            step.due_at = add_working_time(step.due_at, paused)
            step.save(update_fields=["due_at"])
    dossier.status = Status.IN_PROCESS if step is not None else Status.RECEIVED
    dossier.paused_at = None
    dossier.save(update_fields=["status", "paused_at", "due_at", "first_due_at"])
    _save_papers(dossier, rows)
    _log(
        dossier,
        actor.user,
        EventKind.SUPPLEMENTED,
        f"Nhận giấy tờ bổ sung hồ sơ {dossier.code}; tạm dừng {paused} ngày làm việc, hẹn trả {stamp(dossier.due_at)}",
        at=now,
        due_at=dossier.due_at,
        data={"papers": [row.name for row in rows], "paused_days": str(paused)},
    )
    return dossier


# --------------------------------------------------------------------------- side exits and delays
@transaction.atomic
def dossier_refuse(*, actor: Actor, dossier: Dossier, reason: str) -> Dossier:
    """Từ chối giải quyết (or refuse an online submission), with the reason the slip prints."""
    dossier = _locked(dossier)
    refuse_unless(workflow.can_refuse(actor, dossier))
    reason = _reason(reason, "reason", "Cần nêu lý do từ chối giải quyết hồ sơ.")
    now = timezone.now()
    dossier.status, dossier.refusal_reason = Status.REFUSED, reason
    dossier.save(update_fields=["status", "refusal_reason"])
    _log(dossier, actor.user, EventKind.REFUSED, f"Từ chối hồ sơ {dossier.code}: {reason}", at=now, note=reason)
    return dossier


@transaction.atomic
def dossier_apologise(*, actor: Actor, dossier: Dossier, reason: str, new_due: datetime) -> Dossier:
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả: the appointment moves, the first
    appointment stays (an apology does not make a late dossier on time)."""
    dossier = _locked(dossier)
    refuse_unless(workflow.can_apologise(actor, dossier))
    reason = _reason(reason, "reason", "Cần nêu lý do chậm trả kết quả.")
    if not isinstance(new_due, datetime) or timezone.is_naive(new_due):
        raise ValidationFailed("Cần nhập ngày giờ hẹn trả kết quả mới.", fields={"new_due": ["Ngày hẹn không hợp lệ."]})
    now = timezone.now()
    if new_due <= cast(datetime, dossier.due_at) or new_due <= now:
        raise ValidationFailed(
            f"Ngày hẹn mới phải sau ngày hẹn hiện tại ({stamp(dossier.due_at)}) và sau thời điểm hiện tại.",
            fields={"new_due": ["Ngày hẹn mới phải sau ngày hẹn hiện tại."]},
        )
    before = cast(datetime, dossier.due_at)  # a received dossier has one
    dossier.due_at = new_due
    dossier.save(update_fields=["due_at"])
    _log(
        dossier,
        actor.user,
        EventKind.APOLOGY,
        f"Xin lỗi và hẹn lại hồ sơ {dossier.code}: từ {stamp(before)} sang {stamp(new_due)}",
        at=now,
        note=reason,
        due_at=new_due,
        data={"reason": reason, "previous_due_at": before.isoformat()},
    )
    return dossier


@transaction.atomic
def dossier_return(*, actor: Actor, dossier: Dossier) -> Dossier:
    """Trả kết quả to the citizen at the counter."""
    dossier = _locked(dossier)
    refuse_unless(workflow.can_return(actor, dossier))
    now = timezone.now()
    dossier.status, dossier.returned_at = Status.RETURNED, now
    dossier.save(update_fields=["status", "returned_at"])
    _log(dossier, actor.user, EventKind.RETURNED, f"Trả kết quả hồ sơ {dossier.code}", at=now)
    return dossier


@transaction.atomic
def dossier_withdraw(*, actor: Actor, dossier: Dossier, reason: str) -> Dossier:
    """Rút hồ sơ at the applicant's request, recorded by the counter."""
    dossier = _locked(dossier)
    refuse_unless(workflow.can_withdraw(actor, dossier))
    reason = _reason(reason, "reason", "Cần ghi lý do người nộp rút hồ sơ.")
    now = timezone.now()
    dossier.status = Status.WITHDRAWN
    dossier.save(update_fields=["status"])
    _log(dossier, actor.user, EventKind.WITHDRAWN, f"Rút hồ sơ {dossier.code}: {reason}", at=now, note=reason)
    return dossier


@transaction.atomic
def dossier_rate(*, dossier: Dossier, level: str, comment: str = "") -> Rating:
    """Đánh giá mức độ hài lòng by the citizen (no sign-in), once, after return."""
    dossier = _locked(dossier)
    if dossier.status != Status.RETURNED:
        raise InvalidState("Chỉ đánh giá được hồ sơ đã trả kết quả.")
    if Rating.objects.filter(dossier=dossier).exists():
        raise InvalidState(f"Hồ sơ {dossier.code} đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần.")
    if level not in Satisfaction.values:
        raise ValidationFailed("Cần chọn mức độ hài lòng.", fields={"level": ["Mức độ hài lòng không hợp lệ."]})
    comment = nfc(comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationFailed(
            f"Góp ý tối đa {COMMENT_MAX_LENGTH} ký tự.", fields={"comment": [f"Tối đa {COMMENT_MAX_LENGTH} ký tự."]}
        )
    try:
        with transaction.atomic():
            rating = Rating.objects.create(dossier=dossier, level=level, comment=comment)
    except IntegrityError:  # rated at the same moment from another page
        raise InvalidState(f"Hồ sơ {dossier.code} đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần.") from None
    insert_rows(
        audit_event(
            actor=None,
            action="onestop.rated",
            obj=dossier,
            agency=dossier.agency,
            summary=f"Người nộp đánh giá hồ sơ {dossier.code}: {rating.get_level_display()}",
        )
    )
    return rating
