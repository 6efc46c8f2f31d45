"""The demo's story, decided up front with a seeded random generator: which
documents arrive on which day, from whom, and how far each one gets. Pure
functions of the generator and the list of working days; no database."""

import random
import typing
from dataclasses import dataclass
from datetime import date, timedelta

from eoffice.core.choices import DOCUMENT_TYPES
from eoffice.demo.catalog import (
    AGENCIES,
    CITY,
    LEADERS_BY_UNIT,
    OFFICE,
    PEOPLE,
    SENDERS,
    SXD_SENDERS,
    Sender,
    Topic,
)
from eoffice.incoming.models import Source, Status
from eoffice.organisation.models import Role

OVERDUE, DUE_SOON, LATER = "overdue", "due_soon", "later"
STAGES: list[str] = [Status.REGISTERED, Status.SUBMITTED, Status.DIRECTED, Status.IN_PROGRESS, Status.DONE]

AGENCY_BY_KEY = {spec.key: spec for spec in AGENCIES}
TYPE_ABBREVIATIONS = dict(DOCUMENT_TYPES)
ROMAN = ["I", "II", "III", "IV"]
HANDLING_UNITS = ["TH", "KT", "VX", "NC"]
INFORMED_LEADERS = ["chanhvp", "phochanhvp", "pcttub"]

# Which states a document of a given age (working days since arrival) is in,
# as weights: recent ones are still moving, old ones are mostly settled.
STATES = list(Status)
STATES_BY_AGE = [
    # up to age, (registered, submitted, directed, in progress, done, returned, recalled)
    (0, (35, 35, 20, 4, 0, 5, 1)),
    (3, (5, 30, 25, 30, 4, 6, 1)),
    (10, (0, 8, 10, 45, 34, 2, 1)),
    (40, (0, 0, 2, 28, 68, 0, 2)),
    (None, (0, 0, 0, 3, 95, 0, 2)),
]
RECALL_STAGES = {Status.REGISTERED: 4, Status.SUBMITTED: 3, Status.DIRECTED: 2, Status.IN_PROGRESS: 1}
PRIORITIES = {0: 88, 1: 8, 2: 3, 3: 1}
URGENT_PRIORITIES = {1: 60, 2: 30, 3: 10}
SENSITIVE_LEVELS = {0: 60, 1: 28, 2: 9, 3: 3}

# Situations every demo login must find, whatever day the demo is loaded:
# (how many, youngest and oldest age in working days, lead unit, plan fields).
# Narrow windows first, so that they are served before the wide ones.
GUARANTEED: list[tuple[int, tuple[int, int], str | None, dict[str, typing.Any]]] = [
    (3, (0, 2), None, {"state": Status.REGISTERED}),
    (2, (0, 6), None, {"state": Status.RETURNED}),
    (3, (0, 6), None, {"state": Status.SUBMITTED, "leader": "pcttub"}),
    (3, (0, 6), None, {"state": Status.SUBMITTED, "leader": "chanhvp"}),
    (3, (0, 10), "TH", {"state": Status.DIRECTED, "due": LATER}),
    (3, (1, 15), "TH", {"state": Status.IN_PROGRESS, "handler": "chuyenvien", "due": DUE_SOON}),
    (2, (1, 15), "TH", {"state": Status.IN_PROGRESS, "handler": "chuyenvien", "due": LATER}),
    (4, (6, 40), "TH", {"state": Status.IN_PROGRESS, "handler": "chuyenvien", "due": OVERDUE}),
    (1, (5, 60), None, {"state": Status.RECALLED}),
    # The specialist reported the lead task done; the unit head has yet to accept it.
    (2, (1, 15), "TH", {"state": Status.IN_PROGRESS, "handler": "chuyenvien", "due": LATER, "reported": True}),
]
ATTACHMENTS = 20


def _members(role: str, agency: str = OFFICE) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for person in PEOPLE:
        for key, unit, person_role, _ in person.roles:
            if key == agency and person_role == role:
                found.setdefault(unit, []).append(person.username)
    return found


SPECIALISTS = _members(Role.SPECIALIST)
HEADS = {unit: names[0] for unit, names in _members(Role.UNIT_HEAD).items()}
CITY_HEADS = {unit: names[0] for unit, names in _members(Role.UNIT_HEAD, CITY).items()}


@dataclass
class DocumentPlan:
    agency: str  # key of the receiving agency
    arrival: date
    age: int  # working days from arrival to today
    sender: Sender
    topic: Topic
    state: str = Status.REGISTERED
    leader: str = ""
    priority: int = 0
    confidentiality: int = 0
    due: str = LATER  # where an open deadline falls relative to today
    handler: str | None = None  # the specialist the unit head passes the task to
    reported: bool = False  # in progress: the handler completed it, the unit head has not accepted it yet
    coordinating: tuple[str, ...] = ()
    inform_unit: str | None = None
    inform_user: str | None = None
    returned_first: bool = False  # sent back once to be submitted to another leader
    recall_stage: str = ""
    attach: bool = False
    guaranteed: bool = False
    data: dict | None = None

    @property
    def unit(self) -> str:
        return self.topic.unit

    @property
    def stage(self) -> int:
        """How far along STAGES the document got (before a return or recall)."""
        if self.state == Status.RETURNED:
            return STAGES.index(Status.SUBMITTED)
        return STAGES.index(self.recall_stage if self.state == Status.RECALLED else self.state)


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _active(senders: list[Sender], day: date) -> list[Sender]:
    return [s for s in senders if s.until is None or s.until >= day]


def arrival_days(rng: random.Random, workdays: list[date], count: int) -> list[date]:
    """Busier lately, so that every inbox has open work: three documents a day
    over the last two weeks, about one and a half before that, fewer earlier."""
    recent, middle, old = workdays[-10:], workdays[-40:-10], workdays[:-40]
    days = [day for day in recent for _ in range(3)]
    days += rng.choices(middle, k=45)
    days += rng.choices(old, k=count - len(days))
    return sorted(days)


def _state_for(rng: random.Random, age: int) -> str:
    for oldest, weights in STATES_BY_AGE:
        if oldest is None or age <= oldest:
            return rng.choices(STATES, weights=weights)[0]
    raise AssertionError("unreachable")


def _due_for(rng: random.Random, state: str, age: int) -> str:
    if age > 25:
        return _pick(rng, {OVERDUE: 8, LATER: 2})
    if state == Status.DIRECTED:
        return _pick(rng, {OVERDUE: 2, DUE_SOON: 3, LATER: 5})
    return _pick(rng, {OVERDUE: 40, DUE_SOON: 25, LATER: 35})


def _shape(rng: random.Random, plan: DocumentPlan) -> None:
    """Decide who handles the document and how, from its state and unit."""
    plan.leader = _pick(rng, LEADERS_BY_UNIT[plan.unit])
    plan.due = _due_for(rng, plan.state, plan.age)
    plan.handler = rng.choice(SPECIALISTS[plan.unit]) if rng.random() < 0.85 else None
    if plan.unit == "TH" and plan.handler:
        plan.handler = "chuyenvien"
    others = [u for u in HANDLING_UNITS if u != plan.unit]
    plan.coordinating = tuple(rng.sample(others, _pick(rng, {0: 70, 1: 20, 2: 10})))
    rest = [u for u in others if u not in plan.coordinating]
    plan.inform_unit = rng.choice(rest) if rest and rng.random() < 0.08 else None
    plan.inform_user = rng.choice([u for u in INFORMED_LEADERS if u != plan.leader]) if rng.random() < 0.15 else None
    plan.returned_first = rng.random() < 0.05
    plan.recall_stage = _pick(rng, RECALL_STAGES) if plan.state == Status.RECALLED else ""


def _classify(rng: random.Random, plan: DocumentPlan) -> None:
    plan.priority = _pick(rng, URGENT_PRIORITIES if plan.topic.urgent else PRIORITIES)
    plan.confidentiality = _pick(rng, SENSITIVE_LEVELS) if plan.topic.sensitive else 0


def _draft(rng: random.Random, senders: list[Sender], agency: str, day: date, age: int) -> DocumentPlan:
    sender = rng.choices(senders, weights=[s.weight for s in senders])[0]
    return DocumentPlan(agency=agency, arrival=day, age=age, sender=sender, topic=rng.choice(sender.topics))


def _retopic(rng: random.Random, plan: DocumentPlan, unit: str) -> None:
    """Give the document a subject the unit handles, from a sender active on its arrival day."""
    choices = [(s, t) for s in _active(SENDERS, plan.arrival) for t in s.topics if t.unit == unit]
    plan.sender, plan.topic = rng.choice(choices)


def _guarantee(rng: random.Random, plans: list[DocumentPlan]) -> None:
    for count, (youngest, oldest), unit, fields in GUARANTEED:
        window = [p for p in plans if youngest <= p.age <= oldest and not p.guaranteed]
        matching = [p for p in window if unit in (None, p.unit)]
        chosen = rng.sample(matching, min(count, len(matching)))
        others = [p for p in window if p not in chosen]
        chosen += rng.sample(others, min(count - len(chosen), len(others)))
        for plan in chosen:
            if unit and plan.unit != unit:
                _retopic(rng, plan, unit)
            plan.state, plan.guaranteed = fields["state"], True
            _shape(rng, plan)
            for name, value in fields.items():
                setattr(plan, name, value)


def _ensure_each(rng: random.Random, plans: list[DocumentPlan], name: str, values, eligible) -> None:
    """At least one document with each of `values` for the field `name`."""
    for value in values:
        if not any(getattr(p, name) == value for p in plans):
            candidates = [p for p in plans if eligible(p) and getattr(p, name) == 0]
            setattr(rng.choice(candidates), name, value)


def office_plans(rng: random.Random, workdays: list[date], count: int) -> list[DocumentPlan]:
    ages = {day: len(workdays) - 1 - i for i, day in enumerate(workdays)}
    plans = []
    for day in arrival_days(rng, workdays, count):
        plan = _draft(rng, _active(SENDERS, day), OFFICE, day, ages[day])
        plan.state = _state_for(rng, plan.age)
        _shape(rng, plan)
        plans.append(plan)
    _guarantee(rng, plans)
    for plan in plans:
        _classify(rng, plan)
    _ensure_each(rng, plans, "priority", [1, 2, 3], lambda p: True)
    _ensure_each(rng, plans, "confidentiality", [1, 2, 3], lambda p: p.topic.sensitive and not p.guaranteed)
    for plan in rng.sample([p for p in plans if not p.confidentiality], ATTACHMENTS):
        plan.attach = True
    return plans


def sxd_plans(rng: random.Random, workdays: list[date], count: int) -> list[DocumentPlan]:
    """What Sở Xây dựng's registry received over its last working week."""
    plans = []
    for day in sorted(rng.choices(workdays[-5:], k=count)):
        plan = _draft(rng, SXD_SENDERS, "sxd", day, len(workdays) - 1 - workdays.index(day))
        _classify(rng, plan)
        plans.append(plan)
    return plans


def _subject(topic: Topic, issued: date) -> str:
    period = issued - timedelta(days=25)  # reports cover the month or quarter just ended
    school_year = issued.year if issued.month >= 7 else issued.year - 1
    return topic.subject.format(
        m=period.month,
        q=ROMAN[(period.month - 1) // 3],
        py=period.year,
        y=issued.year,
        ny=issued.year + 1,
        sy=f"{school_year}-{school_year + 1}",
    )


def _issued(rng: random.Random, plan: DocumentPlan) -> date:
    issued = plan.arrival - timedelta(days=rng.randint(0, 4))
    if plan.sender.until:
        issued = min(issued, plan.sender.until)
    while issued.weekday() >= 5:
        issued -= timedelta(days=1)
    return issued


def _symbol(rng: random.Random, plan: DocumentPlan, issued: date, numbers: dict) -> tuple[str, str]:
    """Each sender numbers its documents in one series a year, starting at 01."""
    key = (plan.sender.agency, issued.year)
    pace = plan.sender.pace
    numbers[key] = numbers.get(key, 0) + rng.randint(1, 2 * pace)
    sender, type_name = plan.sender, plan.topic.type_name
    if TYPE_ABBREVIATIONS.get(type_name):
        notation = f"{TYPE_ABBREVIATIONS[type_name]}-{sender.notation}"
    else:
        notation = f"{sender.notation}-{rng.choice(sender.fields)}"
    return f"{numbers[key]:02d}", notation


def document_data(rng: random.Random, plan: DocumentPlan, numbers: dict) -> dict:
    """The registry's input fields (ND30 Appendix VI) for the planned document."""
    issued = _issued(rng, plan)
    code_number, code_notation = _symbol(rng, plan, issued, numbers)
    organ = AGENCY_BY_KEY[plan.sender.agency]
    position, name = rng.choice(plan.sender.signers)
    electronic = not plan.confidentiality and rng.random() < 0.65
    short = plan.topic.type_name in ("Công văn", "Giấy mời", "Thông báo")
    return {
        "type_name": plan.topic.type_name,
        "code_number": code_number,
        "code_notation": code_notation,
        "issued_date": issued,
        "organ_name": organ.name,
        "organ_id": organ.organ_id or "",
        "subject": _subject(plan.topic, issued),
        "page_amount": rng.randint(1, 3) if short else rng.randint(2, 14),
        "arrival_date": plan.arrival,
        "signer_position": position,
        "signer_full_name": name,
        "priority": plan.priority,
        "confidentiality": plan.confidentiality,
        "to_places": AGENCY_BY_KEY[CITY if plan.agency == OFFICE else plan.agency].name,
        "source": Source.ELECTRONIC if electronic else Source.PAPER,
        "paper_received": not electronic or rng.random() < 0.2,
    }


def plan_documents(rng: random.Random, workdays: list[date], *, count: int, sxd_count: int) -> list[DocumentPlan]:
    """Every demo document in arrival order, with its registry data."""
    plans = office_plans(rng, workdays, count) + sxd_plans(rng, workdays, sxd_count)
    plans.sort(key=lambda p: p.arrival)
    numbers: dict = {}
    for plan in plans:
        plan.data = document_data(rng, plan, numbers)
    return plans
