from datetime import timedelta
from decimal import Decimal

import pytest

from eoffice.conftest import incoming_data, person
from eoffice.incoming.handling.services import incoming_direct, incoming_submit
from eoffice.incoming.receiving.services import incoming_register
from eoffice.incoming.selectors import inbox_assignments
from eoffice.organisation.models import Delegation, Role
from eoffice.organisation.selectors import build_actor, today

pytestmark = pytest.mark.django_db


def test_a_delegate_acts_for_the_leader_during_the_period(cast):
    """GIVEN the Chánh Văn phòng delegated to a deputy for this week
    WHEN a document is submitted to the Chánh Văn phòng
    THEN the deputy sees it in the inbox and can direct it."""
    deputy = person("phochanhvp", cast.office, Role.SPECIALIST)
    Delegation.objects.create(
        agency=cast.office, principal=cast.leader, delegate=deputy, start_date=today(), end_date=today() + timedelta(days=6)
    )
    document = incoming_register(actor=cast.actor(cast.clerk), data=incoming_data())
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    actor = build_actor(deputy, cast.office)
    assert [a.document for a in inbox_assignments(actor, "waiting")] == [document]
    incoming_direct(actor=actor, document=document, opinion="Thừa ủy quyền", lead_unit=cast.tonghop, deadline_days=Decimal(2))
    step = document.trace.last()
    assert step.actor == deputy and step.summary.endswith(f"(thay {cast.leader})")


def test_an_expired_delegation_gives_nothing(cast):
    deputy = person("phochanhvp", cast.office, Role.SPECIALIST)
    Delegation.objects.create(
        agency=cast.office,
        principal=cast.leader,
        delegate=deputy,
        start_date=today() - timedelta(days=10),
        end_date=today() - timedelta(days=1),
    )
    actor = build_actor(deputy, cast.office)
    assert not actor.is_leader and actor.acting_user_ids == {deputy.pk}
