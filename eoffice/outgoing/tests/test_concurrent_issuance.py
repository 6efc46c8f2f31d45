"""Gap-free numbers under concurrent issuance (cấp số, ban hành): 50 clerks'
requests at the same moment, each in its own thread and database connection.

The register's row lock is held from taking the number to COMMIT, and the
agency's signature (≈ 0.3–0.7 s) is applied inside that transaction, so the
issuances run one after another. PostgreSQL queues them without a time limit;
SQLite queues writers for at most its 30 s busy timeout, which the 50th of 50
issuances comes close to on a loaded machine ("database is locked"). SQLite
therefore runs the same race with 10 threads."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.utils import timezone

from eoffice.exchange.models import PackageState, ReceivedPackage, TransportKind
from eoffice.organisation.models import Agency, User
from eoffice.organisation.selectors import build_actor
from eoffice.outgoing.drafting.services import outgoing_create
from eoffice.outgoing.issuance.services import outgoing_issue, outgoing_sign
from eoffice.outgoing.models import OutgoingDocument, Status
from eoffice.outgoing.review.services import outgoing_approve, outgoing_submit
from eoffice.outgoing.tests.conftest import draft_data
from eoffice.registers.models import Register, RegisterKind

THREADS = 50
SQLITE_THREADS = 10  # ≈ 5 s of queueing: well inside the 30 s busy timeout


@pytest.fixture
def committed_office(transactional_db, office):
    """The office fixture, committed for real so that other threads' connections see it."""
    return office


def signed_document(c, index: int) -> OutgoingDocument:
    """A Công văn to Sở Xây dựng (hosted here), through the whole review chain
    up to the Chánh Văn phòng's signature."""
    data = draft_data(subject=f"Trả lời về việc cấp phép xây dựng công trình số {index} trên địa bàn phường Lê Chân")
    doc = outgoing_create(actor=c.actor(c.specialist), data=data, signer=c.leader, recipients=[c.other])
    outgoing_submit(actor=c.actor(c.specialist), document=doc)
    outgoing_approve(actor=c.actor(c.head), document=doc)
    outgoing_approve(actor=c.actor(c.checker), document=doc)
    return outgoing_sign(actor=c.actor(c.leader), document=doc)


def issue_in_thread(user_id: int, agency_id: int, document_id: int, start: threading.Barrier) -> int:
    """One issuance in its own thread and database connection."""
    try:
        actor = build_actor(User.objects.get(pk=user_id), Agency.objects.get(pk=agency_id))
        document = OutgoingDocument.objects.get(pk=document_id)
        start.wait(timeout=60)
        return outgoing_issue(actor=actor, document=document).number
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_issuances_get_fifty_consecutive_numbers(committed_office):
    """GIVEN 50 signed letters (10 on SQLite) and as many threads, each with
    its own database connection
    WHEN all threads issue one letter each as the registry at the same moment
    THEN every issuance succeeds, the numbers are exactly 1..50 (01/VP-TH …
    50/VP-TH), the register's counter stands at 50, every letter is issued
    with its own final PDF, and each letter's package waits in Sở Xây dựng's
    queue (văn bản điện tử chờ vào sổ), delivered by loopback once its issue committed."""
    c = committed_office
    threads = SQLITE_THREADS if connection.vendor == "sqlite" else THREADS
    documents = [signed_document(c, i) for i in range(threads)]
    assert all(d.status == Status.SIGNED for d in documents)

    start = threading.Barrier(threads)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(issue_in_thread, c.clerk.pk, c.office.pk, d.pk, start) for d in documents]
        numbers = [future.result(timeout=300) for future in futures]

    expected = list(range(1, threads + 1))
    assert sorted(numbers) == expected
    issued = OutgoingDocument.objects.filter(pk__in=[d.pk for d in documents])
    assert sorted(issued.values_list("number", flat=True)) == expected
    assert sorted(issued.values_list("code_number", flat=True)) == [f"{n:02d}" for n in expected]
    assert set(issued.values_list("status", "code_notation")) == {(Status.ISSUED, "VP-TH")}
    assert not issued.filter(issued_file__isnull=True).exists()
    assert len(set(issued.values_list("issued_file_id", flat=True))) == threads

    register = Register.objects.get(agency=c.office, kind=RegisterKind.OUTGOING, year=timezone.localtime().year, series="")
    assert register.last_number == threads
    assert set(issued.values_list("register_id", flat=True)) == {register.pk}

    copies = ReceivedPackage.objects.filter(agency=c.other, state=PackageState.RECEIVED, transport=TransportKind.LOOPBACK)
    assert sorted(int(p.header["code_number"]) for p in copies) == expected
    assert not ReceivedPackage.objects.exclude(state=PackageState.RECEIVED).exists()
