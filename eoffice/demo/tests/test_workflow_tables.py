"""Each workflow is declared once (its app's workflow.py): for every step of every
table, every person of the demo cast (in each agency they belong to) and a record
in every state, the record's page offers the step if and only if the step's
service accepts it from that person. "Accepts" means the service's refusal, if
any, is not "not your turn" (403) or "not in this state" (409): a refusal of the
example input (400) comes after the rule has let the person through."""

from collections.abc import Callable, Iterable
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from eoffice.conftest import make_pdf
from eoffice.core.errors import InvalidState, NotAllowed
from eoffice.core.workflow import Step, Workflow
from eoffice.exchange.models import ReceivedPackage
from eoffice.incoming import workflow as incoming
from eoffice.incoming.models import Assignment, IncomingDocument
from eoffice.incoming.receiving import workflow as packages
from eoffice.onestop.dossiers import workflow as onestop
from eoffice.onestop.models import Dossier
from eoffice.operations.meetings import workflow as meetings
from eoffice.operations.models import ExtensionStatus, Meeting, Task, WeekSchedule
from eoffice.operations.models.schedule import WeekStatus
from eoffice.operations.schedule import workflow as schedule
from eoffice.operations.tasking import workflow as tasking
from eoffice.organisation.models import Membership, Role, Unit, User
from eoffice.organisation.selectors import build_actor
from eoffice.outgoing import workflow as outgoing
from eoffice.outgoing.models import OutgoingDocument

pytestmark = pytest.mark.django_db


def cast(demo) -> list:
    """Every person of the demo in every agency they hold a role in."""
    memberships = Membership.objects.select_related("user", "agency").order_by("user_id", "agency_id")
    pairs = dict.fromkeys((m.user, m.agency) for m in memberships)
    return [build_actor(user, agency) for user, agency in pairs]


def one_per(records: Iterable, key: Callable) -> list:
    chosen: dict = {}
    for record in records:
        chosen.setdefault(key(record), record)
    return list(chosen.values())


def _leader(actor, record):
    return User.objects.filter(memberships__agency=record.agency, memberships__role=Role.LEADER).first()


def _later(dossier):
    return (dossier.due_at or timezone.now()) + timedelta(days=30)


def _unit_member(actor, assignment):
    return User.objects.filter(memberships__unit=assignment.unit_id).first() or actor.user


# Example input per step: valid enough that a refusal can only be the rule's or the input's.
EXAMPLES: dict[str, Callable] = {
    "incoming.submit": lambda actor, d: {"leader": _leader(actor, d), "note": ""},
    "incoming.direct": lambda actor, d: {
        "opinion": "Giao phòng xử lý.",
        "lead_unit": Unit.objects.filter(agency=d.agency).first(),
    },
    "incoming.return": lambda actor, d: {"reason": "Không thuộc thẩm quyền."},
    "incoming.grant": lambda actor, d: {"user": actor.user, "confirm": True},
    "incoming.correct": lambda actor, d: {
        "data": {"description": "Bổ sung: có bản giấy kèm theo."},
        "reason": "Bổ sung thông tin.",
    },
    "incoming.recall": lambda actor, d: {"reason": "Cơ quan ban hành thu hồi."},
    "package.register": lambda actor, p: {"data": {}},
    "package.refuse": lambda actor, p: {"reason": "Gửi nhầm cơ quan."},
    "package.recall_accept": lambda actor, p: {},
    "package.recall_refuse": lambda actor, p: {"reason": "Văn bản đã thực hiện xong."},
    "assignment.reassign": lambda actor, a: {"user": _unit_member(actor, a)},
    "assignment.progress": lambda actor, a: {"note": "Đang làm."},
    "assignment.complete": lambda actor, a: {"proposal": "Đề xuất trả lời."},
    "assignment.accept": lambda actor, a: {"note": ""},
    "assignment.send_back": lambda actor, a: {"reason": "Bổ sung số liệu."},
    "outgoing.submit": lambda actor, d: {"comment": ""},
    "outgoing.approve": lambda actor, d: {"comment": ""},
    "outgoing.return": lambda actor, d: {"comment": "Sửa lại đoạn 2."},
    "outgoing.comment": lambda actor, d: {"comment": "Ý kiến."},
    "outgoing.sign": lambda actor, d: {},
    "outgoing.issue": lambda actor, d: {},
    "outgoing.recall": lambda actor, d: {"reason": "Ban hành nhầm."},
    "outgoing.correct": lambda actor, d: {},
    "outgoing.resend": lambda actor, d: {"recipient": 0},
    "dossier.accept": lambda actor, d: {},
    "dossier.hand_over": lambda actor, d: {"note": ""},
    "dossier.request_supplement": lambda actor, d: {"items": ["Bản sao giấy tờ"], "reason": "Thiếu giấy tờ."},
    "dossier.supplement": lambda actor, d: {"papers": [{"name": "Bản sao giấy tờ", "copies": 1}]},
    "dossier.refuse": lambda actor, d: {"reason": "Không đủ điều kiện."},
    "dossier.apologise": lambda actor, d: {"reason": "Cần thêm thời gian.", "new_due": _later(d)},
    "dossier.finish": lambda actor, d: {"result_summary": "Đã cấp giấy phép."},
    "dossier.return": lambda actor, d: {},
    "dossier.withdraw": lambda actor, d: {"reason": "Người nộp xin rút."},
    "task.start": lambda actor, t: {},
    "task.report_progress": lambda actor, t: {"percent": 50, "note": "Đang thực hiện."},
    "task.request_extension": lambda actor, t: {"deadline": _later_day(t), "reason": "Chờ số liệu."},
    "task.grant_extension": lambda actor, t: {},
    "task.refuse_extension": lambda actor, t: {"reason": "Đủ thời gian."},
    "task.complete": lambda actor, t: {"note": "Đã hoàn thành."},
    "task.accept": lambda actor, t: {},
    "task.return": lambda actor, t: {"reason": "Bổ sung số liệu."},
    "task.cancel": lambda actor, t: {"reason": "Không còn phù hợp."},
    "week.submit": lambda actor, w: {},
    "week.return": lambda actor, w: {"reason": "Bổ sung người chuẩn bị."},
    "week.approve": lambda actor, w: {},
    "week.publish": lambda actor, w: {},
    "meeting.invite": lambda actor, m: {"units": list(Unit.objects.filter(agency=m.agency))},
    "meeting.reply": lambda actor, m: {"reply": "attend"},
    "meeting.draft_invitation": lambda actor, m: {"signer": _leader(actor, m)},
    "meeting.add_papers": lambda actor, m: {"files": [make_pdf("tai-lieu.pdf")]},
    "meeting.hold": lambda actor, m: {},
    "meeting.cancel": lambda actor, m: {"reason": "Lãnh đạo bận việc đột xuất."},
    "meeting.add_conclusion": lambda actor, m: {
        "text": "Giao xây dựng kế hoạch.",
        "lead_unit": Unit.objects.filter(agency=m.agency).first(),
        "working_days": 5,
    },
    "meeting.file_minutes": lambda actor, m: {"file": make_pdf("bien-ban.pdf")},
    "meeting.draft_notice": lambda actor, m: {"signer": _leader(actor, m)},
    "meeting.convert": lambda actor, m: {},
}


def _later_day(task):
    return max(task.deadline or timezone.localdate(), timezone.localdate()) + timedelta(days=30)


def accepts(workflow: Workflow, step: Step, actor, record) -> bool:
    """Take the step through its service and undo it; False if refused by the rule."""
    try:
        with transaction.atomic():
            workflow.run(step, actor, record, EXAMPLES[f"{workflow.name}.{step.name}"](actor, record))
            transaction.set_rollback(True)
    except (NotAllowed, InvalidState):
        return False
    except Exception:  # noqa: BLE001 - a refusal of the example input: the rule let them through
        return True
    finally:
        record.refresh_from_db()
    return True


def samples(workflow: Workflow, demo) -> list:
    if workflow is incoming.DOCUMENT:
        documents = IncomingDocument.objects.select_related("agency").order_by("id")
        return one_per(documents, lambda d: (d.agency_id, d.status, d.is_confidential))
    if workflow is packages.PACKAGE:
        received = ReceivedPackage.objects.select_related("agency").order_by("id")
        return one_per(received, lambda p: (p.agency_id, p.state, p.business_doc_type))
    if workflow is incoming.ASSIGNMENT:
        tasks = Assignment.objects.select_related("document", "unit", "user").order_by("id")
        return one_per(tasks, lambda a: (a.kind, a.is_open, a.status, a.user_id is None, a.document.status))
    if workflow is onestop.DOSSIER:
        dossiers = Dossier.objects.select_related("agency", "procedure").order_by("id")
        now = timezone.now()

        def key(dossier):
            step, last = onestop.current_step(dossier), dossier.steps.order_by("order").last()
            return (dossier.status, last is None, step is not None and step == last, onestop.due_soon(dossier, now))

        return one_per(dossiers, key)
    if workflow is tasking.TASK:
        tasks = Task.objects.select_related("agency").order_by("id")
        pending = set(Task.objects.filter(extensions__status=ExtensionStatus.PENDING).values_list("pk", flat=True))
        return one_per(tasks, lambda t: (t.status, t.pk in pending, t.deadline is None, t.confidential, t.lead_unit_id))
    if workflow is schedule.WEEK:
        return week_samples()
    if workflow is meetings.MEETING:
        found = Meeting.objects.select_related("agency", "entry__room", "invitation", "notice").order_by("id")
        now = timezone.now()  # "hold" only from the start: a planned meeting before and after it
        return one_per(
            found, lambda m: (m.status, m.invitation_id is None, m.starts_at <= now, m.conclusions.filter(task=None).exists())
        )
    documents = OutgoingDocument.objects.select_related("agency").order_by("id")
    return one_per(documents, lambda d: (d.agency_id, d.status, d.version > 1, d.confidentiality > 0))


def week_samples() -> list:
    """The demo's published weeks and its draft, and after them a week waiting
    for approval, an approved one and an empty draft (nothing to submit)."""
    draft = WeekSchedule.objects.filter(status=WeekStatus.DRAFT).order_by("-year", "-week").first()
    assert draft is not None
    for later, status in enumerate([WeekStatus.SUBMITTED, WeekStatus.APPROVED, WeekStatus.DRAFT], start=1):
        year, number, _ = (draft.start + timedelta(weeks=later)).isocalendar()
        WeekSchedule.objects.create(agency=draft.agency, year=year, week=number, status=status, drafted_by=draft.drafted_by)
    weeks = WeekSchedule.objects.select_related("agency").order_by("id")
    return one_per(weeks, lambda w: (w.agency_id, w.status, w.entries.exists()))


TABLES = [
    incoming.DOCUMENT,
    packages.PACKAGE,
    incoming.ASSIGNMENT,
    outgoing.DOCUMENT,
    onestop.DOSSIER,
    tasking.TASK,
    schedule.WEEK,
    meetings.MEETING,
]
CASES = [pytest.param(w, s, id=f"{w.name}.{s.name}") for w in TABLES for s in w.steps]


def test_every_step_has_an_example_and_a_service():
    for workflow in TABLES:
        for step in workflow.steps:
            assert f"{workflow.name}.{step.name}" in EXAMPLES
            assert callable(workflow.service_of(step)), step.service


@pytest.mark.parametrize(("workflow", "step"), CASES)
def test_the_page_offers_a_step_exactly_when_its_service_accepts_it(demo, workflow, step):
    people, records = cast(demo), samples(workflow, demo)
    assert len(records) >= 3
    offered_somewhere = False
    for record in records:
        for actor in people:
            offered = step.name in workflow.available(actor, record)
            assert offered == accepts(workflow, step, actor, record), (step.name, actor.user.username, record.pk)
            offered_somewhere |= offered
    assert offered_somewhere or step.name in {"resend"}, f"nobody may {step.name} any sample record"
