"""The workflow of outgoing documents (văn bản đi), declared once.

Who may take each step now is one `can_<step>(actor, document)` function: the
services call it before acting and the document page asks it before showing a
button. The table below gives each step its service, web form, API body and
address; the POST views, the API actions and the page's forms come from it
(core.workflow). The review chain itself (whose turn it is) is chain.py.

    draft/returned ─submit→ in review ─approve…→ (sign step) ─sign→ signed ─issue→ issued ─recall→ recalled
          ↑──────────return──────┘                                        issued ─correct→ a new draft
"""

from django.http import HttpResponse
from django.shortcuts import redirect

from eoffice.core.errors import InvalidState, NotAllowed, state_refusal
from eoffice.core.workflow import Refusal, Step, Workflow
from eoffice.organisation.selectors import Actor
from eoffice.outgoing import chain, forms
from eoffice.outgoing import serializers as s
from eoffice.outgoing.access import get_outgoing_for_user
from eoffice.outgoing.models import OutgoingDocument, Recipient, Status, StepKind

EDITABLE = {Status.DRAFT, Status.RETURNED}


def is_registry_of(actor: Actor, document: OutgoingDocument) -> bool:
    return actor.is_clerk and actor.agency.pk == document.agency_id


# --------------------------------------------------------------------------- drafting
def can_edit(actor: Actor, document: OutgoingDocument) -> Refusal:
    """A new version of the draft: its drafter, while editable."""
    return can_change_files(actor, document, "sửa dự thảo", who="Chỉ người soạn thảo mới được sửa dự thảo.")


def can_change_files(
    actor: Actor,
    document: OutgoingDocument,
    action: str = "sửa tệp đính kèm",
    who: str = "Chỉ người soạn thảo mới được thay đổi tệp của dự thảo.",
) -> Refusal:
    """The draft and its files change only by its drafter while it may be edited."""
    if actor.user.pk != document.drafter_id:
        return NotAllowed(who)
    return state_refusal(document, EDITABLE, action)


def can_submit(actor: Actor, document: OutgoingDocument) -> Refusal:
    if actor.user.pk != document.drafter_id:
        return NotAllowed("Chỉ người soạn thảo mới được trình dự thảo.")
    return state_refusal(document, EDITABLE, "trình")


def can_comment(actor: Actor, document: OutgoingDocument) -> Refusal:
    """Ý kiến: anyone who sees the document, until it is issued."""
    return state_refusal(document, set(Status) - {Status.ISSUED, Status.RECALLED}, "ghi ý kiến")


# --------------------------------------------------------------------------- the review chain
def _turn(actor: Actor, document: OutgoingDocument, action: str) -> Refusal:
    refusal = state_refusal(document, {Status.IN_REVIEW}, action)
    if refusal is None and (chain.current_step(document) is None or not chain.may_act(actor, document)):
        return NotAllowed("Chưa đến lượt anh/chị xử lý dự thảo này.")
    return refusal


def can_approve(actor: Actor, document: OutgoingDocument) -> Refusal:
    """Duyệt nội dung / thể thức / lãnh đạo; the signer approves by signing."""
    refusal = _turn(actor, document, "duyệt")
    if refusal is None and chain.acting_step(document).kind == StepKind.SIGN:
        return InvalidState("Dự thảo đã đến bước ký: người ký duyệt bằng cách ký số.")
    return refusal


def can_return(actor: Actor, document: OutgoingDocument) -> Refusal:
    return _turn(actor, document, "trả lại")


def can_sign(actor: Actor, document: OutgoingDocument) -> Refusal:
    refusal = state_refusal(document, {Status.IN_REVIEW}, "ký")
    if refusal is not None:
        return refusal
    step = chain.current_step(document)
    if step is None or step.kind != StepKind.SIGN:
        return InvalidState("Dự thảo chưa được duyệt đủ các bước trước khi ký.")
    if not chain.may_act(actor, document):
        return NotAllowed("Chỉ người có thẩm quyền ký văn bản này mới được ký.")
    return None


# --------------------------------------------------------------------------- the registry
def can_issue(actor: Actor, document: OutgoingDocument) -> Refusal:
    if not is_registry_of(actor, document):
        return NotAllowed("Chỉ văn thư của cơ quan mới được ban hành văn bản.")
    if document.status == Status.ISSUED:
        return InvalidState(f"Văn bản đã được ban hành với số {document.symbol_display}.")
    return state_refusal(document, {Status.SIGNED}, "ban hành")


def can_recall(actor: Actor, document: OutgoingDocument) -> Refusal:
    if not is_registry_of(actor, document):
        return NotAllowed("Chỉ văn thư của cơ quan mới được thu hồi văn bản.")
    return state_refusal(document, {Status.ISSUED}, "thu hồi")


def can_resend(actor: Actor, document: OutgoingDocument) -> Refusal:
    """Gửi lại a package the exchange refused — an issuance, or a recall's
    revocation (the service checks that the recipient's delivery failed)."""
    if not is_registry_of(actor, document):
        return NotAllowed("Chỉ văn thư của cơ quan mới được gửi lại văn bản.")
    return state_refusal(document, {Status.ISSUED, Status.RECALLED}, "gửi lại")


def can_correct(actor: Actor, document: OutgoingDocument) -> Refusal:
    """Đính chính: a member of a unit of the issuing agency starts the correcting draft."""
    refusal = state_refusal(document, {Status.ISSUED}, "đính chính")
    if refusal is None and (not actor.unit_ids or document.agency_id != actor.agency.pk):
        return NotAllowed("Chỉ cán bộ của cơ quan ban hành mới được soạn văn bản đính chính.")
    return refusal


# --------------------------------------------------------------------------- the table
def _issued(document: OutgoingDocument) -> str:
    return f"Đã cấp số {document.symbol_display}, ký số của cơ quan và ban hành."


def _resent(recipient: Recipient) -> str:
    return f"Đã đưa gói tin cho {recipient.agency.name} vào hàng đợi gửi lại."


def _to_new_draft(draft: OutgoingDocument) -> HttpResponse:
    return redirect("outgoing-edit", pk=draft.pk)


DOCUMENT = Workflow(
    name="outgoing",
    services="eoffice.outgoing.services",
    record_arg="document",
    load=get_outgoing_for_user,
    template="outgoing/detail.html",
    context="eoffice.outgoing.documents.pages.detail_context",
    page_url="outgoing-detail",
    url_prefix="outgoing-",
    steps=(
        Step(
            "submit", can_submit, "review.services.outgoing_submit", "trinh/", forms.OptionalCommentForm, s.CommentIn,
            prefix="submit", rename={"comment": "note"}, done="Đã trình dự thảo.",
        ),
        Step(
            "approve", can_approve, "review.services.outgoing_approve", "duyet/", forms.OptionalCommentForm, s.CommentIn,
            prefix="approve", done="Đã duyệt dự thảo.",
        ),
        Step(
            "return", can_return, "review.services.outgoing_return", "tra-lai/", forms.CommentForm, s.CommentIn,
            prefix="return", done="Đã trả lại dự thảo cho người soạn thảo.",
        ),
        Step(
            "comment", can_comment, "review.services.outgoing_comment", "y-kien/", forms.CommentForm, s.CommentIn,
            prefix="comment", rename={"comment": "text"}, done="Đã ghi ý kiến.",
        ),
        Step(
            "sign", can_sign, "issuance.services.outgoing_sign", "ky-so/", forms.SignForm, s.ConfirmIn,
            prefix="sign", done="Đã ký số văn bản.",
        ),
        Step(
            "issue", can_issue, "issuance.services.outgoing_issue", "ban-hanh/", forms.IssueForm, s.ConfirmIn,
            prefix="issue", done=_issued,
        ),
        Step(
            "recall", can_recall, "issuance.services.outgoing_recall", "thu-hoi/", forms.ReasonForm, s.RecallIn,
            prefix="recall", done="Đã thu hồi văn bản.",
        ),
        Step(
            "correct", can_correct, "issuance.correction.outgoing_correct", "dinh-chinh/", record_arg="original",
            done="Đã tạo dự thảo Công văn đính chính: hãy ghi rõ chỗ sai sót và nội dung đính chính.",
            then=_to_new_draft, api_status=201, api_result=True,
        ),
        Step(
            "resend", can_resend, "issuance.delivery.outgoing_resend", "gui-lai/<int:recipient>/", body=s.ResendIn, done=_resent,
        ),
    ),
)  # fmt: skip
