"""What waits for a user among outgoing documents (the "Chờ tôi xử lý" tab),
as one query: the current review step is computed in SQL, not per row."""

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from eoffice.organisation.models import Role
from eoffice.organisation.selectors import Actor
from eoffice.outgoing.models import OutgoingDocument, ReviewStep, Status, StepKind


def _current_step_kind() -> Subquery:
    """Kind of the first step that has not approved the document's current version
    (SQL twin of chain.current_step)."""
    pending = ReviewStep.objects.filter(document=OuterRef("pk")).filter(
        Q(approved_version__isnull=True)
        | Q(approved_version__lt=OuterRef("version"))
        | Q(approved_version__gt=OuterRef("version"))
    )
    return Subquery(pending.order_by("order").values("kind")[:1])


def waiting_for(actor: Actor) -> QuerySet:
    """Documents whose next step is this user's (chain.next_actor_ids, in SQL)."""
    mine = Q(status__in=[Status.DRAFT, Status.RETURNED], drafter=actor.user)
    review = Q(step_kind=StepKind.SIGN, signer_id__in=actor.acting_user_ids)
    if actor.head_unit_ids:
        review |= Q(step_kind=StepKind.CONTENT, drafting_unit_id__in=actor.head_unit_ids)
    if Role.FORMAT_CHECKER in actor.roles:
        review |= Q(step_kind=StepKind.FORMAT)
    if actor.is_leader:
        review |= Q(step_kind=StepKind.LEADER) & ~Q(signer=actor.user)
    mine |= Q(status=Status.IN_REVIEW) & review
    if actor.is_clerk:
        mine |= Q(status=Status.SIGNED)
    # `is_open` first and at the top level: the partial index of open documents
    # then skips the issued history (the precise statuses are in `mine`).
    qs = OutgoingDocument.objects.filter(is_open=True).visible_to(actor)
    return qs.annotate(step_kind=_current_step_kind()).filter(mine)


TABS = {
    "waiting": _("Chờ tôi xử lý"),
    "mine": _("Tôi soạn thảo"),
    "issued": _("Đã ban hành"),
    "all": _("Tất cả"),
}


def tab_queryset(actor: Actor, tab: str) -> QuerySet:
    """The documents of a tab, each annotated with `step_kind` (its current review step)."""
    if tab == "waiting":
        return waiting_for(actor)
    qs = OutgoingDocument.objects.visible_to(actor).annotate(step_kind=_current_step_kind())
    if tab == "mine":
        return qs.filter(drafter=actor.user)
    if tab == "issued":
        return qs.filter(status__in=[Status.ISSUED, Status.RECALLED])
    return qs


def step_label(document) -> str:
    """What an in-review document waits for, e.g. "Kiểm tra thể thức, kỹ thuật trình bày"."""
    kind = getattr(document, "step_kind", None)
    return StepKind(kind).label if kind and document.status == Status.IN_REVIEW else ""
