"""The workflow of incoming documents (văn bản đến), declared once.

Who may take each step now is one `can_<step>(actor, record)` function: the
services call it before acting and the document page asks it before showing a
button. The two tables below (steps on the document, steps on an assignment)
give each step its service (in handling/services.py and handling/assignments.py),
web form, API body and address; the POST views, the API actions and the page's
forms are generated from them (core.workflow).

    registered ─submit→ submitted ─direct→ directed ─reassign/progress→ in progress ─lead task done→ done
        ↑  returned ←return─┘         (any state but done/recalled) ─recall→ recalled

Each assignment completes on its own. The unit's lead task is done when its
head completes it, or accepts (accept) what the specialist it was handed to
completed; send_back reopens the specialist's task. With
EOFFICE_INCOMING_HEAD_ACCEPTS off, the specialist's completion is enough.
"""

from eoffice.core.errors import InvalidState, NotAllowed, state_refusal
from eoffice.core.workflow import Refusal, Step, Workflow
from eoffice.incoming import forms
from eoffice.incoming import serializers as s
from eoffice.incoming.access import get_assignment_for_user, get_incoming_for_user
from eoffice.incoming.models import Assignment, AssignmentKind, AssignmentStatus, IncomingDocument, Status
from eoffice.organisation.selectors import Actor

OPEN = set(Status) - {Status.DONE, Status.RECALLED}


# --------------------------------------------------------------------------- who may act
def is_registry_of(actor: Actor, document: IncomingDocument) -> bool:
    return actor.is_clerk and document.agency_id == actor.agency.pk


def is_reviewer_of(actor: Actor, document: IncomingDocument) -> bool:
    """The leader the document was submitted to (or whoever acts for them)."""
    if not (actor.is_leader and document.agency_id == actor.agency.pk):
        return False
    reviews = document.assignments.filter(kind=AssignmentKind.REVIEW, is_open=True)
    return reviews.filter(user_id__in=actor.acting_user_ids).exists()


def handles(actor: Actor, assignment: Assignment) -> bool:
    """The assignee (or their delegate), or the head of the assigned unit."""
    if assignment.user_id:
        return assignment.user_id in actor.acting_user_ids
    return assignment.unit_id in actor.head_unit_ids


# --------------------------------------------------------------------------- steps on the document
def can_submit(actor: Actor, document: IncomingDocument) -> Refusal:
    if not is_registry_of(actor, document):
        return NotAllowed("Chỉ văn thư của cơ quan mới được trình văn bản.")
    return state_refusal(document, {Status.REGISTERED, Status.RETURNED}, "trình")


def can_return(actor: Actor, document: IncomingDocument) -> Refusal:
    refusal = state_refusal(document, {Status.SUBMITTED}, "trả lại")
    if refusal is None and not is_reviewer_of(actor, document):
        return NotAllowed("Chỉ lãnh đạo được trình văn bản mới được trả lại văn bản.")
    return refusal


def can_direct(actor: Actor, document: IncomingDocument) -> Refusal:
    refusal = state_refusal(document, {Status.SUBMITTED}, "cho ý kiến chỉ đạo")
    if refusal is None and not is_reviewer_of(actor, document):
        return NotAllowed("Chỉ lãnh đạo được trình văn bản mới được cho ý kiến chỉ đạo.")
    return refusal


def can_recall(actor: Actor, document: IncomingDocument) -> Refusal:
    if not is_registry_of(actor, document):
        return NotAllowed("Chỉ văn thư mới được thu hồi văn bản.")
    return state_refusal(document, OPEN, "thu hồi")


def can_correct(actor: Actor, document: IncomingDocument) -> Refusal:
    """Cập nhật, bổ sung thông tin (PL6 III.7.c): the registry that registered it,
    at any stage but after a recall."""
    if not is_registry_of(actor, document):
        return NotAllowed("Chỉ văn thư của cơ quan mới được cập nhật thông tin văn bản đến.")
    if document.status == Status.RECALLED:
        return InvalidState("Văn bản đã bị thu hồi, không cập nhật thông tin được.")
    return None


def names_readers(actor: Actor) -> bool:
    """Those the agency names to grant reading confidential documents: its
    leaders, and whoever the administrator gave the permission (never a clerk
    as such, ND30 PL6 III.3.c)."""
    return actor.is_leader or actor.user.has_perm("incoming.grant_confidential_access")


def can_grant(actor: Actor, document: IncomingDocument) -> Refusal:
    """Only a confidential document has readers to grant, and only someone the
    agency names to grant them who may read it themselves."""
    may = names_readers(actor) and document.grants.filter(user_id__in=actor.acting_user_ids).exists()
    if not may:
        return NotAllowed(
            "Chỉ lãnh đạo hoặc người được cơ quan giao quyền, đã được phép xem văn bản mật này, mới được cấp quyền xem."
        )
    if not document.is_confidential:
        return InvalidState("Văn bản không mật: ai được giao xử lý đều xem được, không cần cấp quyền.")
    return None


# --------------------------------------------------------------------------- steps on an assignment
def can_reassign(actor: Actor, assignment: Assignment) -> Refusal:
    if not (assignment.unit_id in actor.head_unit_ids and assignment.user_id is None):
        return NotAllowed("Chỉ lãnh đạo đơn vị được giao mới được phân công xử lý.")
    refusal = state_refusal(assignment.document, {Status.DIRECTED, Status.IN_PROGRESS}, "phân công")
    if refusal is None and (not assignment.is_open or assignment.kind not in {AssignmentKind.LEAD, AssignmentKind.COORDINATE}):
        return InvalidState("Nhiệm vụ này không còn mở để phân công.")
    return refusal


def can_progress(actor: Actor, assignment: Assignment) -> Refusal:
    if not handles(actor, assignment):
        return NotAllowed("Bạn không được giao xử lý nhiệm vụ này.")
    if not assignment.is_open:
        return InvalidState("Nhiệm vụ đã kết thúc, không thể cập nhật tiến độ.")
    if assignment.kind == AssignmentKind.REVIEW or assignment.is_for_information:
        return InvalidState("Nhiệm vụ trình duyệt hoặc nhận để biết không có tiến độ để cập nhật.")
    return None


def can_complete(actor: Actor, assignment: Assignment) -> Refusal:
    """Hoàn thành a task, or "Đã xem" one received for information."""
    if not handles(actor, assignment):
        return NotAllowed("Bạn không được giao xử lý nhiệm vụ này.")
    if not assignment.is_open or assignment.kind == AssignmentKind.REVIEW:
        return InvalidState("Nhiệm vụ này không thể hoàn thành.")
    if assignment.status == AssignmentStatus.REPORTED:
        return InvalidState("Chuyên viên đã báo cáo hoàn thành: hãy chấp nhận hoặc trả lại kết quả.")
    return None


def can_accept(actor: Actor, assignment: Assignment) -> Refusal:
    """Chấp nhận: the unit head accepts what the specialist reported on the unit's task."""
    if not (assignment.user_id is None and assignment.unit_id in actor.head_unit_ids):
        return NotAllowed("Chỉ lãnh đạo đơn vị được giao mới được chấp nhận kết quả xử lý.")
    if not assignment.is_open or assignment.status != AssignmentStatus.REPORTED:
        return InvalidState("Chưa có kết quả nào chờ chấp nhận.")
    return None


def can_send_back(actor: Actor, assignment: Assignment) -> Refusal:
    """Trả lại: the unit head returns the specialist's result (same rule as accepting)."""
    return can_accept(actor, assignment)


def _completed_message(assignment: Assignment) -> str:
    if assignment.is_for_information:
        return "Đã đánh dấu đã xem."
    if assignment.parent is not None and assignment.parent.status == AssignmentStatus.REPORTED:
        return "Đã báo cáo hoàn thành; chờ lãnh đạo đơn vị chấp nhận."
    return "Đã báo cáo hoàn thành nhiệm vụ."


# --------------------------------------------------------------------------- the tables
DOCUMENT = Workflow(
    name="incoming",
    services="eoffice.incoming.handling.services",
    record_arg="document",
    load=get_incoming_for_user,
    template="incoming/detail.html",
    context="eoffice.incoming.pages.detail_context",
    page_url="incoming-detail",
    url_prefix="incoming-",
    steps=(
        Step(
            "submit", can_submit, "incoming_submit", "trinh/", forms.SubmitForm, s.SubmitIn, done="Đã trình văn bản lên lãnh đạo."
        ),
        Step(
            "direct",
            can_direct,
            "incoming_direct",
            "chi-dao/",
            forms.DirectForm,
            s.DirectIn,
            done="Đã ghi ý kiến chỉ đạo và giao xử lý.",
        ),
        Step(
            "return",
            can_return,
            "incoming_return",
            "tra-lai/",
            forms.ReasonForm,
            s.ReasonIn,
            prefix="return",
            done="Đã trả lại văn thư.",
        ),
        Step(
            "grant",
            can_grant,
            "incoming_grant_access",
            "cap-quyen/",
            forms.GrantForm,
            s.GrantIn,
            done="Đã cấp quyền xem văn bản.",
        ),
        Step(
            "correct",
            can_correct,
            "correction.incoming_correct",
            "cap-nhat/",
            forms.CorrectForm,
            s.CorrectIn,
            prefix="correct",
            done="Đã cập nhật thông tin văn bản đến.",
        ),
        Step(
            "recall",
            can_recall,
            "incoming_recall",
            "thu-hoi/",
            forms.ReasonForm,
            s.ReasonIn,
            prefix="recall",
            done="Đã thu hồi văn bản.",
        ),
    ),
)

ASSIGNMENT = Workflow(
    name="assignment",
    services="eoffice.incoming.handling.assignments",
    record_arg="assignment",
    load=get_assignment_for_user,
    template="incoming/detail.html",
    context="eoffice.incoming.pages.detail_context",
    page=lambda assignment: assignment.document,
    page_url="incoming-detail",
    url_prefix="assignment-",
    path_prefix="nhiem-vu/",
    steps=(
        Step(
            "reassign",
            can_reassign,
            "assignment_reassign",
            "phan-cong/",
            forms.ReassignForm,
            s.ReassignIn,
            prefix="a{pk}",
            api_result=True,
            done="Đã phân công xử lý.",
        ),
        Step(
            "progress",
            can_progress,
            "assignment_progress",
            "tien-do/",
            forms.NoteForm,
            s.NoteIn,
            prefix="a{pk}",
            done="Đã cập nhật tiến độ.",
        ),
        Step(
            "complete",
            can_complete,
            "assignment_complete",
            "hoan-thanh/",
            forms.CompleteForm,
            s.CompleteIn,
            prefix="a{pk}",
            done=_completed_message,
        ),
        Step(
            "accept",
            can_accept,
            "assignment_accept",
            "chap-nhan/",
            forms.AcceptForm,
            s.AcceptIn,
            prefix="a{pk}-accept",
            done="Đã chấp nhận kết quả xử lý.",
        ),
        Step(
            "send_back",
            can_send_back,
            "assignment_send_back",
            "tra-lai/",
            forms.ReasonForm,
            s.ReasonIn,
            prefix="a{pk}-back",
            done="Đã trả lại để chuyên viên xử lý tiếp.",
        ),
    ),
)
