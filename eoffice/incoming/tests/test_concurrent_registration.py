"""Gap-free arrival numbers under concurrent registration, on SQLite and PostgreSQL."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from eoffice.conftest import incoming_data
from eoffice.incoming.models import IncomingDocument
from eoffice.incoming.receiving.services import incoming_register
from eoffice.incoming.tests.helpers import registration_year
from eoffice.organisation.models import User
from eoffice.organisation.selectors import build_actor
from eoffice.registers.models import Register, RegisterKind

THREADS = 50


@pytest.fixture
def office(transactional_db, cast):
    """The cast, committed for real so that other threads' connections see it."""
    return cast


def register_in_thread(user_id: int, agency, index: int, start: threading.Barrier) -> int:
    """One clerk's registration in its own thread and database connection."""
    try:
        actor = build_actor(User.objects.get(pk=user_id), agency)
        start.wait(timeout=60)
        data = incoming_data(code_number=str(1000 + index), subject=f"Về việc báo cáo số {index}")
        return incoming_register(actor=actor, data=data).arrival_number
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_registrations_get_fifty_consecutive_numbers(office):
    """GIVEN 50 threads, each with its own database connection, ready at once
    WHEN they all register an incoming document at the same moment
    THEN every registration succeeds with a distinct arrival number, the
    numbers are exactly 1..50 and the register's counter stands at 50."""
    start = threading.Barrier(THREADS)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(register_in_thread, office.clerk.pk, office.office, i, start) for i in range(THREADS)]
        numbers = [future.result(timeout=120) for future in futures]

    assert sorted(numbers) == list(range(1, THREADS + 1))
    stored = list(IncomingDocument.objects.order_by("arrival_number").values_list("arrival_number", flat=True))
    assert stored == list(range(1, THREADS + 1))
    register = Register.objects.get(agency=office.office, kind=RegisterKind.INCOMING, year=registration_year())
    assert register.last_number == THREADS
    assert IncomingDocument.objects.filter(register=register).count() == THREADS
