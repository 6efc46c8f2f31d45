"""The tamper-evident audit log: every row chained to the previous row of its
agency's chain, and audit_verify naming the first broken link."""

import threading
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from eoffice.audit.chain import Broken, Verified, verify_chain, verify_chains
from eoffice.audit.context import client_ip
from eoffice.audit.hashing import GENESIS, row_hash
from eoffice.audit.models import AuditChainHead, AuditEvent
from eoffice.audit.services import audit_event, audit_record
from eoffice.audit.triggers import triggers_lifted
from eoffice.core.models import insert_rows

THREADS = 8
ROUNDS = 5
COPY_ROW = """INSERT INTO audit_auditevent
    (at, actor_id, agency_id, action, object_type, object_id, summary, ip_address, data, seq, prev_hash, hash)
    SELECT at, actor_id, agency_id, action, object_type, object_id, summary, ip_address, data, seq, prev_hash, hash
    FROM audit_auditevent WHERE id = %s"""


def chain_of(agency):
    return list(AuditEvent.objects.filter(agency=agency).order_by("seq"))


def write_five(agency):
    """Five rows of one chain, through both writers; the rows in seq order."""
    audit_record(actor=None, action="test.one", agency=agency, summary="một")
    insert_rows(*(audit_event(actor=None, action=f"test.{n}", agency=agency, summary=n) for n in ("hai", "ba", "bốn")))
    audit_record(actor=None, action="test.five", agency=agency, summary="năm")
    return chain_of(agency)


def tamper(sql, params=()):
    """Raw SQL with the append-only triggers lifted, as someone with write
    access to the database could do."""
    with transaction.atomic(), triggers_lifted(connection), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_audit_record_and_insert_rows_extend_one_chain_per_agency_in_order(cast):
    rows = write_five(cast.office)
    audit_record(actor=cast.clerk, action="test.other", agency=cast.other)
    audit_record(actor=cast.clerk, action="test.global")

    assert [row.seq for row in rows] == [1, 2, 3, 4, 5]
    assert [row.summary for row in rows] == ["một", "hai", "ba", "bốn", "năm"]
    assert [row.prev_hash for row in rows] == [GENESIS] + [row.hash for row in rows[:-1]]
    assert all(row.hash == row_hash(row) for row in rows)
    assert [row.seq for row in chain_of(cast.other)] == [1]
    assert [row.seq for row in chain_of(None)] == [1]
    assert AuditChainHead.objects.get(agency=cast.office).seq == 5
    assert all(isinstance(result, Verified) for result in verify_chains())


@pytest.mark.django_db
def test_the_hash_survives_the_database_round_trip(cast, monkeypatch):
    """jsonb reorders keys, PostgreSQL answers in UTC, a whole second has no
    microseconds in isoformat(), IPv6 is stored normalised: the hash made
    before the insert must still match the row read back."""
    local_noon = datetime(2025, 1, 2, 12, 0, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    monkeypatch.setattr("eoffice.audit.models.timezone.now", lambda: local_noon)
    data = {"zz": 1, "a": {"yyy": [1, "ế"], "b": None}, "m": "Điều 3"}
    summary = unicodedata.normalize("NFD", "Đã xử lý")
    token = client_ip.set("2001:DB8:0:0:0:0:0:1")
    try:
        event = audit_record(actor=cast.clerk, action="test.trip", agency=cast.office, summary=summary, data=data)
    finally:
        client_ip.reset(token)

    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.at == local_noon and stored.ip_address == "2001:db8::1"
    assert stored.hash == event.hash == row_hash(stored)


@pytest.fixture
def committed_cast(transactional_db, cast):
    """The cast, committed for real so that other threads' connections see it."""
    return cast


def write_in_thread(agency, start: threading.Barrier) -> None:
    """Autocommit rows and a transaction holding two chains, on its own connection."""
    try:
        start.wait(timeout=60)
        for _ in range(ROUNDS):
            audit_record(actor=None, action="test.concurrent", agency=agency)
            with transaction.atomic():
                both = audit_event(actor=None, action="test.both", agency=agency), audit_event(actor=None, action="test.both")
                insert_rows(*both)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_build_a_valid_chain_without_duplicate_seq(committed_cast):
    """The agency's chain has no head yet: the first writers also race to create it."""
    start = threading.Barrier(THREADS)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(write_in_thread, committed_cast.office, start) for _ in range(THREADS)]
        for future in futures:
            future.result(timeout=120)

    agency_seqs = [row.seq for row in chain_of(committed_cast.office)]
    assert agency_seqs == list(range(1, THREADS * ROUNDS * 2 + 1))
    assert [row.seq for row in chain_of(None)] == list(range(1, THREADS * ROUNDS + 1))
    assert [type(result) for result in verify_chains()] == [Verified, Verified]


def break_of(agency):
    result = verify_chain(agency.pk)
    assert isinstance(result, Broken), result
    return result


@pytest.mark.django_db
def test_an_edited_row_is_found(cast):
    rows = write_five(cast.office)
    tamper("UPDATE audit_auditevent SET summary = 'đã sửa' WHERE id = %s", [rows[2].pk])
    broken = break_of(cast.office)
    assert (broken.seq, broken.row_id) == (3, rows[2].pk) and "bị sửa" in broken.problem


@pytest.mark.django_db
def test_an_edited_row_with_its_hash_recomputed_breaks_the_next_link(cast):
    rows = write_five(cast.office)
    forged = rows[2]
    forged.summary = "đã sửa"
    tamper("UPDATE audit_auditevent SET summary = %s, hash = %s WHERE id = %s", [forged.summary, row_hash(forged), forged.pk])
    broken = break_of(cast.office)
    assert (broken.seq, broken.row_id) == (4, rows[3].pk) and "mắt xích" in broken.problem


@pytest.mark.django_db
def test_a_deleted_row_is_found(cast):
    rows = write_five(cast.office)
    tamper("DELETE FROM audit_auditevent WHERE id = %s", [rows[2].pk])
    broken = break_of(cast.office)
    assert (broken.seq, broken.row_id) == (4, rows[3].pk) and "bị xóa" in broken.problem


@pytest.mark.django_db
def test_an_inserted_row_is_found(cast):
    """A copy of row 3 with other content and a hash that matches it."""
    rows = write_five(cast.office)
    with connection.cursor() as cursor:  # inserting is not even refused by the triggers
        cursor.execute(COPY_ROW, [rows[2].pk])
    forged = AuditEvent.objects.filter(seq=3).order_by("id").last()
    forged.summary = "dòng giả"
    tamper("UPDATE audit_auditevent SET summary = %s, hash = %s WHERE id = %s", [forged.summary, row_hash(forged), forged.pk])
    broken = break_of(cast.office)
    assert (broken.seq, broken.row_id) == (3, forged.pk) and "chèn" in broken.problem


@pytest.mark.django_db
def test_a_truncated_tail_is_found(cast):
    rows = write_five(cast.office)
    tamper("DELETE FROM audit_auditevent WHERE id IN (%s, %s)", [rows[3].pk, rows[4].pk])
    broken = break_of(cast.office)
    assert (broken.seq, broken.row_id) == (3, rows[2].pk) and "mất các dòng cuối" in broken.problem


@pytest.mark.django_db
def test_the_command_prints_each_chain_or_fails_naming_the_break(cast):
    rows = write_five(cast.office)
    audit_record(actor=None, action="test.global")
    call_command("audit_verify", stdout=(out := StringIO()))
    assert f"Chuỗi nhật ký hợp lệ: {cast.office.name}" in out.getvalue() and rows[-1].hash in out.getvalue()
    assert "Tất cả 2 chuỗi hợp lệ, 6 dòng" in out.getvalue()

    tamper("DELETE FROM audit_auditevent WHERE id = %s", [rows[1].pk])
    call_command("audit_verify", "--agency", cast.other.organ_id, stdout=StringIO())  # another chain: still valid
    with pytest.raises(CommandError, match="1/2 chuỗi"):
        call_command("audit_verify", stdout=StringIO(), stderr=(err := StringIO()))
    where = f"{cast.office.name} ({cast.office.organ_id}), số thứ tự 3, dòng #{rows[2].pk}"
    assert f"Chuỗi nhật ký bị phá vỡ tại {where}" in err.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_command_exits_non_zero_on_a_broken_chain(committed_cast, capsys):
    rows = write_five(committed_cast.office)
    ManagementUtility(["manage.py", "audit_verify"]).execute()  # returns: exit status 0
    tamper("UPDATE audit_auditevent SET data = '{\"x\": 1}' WHERE id = %s", [rows[0].pk])
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["manage.py", "audit_verify"]).execute()
    assert exit_.value.code == 1
    assert "bị phá vỡ tại" in capsys.readouterr().err
