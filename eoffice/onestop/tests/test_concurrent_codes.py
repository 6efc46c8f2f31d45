"""Gap-free dossier codes under concurrent online submissions: 200 citizens
sending at the same moment get the codes 0001…0200 of the day, none twice,
none skipped.

Each submission runs in its own thread with its own database connection.
PostgreSQL allows about 100 connections (and other test runs share the
server), so 200 submissions go through 40 threads, all released together;
each thread's connection is closed after its submission. SQLite serialises
writers with BEGIN IMMEDIATE within a 30 s busy timeout, so it runs the same
race with 10 submissions."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from eoffice.onestop.dossiers.services import dossier_submit_online
from eoffice.onestop.models import Dossier, DossierEvent, Procedure, Status
from eoffice.onestop.tests.factories import applicant_data, papers_for
from eoffice.registers.models import Register, RegisterKind

SUBMISSIONS, THREADS = 200, 40
SQLITE_SUBMISSIONS = 10


@pytest.fixture
def committed_onestop(transactional_db, onestop):
    """The one-stop office, committed for real so that other threads' connections see it."""
    return onestop


def submit_in_thread(procedure_id: int, index: int, start: threading.Event) -> str:
    try:
        procedure = Procedure.objects.select_related("agency").get(pk=procedure_id)
        papers = papers_for(procedure)
        start.wait(timeout=60)
        applicant = applicant_data(name=f"Người nộp số {index}", phone=f"09{index:08d}")
        return dossier_submit_online(procedure=procedure, applicant=applicant, papers=papers).code
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_concurrent_online_submissions_get_consecutive_codes(committed_onestop, clock):
    """GIVEN a published online procedure and 200 submissions (10 on SQLite)
    WHEN they are all sent at the same moment from separate connections
    THEN every one succeeds, the codes are exactly …-260302-0001 … -0200, the
    day's register stands at 200 and every dossier has its history entry."""
    c = committed_onestop
    total = SQLITE_SUBMISSIONS if connection.vendor == "sqlite" else SUBMISSIONS
    start = threading.Event()
    with ThreadPoolExecutor(max_workers=min(THREADS, total)) as pool:
        futures = [pool.submit(submit_in_thread, c.procedure.pk, i, start) for i in range(total)]
        start.set()
        codes = [future.result(timeout=300) for future in futures]

    expected = [f"000.01.00.H26-260302-{n:04d}" for n in range(1, total + 1)]
    assert sorted(codes) == expected
    stored = Dossier.objects.filter(agency=c.office)
    assert sorted(stored.values_list("code", flat=True)) == expected
    assert set(stored.values_list("status", flat=True)) == {Status.SUBMITTED}
    assert DossierEvent.objects.filter(dossier__in=stored).count() == total
    register = Register.objects.get(agency=c.office, kind=RegisterKind.DOSSIER, year=2026, series="260302")
    assert register.last_number == total
