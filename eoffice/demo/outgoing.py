"""The Office's outgoing documents in the demo (văn bản đi), played through the
outgoing services like the incoming ones through theirs. Drafting and review
are dated over the last working days (the clock frozen at each step, see
story.py); signing and issuance happen now, since the test CA's certificates
start today and issuance numbers and dates documents by today."""

import random
import typing
from dataclasses import dataclass, field
from datetime import date, timedelta

from eoffice.demo.catalog import AGENCIES, CITY, OFFICE, SENDERS
from eoffice.demo.drafts import (
    ANSWER_BODY,
    ANSWER_SUBJECT,
    APPROVALS,
    CENTRAL,
    CITY_SIGNERS,
    CONTENT,
    DRAFT,
    FORMAT,
    ISSUED,
    ISSUED_DRAFTS,
    PENDING_DRAFTS,
    RECALL_REASON,
    RECALLED,
    RECALLED_DRAFT,
    REPORT_BODY,
    REPORT_SUBJECT,
    RETURNED,
    REVISION_COMMENT,
    REVISION_NOTE,
    SIGN,
    SIGNED,
    SIGNERS,
    STAGES,
    DraftSpec,
)
from eoffice.demo.plan import AGENCY_BY_KEY, CITY_HEADS, HEADS, ROMAN, SPECIALISTS
from eoffice.demo.story import POSITIONS, Cast, Timeline, frozen_clock
from eoffice.incoming.models import Assignment, AssignmentKind, IncomingDocument
from eoffice.incoming.models import Status as InStatus
from eoffice.organisation.models import Unit, User
from eoffice.outgoing.drafting.services import outgoing_create, outgoing_update
from eoffice.outgoing.issuance.services import outgoing_issue, outgoing_recall, outgoing_sign
from eoffice.outgoing.models import OutgoingDocument
from eoffice.outgoing.review.services import outgoing_approve, outgoing_return, outgoing_submit
from eoffice.workdays.services import add_working_days

ANSWERS = 4  # issued letters that answer, and so close, an incoming document
# Working days since drafting began, by how far the document got.
AGES = {
    DRAFT: (0, 2),
    RETURNED: (1, 4),
    CONTENT: (0, 3),
    FORMAT: (1, 4),
    SIGN: (1, 5),
    SIGNED: (2, 6),
    ISSUED: (3, 25),
    RECALLED: (4, 10),
}
WEEKDAYS = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
TEXTS = ("subject", "body", "legal_bases", "recipients_text", "places_text")
AGENCY_KEYS = {spec.name: spec.key for spec in AGENCIES}
# By issuing agency: who reviews the content of a unit's drafts, and how each signer signs.
UNIT_HEADS = {OFFICE: HEADS, CITY: CITY_HEADS}
SIGNATURES = {OFFICE: SIGNERS, CITY: CITY_SIGNERS}
DISSOLVED = {sender.agency for sender in SENDERS if sender.until}  # no answers to merged or dissolved agencies


@dataclass
class OutgoingPlan:
    spec: DraftSpec
    drafter: str
    start: date  # the day drafting began
    texts: dict
    answers: list[IncomingDocument] = field(default_factory=list)

    def passed(self, stage: str) -> bool:
        """Whether the document went beyond `stage` (a returned one stopped at its reviewer)."""
        state = self.spec.returned_by if self.spec.state == RETURNED else self.spec.state
        return STAGES.index(state) > STAGES.index(stage)


def _values(rng: random.Random, today: date, start: date) -> dict:
    """The values of the placeholders in drafts.py."""
    month = today.replace(day=1) - timedelta(days=1)  # the last day of the month just ended
    quarter = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1) - timedelta(days=1)
    meeting = add_working_days(today, rng.randint(2, 6))
    hour = rng.choice(["08 giờ 00", "14 giờ 00", "15 giờ 30"])
    return {
        "y": today.year,
        "ny": today.year + 1,
        "m": month.month,
        "py": month.year,
        "q": ROMAN[(quarter.month - 1) // 3],
        "qy": quarter.year,
        "held": f"{start:%d/%m/%Y}",
        "meeting": f"{hour}, {WEEKDAYS[meeting.weekday()]}, ngày {meeting:%d/%m/%Y}",
        "due": f"{add_working_days(today, 10):%d/%m/%Y}",
    }


def draft_start(rng: random.Random, spec: DraftSpec, workdays: list[date]) -> date:
    """The day drafting began, by how far the document got (AGES)."""
    youngest, oldest = AGES[spec.state]
    return workdays[-1 - min(rng.randint(youngest, oldest), len(workdays) - 1)]


def draft_plan(
    rng: random.Random, spec: DraftSpec, cast: Cast, workdays: list[date], *, drafter=None, answers=(), extra=None, start=None
):
    start = start or draft_start(rng, spec, workdays)
    drafter = drafter or ("chuyenvien" if spec.unit == "TH" else rng.choice(SPECIALISTS[spec.unit]))
    values = _values(rng, cast.today, start) | (extra or {})
    texts = {name: getattr(spec, name).format_map(values) for name in TEXTS}
    return OutgoingPlan(spec=spec, drafter=drafter, start=start, texts=texts, answers=list(answers))


def _open_letters(office, *, handler_is_chuyenvien: bool) -> list[Assignment]:
    """Personal lead tasks on incoming letters still being handled, oldest first:
    what a specialist answers with a Công văn."""
    tasks = Assignment.objects.open().filter(
        kind=AssignmentKind.LEAD,
        user__isnull=False,
        document__agency=office,
        document__status=InStatus.IN_PROGRESS,
        document__type_name="Công văn",
        document__confidentiality=0,
    )
    tasks = tasks.filter(user__username="chuyenvien") if handler_is_chuyenvien else tasks.exclude(user__username="chuyenvien")
    tasks = tasks.select_related("document", "user", "unit", "parent__assigned_by").order_by("document__arrival_date", "id")
    return [t for t in tasks if AGENCY_KEYS.get(t.document.organ_name) not in DISSOLVED]


def _answer_plan(rng: random.Random, task: Assignment, state: str, cast: Cast, workdays: list[date]) -> OutgoingPlan:
    letter, leader = task.document, typing.cast(Assignment, task.parent).assigned_by  # a specialist's task
    key = AGENCY_KEYS.get(letter.organ_name)
    central = key in CENTRAL
    spec = DraftSpec(
        state,
        "Công văn",
        typing.cast(Unit, task.unit).abbreviation,
        REPORT_SUBJECT if central else ANSWER_SUBJECT,
        REPORT_BODY if central else ANSWER_BODY,
        recipients_text=letter.organ_name,
        places_text=f"Như trên\n{POSITIONS[leader.username]} (để báo cáo)",
        send_to=(key,) if key and AGENCY_BY_KEY[key].organ_id else (),  # no identifier: sent on paper
        signer=rng.choice(list(SIGNERS)),
    )
    extra = {
        "reference": f"{letter.code_number}/{letter.code_notation}",
        "issued": f"{letter.issued_date:%d/%m/%Y}",
        "organ": letter.organ_name,
        "about": letter.subject[:1].lower() + letter.subject[1:],
        "leader": f"{leader.full_name}, {POSITIONS[leader.username]}",
    }
    return draft_plan(rng, spec, cast, workdays, drafter=typing.cast(User, task.user).username, answers=[letter], extra=extra)


def outgoing_plans(rng: random.Random, cast: Cast, workdays: list[date]) -> list[OutgoingPlan]:
    """Every demo outgoing document, in the order drafting began."""
    office = cast.agencies[OFFICE]
    plans = [draft_plan(rng, spec, cast, workdays) for spec in [*ISSUED_DRAFTS, RECALLED_DRAFT, *PENDING_DRAFTS]]
    for task in _open_letters(office, handler_is_chuyenvien=False)[:ANSWERS]:
        plans.append(_answer_plan(rng, task, ISSUED, cast, workdays))
    for task in _open_letters(office, handler_is_chuyenvien=True)[:1]:  # chuyenvien's answer waits for truongphong
        plans.append(_answer_plan(rng, task, CONTENT, cast, workdays))
    plans.sort(key=lambda p: p.start)
    return plans


class OutgoingStory:
    """Plays an OutgoingPlan: draft, submit, review, sign, issue, recall, or
    stop where the plan says."""

    def __init__(self, plan: OutgoingPlan, cast: Cast, rng: random.Random):
        self.plan, self.cast, self.rng = plan, cast, rng
        self.clock = Timeline(plan.start, cast.now, rng)
        self.agency = plan.spec.agency
        self.drafter = cast.actor(plan.drafter, self.agency)
        self.document: OutgoingDocument = typing.cast(OutgoingDocument, None)  # made first thing in play()

    def _run(self, days: int | None, service, **kwargs):
        moment = self.clock.moment if days is None else self.clock.step(days)
        with frozen_clock(moment):
            return service(**kwargs)

    def play(self) -> OutgoingDocument:
        spec, plan = self.plan.spec, self.plan
        self.create()
        if spec.state == DRAFT:
            return self.document
        self._run(self.rng.randint(0, 1), outgoing_submit, actor=self.drafter, document=self.document)
        if spec.revised:
            self.revise()
        for step in (CONTENT, FORMAT):
            if spec.returned_by == step:
                self.send_back(step, spec.comment)
            if not plan.passed(step):
                return self.document
            self.approve(step)
        clerk = self.cast.actor("vanthu", self.agency)  # the Office's registry keeps the committee's registers too
        if plan.passed(SIGN):
            self.document = outgoing_sign(actor=self.cast.actor(spec.signer, self.agency), document=self.document)
        if plan.passed(SIGNED):
            self.document = outgoing_issue(actor=clerk, document=self.document)
        if spec.state == RECALLED:
            self.document = outgoing_recall(actor=clerk, document=self.document, reason=RECALL_REASON)
        return self.document

    def create(self) -> None:
        spec, user = self.plan.spec, self.cast.users[self.plan.drafter]
        authority, on_behalf_of, position = SIGNATURES[self.agency][spec.signer]
        data = self.plan.texts | {
            "type_name": spec.type_name,
            "priority": spec.priority,
            "copies": 2,
            "drafter_initials": "".join(word[0] for word in user.full_name.split()).upper(),
            "authority": authority,
            "on_behalf_of": on_behalf_of,
            "signer_position": position,
        }
        self.document = self._run(
            None,
            outgoing_create,
            actor=self.drafter,
            data=data,
            signer=self.cast.users[spec.signer],
            recipients=[self.cast.agencies[key] for key in spec.send_to],
            answers=self.plan.answers,
            unit=self.cast.units_by_agency[self.agency][spec.unit],
        )

    def reviewer(self, step: str):
        username = UNIT_HEADS[self.agency][self.plan.spec.unit] if step == CONTENT else "kiemtra"
        return self.cast.actor(username, self.agency)

    def approve(self, step: str) -> None:
        comment = self.rng.choice(APPROVALS[step])
        self._run(self.rng.randint(0, 1), outgoing_approve, actor=self.reviewer(step), document=self.document, comment=comment)

    def send_back(self, step: str, comment: str) -> None:
        self._run(self.rng.randint(0, 1), outgoing_return, actor=self.reviewer(step), document=self.document, comment=comment)

    def revise(self) -> None:
        """The unit head asks for changes; the drafter saves a new version and submits it again."""
        self.send_back(CONTENT, REVISION_COMMENT)
        days = self.rng.randint(0, 1)
        self._run(days, outgoing_update, actor=self.drafter, document=self.document, data={}, note=REVISION_NOTE)
        self._run(0, outgoing_submit, actor=self.drafter, document=self.document)


def outgoing_load(rng: random.Random, cast: Cast, workdays: list[date]) -> list[OutgoingDocument]:
    return [OutgoingStory(plan, cast, rng).play() for plan in outgoing_plans(rng, cast, workdays)]
