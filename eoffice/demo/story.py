"""One demo document's life, played through the incoming services. Each step
runs with the clock set to its own moment, so that deadlines, the processing
trace and the audit log carry the dates of the story, not the day of loading.
(Correcting dates afterwards would not do: audit rows are append-only, and
trace summaries quote the deadlines.)"""

import random
import typing
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from unittest import mock

from django.utils import timezone

from eoffice.demo.catalog import (
    COORDINATION_PROPOSALS,
    DIRECTIONS,
    HEAD_PROGRESS_NOTES,
    LEADERS_BY_UNIT,
    OFFICE,
    PEOPLE,
    PROGRESS_NOTES,
    REASSIGN_NOTES,
    RECALL_REASONS,
    REDIRECT_REASON,
    RESULTS,
    RETURN_REASONS,
    reply_kind,
)
from eoffice.demo.pdf import document_pdf
from eoffice.demo.plan import DUE_SOON, HEADS, OVERDUE, SPECIALISTS, STAGES, DocumentPlan
from eoffice.incoming.handling.assignments import (
    assignment_accept,
    assignment_complete,
    assignment_progress,
    assignment_reassign,
)
from eoffice.incoming.handling.services import incoming_direct, incoming_recall, incoming_return, incoming_submit
from eoffice.incoming.models import Assignment, AssignmentKind, AssignmentStatus, IncomingDocument, Status
from eoffice.incoming.receiving.services import incoming_register
from eoffice.organisation.models import Agency, Unit, User
from eoffice.organisation.selectors import Actor, build_actor
from eoffice.workdays.services import add_working_days, working_days_between

LEADERS = sorted({name for weights in LEADERS_BY_UNIT.values() for name in weights})
POSITIONS = {person.username: person.roles[0][3] for person in PEOPLE}
USUAL_DAYS, URGENT_DAYS = (5, 7, 10, 15), (1, 2, 3)
# How likely someone told "for information" has marked it read, by the document's state.
# Results of documents done more than this many working days after arrival
# have been read by the leader who directed them ("Đã xem").
RESULTS_UNREAD_DAYS = 5
READ: dict[str, float] = {Status.DIRECTED: 0.3, Status.IN_PROGRESS: 0.5, Status.DONE: 0.85}
DAY_START, DAY_END = 7 * 60 + 30, 17 * 60


@contextmanager
def frozen_clock(moment: datetime):
    # The services read the time only through django.utils.timezone (now(),
    # localdate(), auto_now_add), so this moves every date they write.
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


@dataclass
class Cast:
    agencies: dict[str, Agency]
    units_by_agency: dict[str, dict[str, Unit]]  # by agency key, then abbreviation
    users: dict[str, User]
    now: datetime  # local time when loading started; no step happens later
    soonest: int  # fewest working days from today to a deadline that is not yet late
    actors: dict = field(default_factory=dict)
    answer_numbers: set = field(default_factory=set)

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def units(self) -> dict[str, Unit]:
        """The Office's units, where incoming documents are handled."""
        return self.units_by_agency[OFFICE]

    def actor(self, username: str, agency: str = OFFICE) -> Actor:
        key = (username, agency)
        if key not in self.actors:
            self.actors[key] = build_actor(self.users[username], self.agencies[agency])
        return self.actors[key]


class Timeline:
    """The moments of one document's life: office hours, working days, never
    past the moment the demo is loaded."""

    def __init__(self, day: date, limit: datetime, rng: random.Random):
        self.rng, self.limit = rng, limit
        self.moment = min(self._on(day, DAY_START + rng.randint(0, 180)), limit)

    @property
    def day(self) -> date:
        return self.moment.date()

    def step(self, days: int = 0) -> datetime:
        """Move `days` working days on (0: a little later the same day)."""
        candidate = self.moment + timedelta(minutes=self.rng.randint(10, 120))
        if days or candidate.hour * 60 + candidate.minute > DAY_END:
            candidate = self._on(add_working_days(self.day, max(days, 1)), DAY_START + self.rng.randint(0, 480))
        self.moment = max(self.moment, min(candidate, self.limit))
        return self.moment

    @staticmethod
    def _on(day: date, minutes: int) -> datetime:
        return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=timezone.get_current_timezone())


class Story:
    """Plays a DocumentPlan: register, submit, direct, handle, complete, or stop
    where the plan says (returned, recalled)."""

    def __init__(self, plan: DocumentPlan, cast: Cast, rng: random.Random):
        self.plan, self.cast, self.rng = plan, cast, rng
        self.clock = Timeline(plan.arrival, cast.now, rng)
        self.document: IncomingDocument = typing.cast(IncomingDocument, None)  # registered first thing in play()
        self.created: list[Assignment] = []
        self.task: Assignment = typing.cast(Assignment, None)  # the lead task as its handler sees it, once given

    def play(self) -> IncomingDocument:
        plan = self.plan
        self.register()
        if self._reaches(Status.SUBMITTED):
            self.submit()
        if plan.state == Status.RETURNED:
            self.give_back(plan.leader, self.rng.choice(RETURN_REASONS))
        if self._reaches(Status.DIRECTED):
            self.direct()
            self.read_informs()
        if self._reaches(Status.IN_PROGRESS):
            self.handle()
        if self._reaches(Status.DONE) or plan.reported:
            self.complete()
        if plan.state == Status.RECALLED:
            self._run(
                self.rng.randint(0, 3),
                incoming_recall,
                actor=self.clerk,
                document=self.document,
                reason=self.rng.choice(RECALL_REASONS),
            )
        return self.document

    def _reaches(self, status: str) -> bool:
        return self.plan.stage >= STAGES.index(status)

    @property
    def clerk(self) -> Actor:
        return self.cast.actor("vanthu" if self.plan.agency == OFFICE else "vanthu2", self.plan.agency)

    def _run(self, days: int | None, service, **kwargs):
        moment = self.clock.moment if days is None else self.clock.step(days)
        with frozen_clock(moment):
            return service(**kwargs)

    def register(self) -> None:
        data = typing.cast(dict, self.plan.data)  # incoming plans have their data
        place = "Hà Nội" if self.plan.sender.agency in ("bxd", "vpcp") else "Hải Phòng"
        files = [document_pdf(data, place)] if self.plan.attach else []
        self.document = self._run(None, incoming_register, actor=self.clerk, data=data, files=files)

    def submit(self) -> None:
        if self.plan.returned_first and self._reaches(Status.DIRECTED):
            first = self.rng.choice([name for name in LEADERS if name != self.plan.leader])
            self._submit_to(first)
            self.give_back(first, REDIRECT_REASON)
        self._submit_to(self.plan.leader)

    def _submit_to(self, leader: str) -> None:
        note = f"Kính trình đồng chí {POSITIONS[leader]} xem xét, cho ý kiến chỉ đạo."
        self._run(0, incoming_submit, actor=self.clerk, document=self.document, leader=self.cast.users[leader], note=note)

    def give_back(self, leader: str, reason: str) -> None:
        self._run(self.rng.randint(0, 1), incoming_return, actor=self.cast.actor(leader), document=self.document, reason=reason)

    def direct(self) -> None:
        plan, units, users = self.plan, self.cast.units, self.cast.users
        moment = self.clock.step(0 if plan.priority else self.rng.randint(0, 2))
        days = self._deadline_days()
        due = add_working_days(moment.date(), days)
        template = self.rng.choice(DIRECTIONS[reply_kind(plan.topic.type_name)])
        opinion = template.format(unit=units[plan.unit].name.removeprefix("Phòng "), due=f"{due:%d/%m/%Y}")
        with frozen_clock(moment):
            self.created = incoming_direct(
                actor=self.cast.actor(plan.leader),
                document=self.document,
                opinion=opinion,
                lead_unit=units[plan.unit],
                coordinating_units=[units[u] for u in plan.coordinating],
                inform_units=[units[plan.inform_unit]] if plan.inform_unit else [],
                inform_users=[users[plan.inform_user]] if plan.inform_user else [],
                deadline_days=Decimal(days),
            )

    def _deadline_days(self) -> int:
        """Working days given by the leader. For a document still open, chosen
        so that its deadline falls where the plan wants it relative to today."""
        plan = self.plan
        if plan.state not in (Status.DIRECTED, Status.IN_PROGRESS):
            return self.rng.choice(URGENT_DAYS if plan.priority else USUAL_DAYS)
        elapsed = working_days_between(self.clock.day, self.cast.today)
        if plan.due == OVERDUE and elapsed >= 2:
            usual = [days for days in USUAL_DAYS if days < elapsed]
            return self.rng.choice(usual) if usual else self.rng.randint(1, elapsed - 1)
        if plan.due in (OVERDUE, DUE_SOON):  # too recent to be late: due soon instead
            return max(1, elapsed + self.rng.randint(self.cast.soonest, 2))
        return elapsed + self.rng.randint(3, 12)

    def _created(self, kind: str) -> list[Assignment]:
        return [a for a in self.created if a.kind == kind]

    def read_informs(self) -> None:
        for inform in self._created(AssignmentKind.INFORM):
            if self.rng.random() < READ.get(self.plan.state, 0):
                reader = (
                    typing.cast(User, inform.user).username
                    if inform.user_id
                    else HEADS[typing.cast(Unit, inform.unit).abbreviation]
                )
                self._run(
                    self.rng.randint(0, 2), assignment_complete, actor=self.cast.actor(reader), assignment=inform, proposal=""
                )

    def handle(self) -> None:
        plan = self.plan
        lead = self._created(AssignmentKind.LEAD)[0]
        head = self.cast.actor(HEADS[plan.unit])
        self.task, worker, notes = lead, head, HEAD_PROGRESS_NOTES
        if plan.handler:
            self.task = self._reassign(lead, head, plan.handler, keep_deadline=plan.due == DUE_SOON)
            worker, notes = self.cast.actor(plan.handler), PROGRESS_NOTES
        for coordination in self._created(AssignmentKind.COORDINATE):
            self._coordinate(coordination)
        for _ in range(self.rng.randint(0 if plan.handler else 1, 2)):
            note = self.rng.choice(notes)
            self._run(self.rng.randint(0, 2), assignment_progress, actor=worker, assignment=self.task, note=note)

    def _reassign(self, assignment: Assignment, head: Actor, username: str, *, keep_deadline=False) -> Assignment:
        """The unit head passes the task on, with a personal deadline a little
        before the unit's (or the same one)."""
        moment = self.clock.step(self.rng.randint(0, 1))
        days = None
        if assignment.deadline:
            room = working_days_between(moment.date(), assignment.deadline)
            days = room if keep_deadline else room - self.rng.choice([0, 0, 1, 2])
        user = self.cast.users[username]
        note = self.rng.choice(REASSIGN_NOTES).format(name=user.full_name)
        with frozen_clock(moment):
            return assignment_reassign(
                actor=head,
                assignment=assignment,
                user=user,
                deadline_days=Decimal(days) if days and days >= 1 else None,
                note=note,
            )

    def _coordinate(self, coordination: Assignment) -> None:
        if self.rng.random() > (0.7 if self.plan.state == Status.DONE else 0.4):
            return
        unit = typing.cast(Unit, coordination.unit).abbreviation
        task, worker = coordination, self.cast.actor(HEADS[unit])
        if self.rng.random() < 0.6:
            specialist = self.rng.choice(SPECIALISTS[unit])
            task, worker = self._reassign(coordination, worker, specialist), self.cast.actor(specialist)
        self._run(
            self.rng.randint(0, 3),
            assignment_complete,
            actor=worker,
            assignment=task,
            proposal=self.rng.choice(COORDINATION_PROPOSALS),
        )

    def complete(self) -> None:
        """Mostly on time, sometimes a few days late."""
        plan, task = self.plan, self.task
        room = max(0, working_days_between(self.clock.day, task.deadline)) if task.deadline else 3
        days = room + self.rng.randint(1, 5) if self.rng.random() < 0.15 else self.rng.randint(0, room)
        moment = self.clock.step(days)
        proposal, reference = self._answer(moment.date())
        worker = self.cast.actor(plan.handler or HEADS[plan.unit])
        with frozen_clock(moment):
            assignment_complete(actor=worker, assignment=task, proposal=proposal, answer_reference=reference)
        if plan.state == Status.DONE:
            self.settle()

    def settle(self) -> None:
        """The unit head accepts the specialist's result (when acceptance is
        required); the leader has read the result of all but the latest documents."""
        lead = self._created(AssignmentKind.LEAD)[0]
        lead.refresh_from_db()
        if lead.status == AssignmentStatus.REPORTED:
            self._run(None, assignment_accept, actor=self.cast.actor(HEADS[self.plan.unit]), assignment=lead)
        result = self.document.assignments.filter(kind=AssignmentKind.RESULT, is_open=True).first()
        if result is not None and self.plan.age > RESULTS_UNREAD_DAYS:
            leader = self.cast.actor(typing.cast(User, result.user).username)
            self._run(None, assignment_complete, actor=leader, assignment=result, proposal="")

    def _answer(self, day: date) -> tuple[str, str]:
        """The handler's result and, for letters that need one, the reply's number."""
        kind = reply_kind(self.plan.topic.type_name)
        if kind in RESULTS:
            return RESULTS[kind], ""
        # The city's replies are numbered in one series a year: about a dozen a day.
        base = (day.timetuple().tm_yday - 1) * 12 + 1
        number = next(n for n in range(base, base + 1000) if (day.year, n) not in self.cast.answer_numbers)
        self.cast.answer_numbers.add((day.year, number))
        reference = f"{number:02d}/UBND-{self.plan.unit}"
        return (
            f"Đã tham mưu Công văn số {reference} ngày {day:%d/%m/%Y} gửi {typing.cast(dict, self.plan.data)['organ_name']}.",
            reference,
        )
