"""Anchors: audit_verify --anchor keeps each chain's last link in a file,
--against later checks the log still holds them, so that a chain rewritten
whole (rows, hashes and head) and still verifying is found."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eoffice.audit.chain import ANCHOR_MAX_BYTES, GLOBAL_CHAIN, read_anchors
from eoffice.audit.hashing import GENESIS, row_hash
from eoffice.audit.models import AuditChainHead
from eoffice.audit.services import audit_record
from eoffice.audit.tests.test_chain import chain_of, tamper, write_five
from eoffice.organisation.models import Agency


def verify(*args):
    """Run audit_verify; its stdout and stderr."""
    call_command("audit_verify", *args, stdout=(out := StringIO()), stderr=(err := StringIO()))
    return out.getvalue(), err.getvalue()


def rewrite_whole_chain(agency, summary):
    """Every row's summary changed and every link and the head recomputed, as
    someone with write access to the database who knows the scheme could."""
    prev_hash = GENESIS
    for row in chain_of(agency):
        row.summary, row.prev_hash = summary, prev_hash
        prev_hash = row.hash = row_hash(row)
        sql = "UPDATE audit_auditevent SET summary = %s, prev_hash = %s, hash = %s WHERE id = %s"
        tamper(sql, [row.summary, row.prev_hash, row.hash, row.pk])
    AuditChainHead.objects.filter(agency=agency).update(hash=prev_hash)


@pytest.mark.django_db
def test_the_anchor_holds_each_chains_last_link_and_passes_later(cast, tmp_path):
    rows = write_five(cast.office)
    audit_record(actor=None, action="test.global")
    path = tmp_path / "moc.json"
    out, _ = verify("--anchor", str(path))
    assert f"Đã ghi mốc đối chiếu (2 chuỗi) vào {path}" in out and "ngoài hệ thống" in out

    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["at"].endswith("+00:00")
    office = {"organ_id": cast.office.organ_id, "agency_id": cast.office.pk, "agency": cast.office.name}
    assert document["chains"] == [
        {"organ_id": None, "agency_id": None, "agency": GLOBAL_CHAIN, "seq": 1, "hash": chain_of(None)[0].hash},
        {**office, "seq": 5, "hash": rows[-1].hash},
    ]
    assert cast.office.name in path.read_text(encoding="utf-8")  # written as text, not \\u escapes

    write_five(cast.office)  # the log goes on: the anchored links stay
    audit_record(actor=None, action="test.global")
    out, err = verify("--against", str(path))
    assert "Khớp cả 2 mốc đối chiếu" in out and err == ""


@pytest.mark.django_db
def test_a_chain_rewritten_whole_verifies_but_fails_against_its_anchor(cast, tmp_path):
    write_five(cast.office)
    audit_record(actor=None, action="test.other", agency=cast.other)
    path = tmp_path / "moc.json"
    verify("--anchor", str(path))

    rewrite_whole_chain(cast.office, "đã viết lại")
    assert "Tất cả 2 chuỗi hợp lệ" in verify()[0]  # plain verification cannot see it
    with pytest.raises(CommandError, match="1/2 mốc đối chiếu không khớp"):
        verify("--against", str(path))
    with pytest.raises(CommandError):
        call_command("audit_verify", "--against", str(path), stdout=StringIO(), stderr=(err := StringIO()))
    where = f"{cast.office.name} ({cast.office.organ_id}), số thứ tự 5"
    assert f"Mốc đối chiếu không khớp: {where}: mã băm khác" in err.getvalue()
    assert cast.other.name not in err.getvalue()


@pytest.mark.django_db
def test_an_agency_without_organ_id_is_anchored_by_its_id_not_taken_for_the_global_chain(tmp_path):
    """organ_id may be empty: such a chain must not be checked as the global one."""
    unnamed = Agency.objects.create(name="Tổ công tác", short_name="TCT")
    write_five(unnamed)
    audit_record(actor=None, action="test.global")
    path = tmp_path / "moc.json"
    verify("--anchor", str(path))
    assert {"organ_id": None, "agency_id": unnamed.pk, "seq": 5}.items() <= json.loads(path.read_text())["chains"][1].items()
    assert "Khớp cả 2 mốc" in verify("--against", str(path))[0]

    rewrite_whole_chain(unnamed, "đã viết lại")
    with pytest.raises(CommandError, match="1/2 mốc"):
        verify("--against", str(path))


@pytest.mark.django_db
def test_an_anchor_of_an_agency_or_row_gone_fails(cast, tmp_path):
    rows = write_five(cast.office)
    gone = {"organ_id": "000.99.00.H26", "agency_id": None, "agency": "Sở đã giải thể", "seq": 1, "hash": rows[0].hash}
    beyond = {"organ_id": cast.office.organ_id, "agency": cast.office.name, "seq": 9, "hash": rows[0].hash}
    path = tmp_path / "moc.json"
    path.write_text(json.dumps({"chains": [gone, beyond]}), encoding="utf-8")
    with pytest.raises(CommandError, match="2/2 mốc"):
        call_command("audit_verify", "--against", str(path), stdout=StringIO(), stderr=(err := StringIO()))
    assert "Sở đã giải thể (000.99.00.H26), số thứ tự 1: không còn cơ quan này" in err.getvalue()
    assert "số thứ tự 9: không còn dòng này" in err.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "Không đọc được tệp mốc đối chiếu"),
        (b"\xff\xfe rubbish", "không phải JSON hợp lệ"),
        (b"{not json", "không phải JSON hợp lệ"),
        (b"[" * 100_000 + b"]" * 100_000, "không phải JSON hợp lệ"),
        (b'["chains"]', "không đúng dạng"),
        (b'{"chains": [{"organ_id": null, "seq": true, "hash": "' + b"a" * 64 + b'"}]}', "không đúng dạng"),
        (b'{"chains": [{"organ_id": null, "seq": 1, "hash": "abc"}]}', "không đúng dạng"),
        (b" " * (ANCHOR_MAX_BYTES + 1), "quá lớn"),
    ],
)
@pytest.mark.django_db
def test_a_missing_garbage_or_oversized_file_is_refused_with_a_message(tmp_path, content, message):
    path = tmp_path / "moc.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        verify("--against", str(path))


def test_a_well_formed_file_is_read(tmp_path):
    path = tmp_path / "moc.json"
    path.write_text(json.dumps({"chains": [{"organ_id": None, "seq": 3, "hash": "b" * 64}]}), encoding="utf-8")
    assert read_anchors(path) == [{"organ_id": None, "agency_id": None, "agency": "", "seq": 3, "hash": "b" * 64}]


@pytest.mark.django_db
def test_no_anchor_is_written_for_a_broken_chain(cast, tmp_path):
    rows = write_five(cast.office)
    tamper("UPDATE audit_auditevent SET summary = 'đã sửa' WHERE id = %s", [rows[1].pk])
    path = tmp_path / "moc.json"
    with pytest.raises(CommandError, match="1/1 chuỗi nhật ký bị phá vỡ. Không ghi tệp mốc"):
        verify("--anchor", str(path))
    assert not path.exists()
