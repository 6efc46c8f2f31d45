"""The search's permission rule (principal tokens) agrees with each app's
visible_to for every person of the cast, over records in every state —
so nothing the search returns, counts or suggests can leak."""

from datetime import date

import pytest

from eoffice.conftest import incoming_data, person
from eoffice.incoming.handling.assignments import assignment_reassign
from eoffice.incoming.handling.services import incoming_direct, incoming_grant_access, incoming_submit
from eoffice.incoming.models import IncomingDocument
from eoffice.incoming.receiving.services import incoming_register
from eoffice.incoming.search import incoming_principals
from eoffice.incoming.tests.helpers import name_grantor
from eoffice.onestop.dossiers.selectors import dossiers_visible_to
from eoffice.onestop.dossiers.services import dossier_hand_over
from eoffice.onestop.models import Dossier
from eoffice.onestop.search import dossier_principals
from eoffice.onestop.tests.factories import make_onestop, process_to_result, receive, submit_online
from eoffice.organisation.models import Delegation, Role, User
from eoffice.organisation.selectors import today
from eoffice.outgoing.drafting.services import outgoing_create
from eoffice.outgoing.models import OutgoingDocument
from eoffice.outgoing.review.services import outgoing_approve, outgoing_return, outgoing_submit
from eoffice.outgoing.search import outgoing_principals
from eoffice.outgoing.tests.conftest import draft_data, issue_through
from eoffice.search.principals import actor_principals

pytestmark = pytest.mark.django_db


def incoming_in_every_state(c):
    clerk = c.actor(c.clerk)
    incoming_register(actor=clerk, data=incoming_data(code_number="1"))  # only registered
    submitted = incoming_register(actor=clerk, data=incoming_data(code_number="2"))
    incoming_submit(actor=clerk, document=submitted, leader=c.leader)
    directed = incoming_register(actor=clerk, data=incoming_data(code_number="3"))
    incoming_submit(actor=clerk, document=directed, leader=c.leader)
    lead = incoming_direct(
        actor=c.actor(c.leader), document=directed, opinion="Giao TH chủ trì.", lead_unit=c.tonghop, coordinating_units=[c.kinhte]
    )[0]
    assignment_reassign(actor=c.actor(c.head), assignment=lead, user=c.specialist)
    secret = incoming_register(actor=clerk, data=incoming_data(code_number="4", confidentiality=1))
    name_grantor(c.clerk.username)  # the agency named its registry to grant readers
    incoming_grant_access(actor=clerk, document=secret, user=c.kt_specialist, confirm=True)
    incoming_register(actor=c.actor(c.outsider), data=incoming_data(code_number="5"))


def outgoing_in_every_state(c):
    drafter = c.actor(c.specialist)
    outgoing_create(actor=drafter, data=draft_data(subject="Dự thảo"), signer=c.leader)
    returned = outgoing_create(actor=drafter, data=draft_data(subject="Bị trả lại"), signer=c.leader)
    outgoing_submit(actor=drafter, document=returned)
    outgoing_return(actor=c.actor(c.head), document=returned, comment="Sửa lại.")
    at_format = outgoing_create(actor=drafter, data=draft_data(subject="Chờ thể thức"), signer=c.leader)
    outgoing_submit(actor=drafter, document=at_format)
    outgoing_approve(actor=c.actor(c.head), document=at_format)
    other_unit = outgoing_create(actor=c.actor(c.kt_specialist), data=draft_data(subject="Phòng KT"), signer=c.kt_head)
    outgoing_submit(actor=c.actor(c.kt_specialist), document=other_unit)
    issue_through(c)
    issue_through(c, confidentiality=1)


def dossiers_in_every_state(c):
    make_onestop(c)
    submit_online(c)  # no steps yet: the counter and leaders only
    receive(c)
    at_counter = receive(c)
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=at_counter)
    at_unit = receive(c)
    for _ in range(2):
        dossier_hand_over(actor=c.actor(c.one_stop), dossier=at_unit)
    process_to_result(c, receive(c))


@pytest.fixture
def records(office):
    c = office
    c.vice = person("phochanhvp", c.office, Role.LEADER, position="Phó Chánh Văn phòng")
    # The Chánh Văn phòng is away: the Phó Chánh acts for him (ủy quyền).
    Delegation.objects.create(agency=c.office, principal=c.leader, delegate=c.vice, start_date=today(), end_date=date(2099, 1, 1))
    incoming_in_every_state(c)
    outgoing_in_every_state(c)
    dossiers_in_every_state(c)
    return c


def _visible(model, actor):
    return dossiers_visible_to(actor) if model is Dossier else model.objects.visible_to(actor)


@pytest.mark.parametrize(
    ("model", "principals"),
    [(IncomingDocument, incoming_principals), (OutgoingDocument, outgoing_principals), (Dossier, dossier_principals)],
)
def test_principals_agree_with_visible_to_for_everyone(records, model, principals):
    c = records
    tokens = {record.pk: (record.agency_id, principals(record)) for record in model.objects.all()}
    assert len(tokens) >= 5
    people = [u for u in User.objects.all() if u.memberships.exists()]
    assert len(people) >= 9
    for user in people:
        for agency in {m.agency for m in user.memberships.select_related("agency")}:
            actor = c.actor(user, agency)
            held = actor_principals(actor)
            by_tokens = {pk for pk, (agency_id, needed) in tokens.items() if agency_id == agency.pk and needed & held}
            assert by_tokens == set(_visible(model, actor).values_list("pk", flat=True)), (user.username, agency)


def test_every_record_becomes_an_entry_with_few_queries(records, django_assert_max_num_queries):
    from eoffice.search.sources import SOURCES

    for source in SOURCES.values():
        with django_assert_max_num_queries(8):
            entries = [source.entry(record) for record in source.queryset()]
        assert entries and all(e.principals and e.subject and e.url for e in entries)
    issued = next(e for e in map(SOURCES["outgoing"].entry, SOURCES["outgoing"].queryset()) if e.number == "01/VP-TH")
    assert issued.issuer == "Văn phòng UBND thành phố Hải Phòng" and issued.year == issued.day.year
