"""The review chain (quy trình duyệt, ND30 Art.10–13): which step a draft is
at and who may act next. A step counts only for the version it approved, so a
draft changed after approval goes through the chain again (Art.11)."""

from eoffice.core.errors import InvalidState, ValidationFailed
from eoffice.organisation.models import Membership, Role, User
from eoffice.organisation.selectors import Actor
from eoffice.outgoing.models import DEFAULT_CHAIN, ReviewChain, ReviewStep, Status, StepKind


def chain_for(*, agency, type_name: str) -> list[str]:
    """The configured steps for this agency and type, else the agency's
    default, else drafter → content → format → signer."""
    rows = {c.type_name: c.steps for c in ReviewChain.objects.filter(agency=agency, type_name__in=[type_name, ""])}
    steps = rows.get(type_name) or rows.get("") or [str(kind) for kind in DEFAULT_CHAIN]
    check_chain(steps)
    return steps


def check_chain(steps: list) -> None:
    if not steps or steps[-1] != StepKind.SIGN or any(step not in StepKind.values for step in steps):
        raise ValidationFailed(
            "Quy trình duyệt không hợp lệ: các bước phải thuộc "
            f"{', '.join(StepKind.values)} và bước cuối là ký ({StepKind.SIGN}).",
            fields={"steps": ["Bước không hợp lệ hoặc thiếu bước ký."]},
        )


def current_step(document) -> ReviewStep | None:
    """The first step that has not approved the current version."""
    for step in document.steps.all():
        if step.approved_version != document.version:
            return step
    return None


def acting_step(document) -> ReviewStep:
    """The current step, once a `can_<step>` check has said there is one."""
    step = current_step(document)
    if step is None:
        raise InvalidState("Dự thảo không còn bước duyệt nào đang chờ.")
    return step


def step_user_ids(document, kind: str) -> set[int]:
    """Who may act at a step of this kind. Their delegates (ủy quyền) act
    through Actor.acting_user_ids."""
    members = Membership.objects.filter(agency=document.agency)
    if kind == StepKind.CONTENT:
        members = members.filter(role=Role.UNIT_HEAD, unit=document.drafting_unit)
    elif kind == StepKind.FORMAT:
        members = members.filter(role=Role.FORMAT_CHECKER)
    elif kind == StepKind.LEADER:
        members = members.filter(role=Role.LEADER).exclude(user=document.signer)
    else:
        return {document.signer_id}
    return set(members.values_list("user_id", flat=True))


def next_actor_ids(document) -> set[int]:
    """Everyone who may take the document's next step (the API's next_actors)."""
    if document.status in (Status.DRAFT, Status.RETURNED):
        return {document.drafter_id}
    if document.status == Status.IN_REVIEW:
        step = current_step(document)
        return step_user_ids(document, step.kind) if step else set()
    if document.status == Status.SIGNED:
        clerks = Membership.objects.filter(agency=document.agency, role=Role.CLERK)
        return set(clerks.values_list("user_id", flat=True))
    return set()


def next_actors(document) -> list[User]:
    return list(User.objects.filter(pk__in=next_actor_ids(document)).order_by("full_name", "username"))


def reviewers_on_submit(document) -> list[User]:
    """Who a draft not yet in review (dự thảo, bị trả lại) goes to when the drafter
    submits it: its chain's first step that has not approved this version (a returned
    draft keeps its chain), else the first step of the agency's chain for its type."""
    if document.status not in (Status.DRAFT, Status.RETURNED):
        return []
    step = current_step(document)
    try:
        kind = step.kind if step else chain_for(agency=document.agency, type_name=document.type_name)[0]
    except ValidationFailed:  # a chain misconfigured in the admin: submitting says so
        return []
    ids = step_user_ids(document, kind)
    return list(User.objects.filter(pk__in=ids).order_by("full_name", "username"))


def may_act(actor: Actor, document) -> bool:
    return bool(next_actor_ids(document) & set(actor.acting_user_ids)) and actor.agency.pk == document.agency_id
