"""Who an outgoing document's step asks to act, told through the bell
(notifications.notify): the next people the review chain names (chain.py),
the drafter when the draft comes back or is issued, the registry when it is
signed. Called by the step's service inside its transaction; the person who
acted is never told of their own step."""

from collections.abc import Iterable

from django.urls import reverse

from eoffice.notifications.services import notify
from eoffice.organisation.models import User
from eoffice.organisation.selectors import Actor
from eoffice.outgoing import chain
from eoffice.outgoing.models import OutgoingDocument, StepKind

WHAT_STEP_ASKS = {
    StepKind.CONTENT: "chờ đồng chí duyệt nội dung",
    StepKind.FORMAT: "chờ đồng chí kiểm tra thể thức",
    StepKind.LEADER: "chờ đồng chí duyệt",
    StepKind.SIGN: "chờ đồng chí ký",
}


def _name(document: OutgoingDocument) -> str:
    subject = document.subject if len(document.subject) <= 120 else document.subject[:119] + "…"
    if document.code_number:
        return f"Văn bản đi số {document.symbol_display} “{subject}”"
    return f"Dự thảo {document.type_name} “{subject}”"


def _tell(document: OutgoingDocument, users: Iterable[User | int | None], actor: Actor, kind: str, title: str) -> None:
    notify(
        users,
        agency=document.agency,
        kind=f"outgoing.{kind}",
        title=title,
        url=reverse("outgoing-detail", args=[document.pk]),
        obj=document,
        exclude=actor.user,
    )


def next_step(document: OutgoingDocument, actor: Actor) -> None:
    """After submitting or approving: the people of the step the draft is at now."""
    step = chain.current_step(document)
    if step is None:
        return
    kind = "sign" if step.kind == StepKind.SIGN else "review"
    title = f"{_name(document)} {WHAT_STEP_ASKS[StepKind(step.kind)]}"
    _tell(document, chain.step_user_ids(document, step.kind), actor, kind, title)


def returned(document: OutgoingDocument, actor: Actor) -> None:
    _tell(document, [document.drafter_id], actor, "returned", f"{_name(document)} bị trả lại, chờ đồng chí sửa")


def signed(document: OutgoingDocument, actor: Actor) -> None:
    """The registry numbers and issues what was signed."""
    title = f"{_name(document)} đã ký, chờ cấp số và ban hành"
    _tell(document, chain.next_actor_ids(document), actor, "signed", title)


def issued(document: OutgoingDocument, actor: Actor) -> None:
    _tell(document, [document.drafter_id], actor, "issued", f"{_name(document)} đã được ban hành")
