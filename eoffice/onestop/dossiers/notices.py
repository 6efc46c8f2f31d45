"""Who a dossier's step asks to act, told through the bell
(notifications.notify): the people of the unit a dossier is handed to, and the
counter (Bộ phận một cửa) for what it must do next (accept an online
submission, tell the applicant what to bring, hand out the result). Called by
the step's service inside its transaction; the person who acted is never told
of their own step."""

from typing import Any, cast

from django.urls import reverse

from eoffice.notifications.services import notify
from eoffice.onestop.models import Dossier, DossierStep
from eoffice.organisation.models import Membership, Role, User
from eoffice.organisation.selectors import Actor


def _tell(dossier: Dossier, members: Any, actor: User | None, kind: str, title: str) -> None:
    notify(
        members.values_list("user_id", flat=True).distinct(),
        agency=dossier.agency,
        kind=f"onestop.{kind}",
        title=title,
        body=f"{dossier.procedure.name} — {dossier.applicant_name}",
        url=reverse("onestop:detail", args=[dossier.pk]),
        obj=dossier,
        exclude=actor,
    )


def _counter(dossier: Dossier) -> Any:
    return Membership.objects.filter(agency_id=dossier.agency_id, role=Role.ONE_STOP)


def submitted_online(dossier: Dossier) -> None:
    _tell(dossier, _counter(dossier), None, "submitted", f"Hồ sơ {dossier.code} nộp trực tuyến chờ tiếp nhận")


def handed_over(dossier: Dossier, step: DossierStep, actor: User) -> None:
    """Everyone of the step's unit may move it on (workflow.handles_step)."""
    members = Membership.objects.filter(agency_id=dossier.agency_id, unit_id=cast(int, step.unit_id))  # handed to a unit
    title = f"Hồ sơ {dossier.code} chuyển đến đơn vị đồng chí: bước {step.order} “{step.name}”"
    _tell(dossier, members, actor, "handed_over", title)


def supplement_requested(dossier: Dossier, actor: Actor) -> None:
    """Asked by a processing unit or a leader: the counter tells the applicant."""
    if Role.ONE_STOP in actor.roles:
        return  # the counter asked, and tells the applicant itself
    title = f"Hồ sơ {dossier.code} cần bổ sung giấy tờ: đề nghị báo người nộp"
    _tell(dossier, _counter(dossier), actor.user, "supplement_requested", title)


def result_ready(dossier: Dossier, actor: User) -> None:
    title = f"Hồ sơ {dossier.code} đã có kết quả, chờ trả cho người nộp"
    _tell(dossier, _counter(dossier), actor, "result_ready", title)
