"""Verification of the audit chains (manage.py audit_verify): each chain is
recomputed in seq order and the first broken link of each is named; and its
anchors: the last link of each chain, kept outside the system, checked later."""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

from django.core.exceptions import ObjectDoesNotExist

from eoffice.audit.hashing import GENESIS, row_hash
from eoffice.audit.models import AuditChainHead, AuditEvent

GLOBAL_CHAIN = "chuỗi chung (không thuộc cơ quan)"


@dataclass(frozen=True)
class Verified:
    chain: str
    count: int  # the last row's seq too
    last_hash: str
    agency_id: int | None = None

    def __str__(self) -> str:
        return f"Chuỗi nhật ký hợp lệ: {self.chain}: {self.count} dòng, mã băm dòng cuối (số {self.count}): {self.last_hash}"


@dataclass(frozen=True)
class Broken:
    chain: str
    seq: int
    row_id: int | None
    problem: str

    def __str__(self) -> str:
        return f"Chuỗi nhật ký bị phá vỡ tại {self.chain}, số thứ tự {self.seq}, dòng #{self.row_id}: {self.problem}"


def agency_by_code(code: str) -> Any:
    """The agency of that mã định danh (audit cannot import organisation)."""
    return _agency_model()._default_manager.get(organ_id=code)


def chain_ids() -> list[int | None]:
    """Every chain: those with a head and those with rows (in case the head went)."""
    ids = set(AuditChainHead.objects.values_list("agency_id", flat=True))
    ids |= set(AuditEvent.objects.order_by().values_list("agency_id", flat=True).distinct())
    return sorted(ids, key=lambda pk: -1 if pk is None else pk)


def verify_chains(agency_ids: Iterable[int | None] | None = None) -> list[Verified | Broken]:
    """One result per chain, all chains when no agency is named."""
    ids = chain_ids() if agency_ids is None else list(agency_ids)
    labels = _labels(ids)
    return [verify_chain(pk, labels[pk]) for pk in ids]


def verify_chain(agency_id: int | None, label: str = "") -> Verified | Broken:
    label = label or _labels([agency_id])[agency_id]
    rows = AuditEvent.objects.filter(agency=agency_id).order_by("seq", "id")
    expected, prev_hash, last = 1, GENESIS, None
    for row in rows.iterator(chunk_size=2000):
        problem = _row_problem(row, expected, prev_hash)
        if problem:
            return Broken(label, row.seq, row.pk, problem)
        expected, prev_hash, last = row.seq + 1, row.hash, row
    head = AuditChainHead.objects.filter(agency=agency_id).first()
    problem = _head_problem(head, expected - 1, prev_hash)
    if problem:
        return Broken(label, expected - 1, last.pk if last else None, problem)
    return Verified(label, expected - 1, prev_hash, agency_id)


def _row_problem(row: AuditEvent, expected: int, prev_hash: str) -> str:
    # Own hash first: a mismatch pins the row itself, whatever else looks wrong.
    if row.hash != row_hash(row):
        return "nội dung dòng đã bị sửa (mã băm không khớp nội dung)"
    if row.seq < expected:
        return f"có dòng bị chèn thêm (trùng số thứ tự {row.seq})"
    if row.seq > expected:
        return f"có dòng bị xóa (thiếu {_span(expected, row.seq - 1)})"
    if row.prev_hash != prev_hash:
        return "mắt xích không khớp với dòng trước (có dòng bị chèn, hoặc dòng trước bị sửa và tính lại mã băm)"
    return ""


def _head_problem(head: AuditChainHead | None, last_seq: int, last_hash: str) -> str:
    if head is None:
        return "" if last_seq == 0 else "không có đầu chuỗi (AuditChainHead) cho các dòng này"
    if head.seq > last_seq:
        return f"mất các dòng cuối chuỗi (đầu chuỗi ghi số thứ tự {head.seq}, dòng cuối còn lại là số {last_seq})"
    if head.seq < last_seq:
        return f"có dòng nằm ngoài chuỗi (đầu chuỗi ghi số thứ tự {head.seq}, có dòng số {last_seq})"
    if head.hash != last_hash:
        return "mã băm ở đầu chuỗi khác mã băm của dòng cuối"
    return ""


def _span(first: int, last: int) -> str:
    return f"số thứ tự {first}" if first == last else f"số thứ tự {first} đến {last}"


def _labels(ids: list[int | None]) -> dict[int | None, str]:
    agencies = _agency_model()._default_manager.in_bulk([pk for pk in ids if pk is not None])
    labels: dict[int | None, str] = {pk: f"{a.name} ({a.organ_id or a.pk})" for pk, a in agencies.items()}
    labels[None] = GLOBAL_CHAIN
    return labels


def _agency_model() -> Any:
    return AuditEvent._meta.get_field("agency").related_model


# Anchors. A rewrite of a whole chain (rows, hashes and head) verifies; it
# cannot keep the hash of a row recorded outside the system before it.

ANCHOR_MAX_BYTES = 5 * 1024 * 1024  # a file of anchors for thousands of chains is far smaller
HEX64 = re.compile(r"[0-9a-f]{64}")


class Anchor(TypedDict):
    organ_id: str | None  # the agency's mã định danh; None for the global chain
    agency_id: int | None  # only used when the agency has no organ_id
    agency: str  # for the reader only
    seq: int
    hash: str


class AnchorFileError(ValueError):
    """The file of anchors cannot be read; the message is for the user."""


def anchors(results: Iterable[Verified | Broken]) -> list[Anchor]:
    """The last link of each verified chain; empty chains have none to keep."""
    verified = [r for r in results if isinstance(r, Verified) and r.count > 0]
    agencies = _agency_model()._default_manager.in_bulk([r.agency_id for r in verified if r.agency_id is not None])
    return [_anchor(agencies.get(r.agency_id), r) for r in verified]


def _anchor(agency: Any, result: Verified) -> Anchor:
    return {
        "organ_id": agency.organ_id if agency else None,
        "agency_id": result.agency_id,
        "agency": agency.name if agency else GLOBAL_CHAIN,
        "seq": result.count,
        "hash": result.last_hash,
    }


def read_anchors(path: Path) -> list[Anchor]:
    """The anchors of a file written by `audit_verify --anchor`, checked for
    shape: the file comes from outside, a bad one gets a message, not a traceback."""
    try:
        with path.open("rb") as file:
            raw = file.read(ANCHOR_MAX_BYTES + 1)
    except OSError as error:
        raise AnchorFileError(f"Không đọc được tệp mốc đối chiếu {path}: {error.strerror or error}.") from None
    if len(raw) > ANCHOR_MAX_BYTES:
        raise AnchorFileError(f"Tệp mốc đối chiếu {path} quá lớn (tối đa {ANCHOR_MAX_BYTES // (1024 * 1024)} MB).")
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):  # RecursionError: "[[[[…" nested too deep
        raise AnchorFileError(f"Tệp mốc đối chiếu {path} không phải JSON hợp lệ (UTF-8).") from None
    chains = document.get("chains") if isinstance(document, dict) else None
    if not isinstance(chains, list) or not all(_is_anchor(entry) for entry in chains):
        raise AnchorFileError(f"Tệp mốc đối chiếu {path} không đúng dạng tệp do audit_verify --anchor ghi ra.")
    return [_parsed(entry) for entry in chains]


def _is_anchor(entry: Any) -> bool:
    if not isinstance(entry, dict):
        return False
    organ_id, agency_id, seq, hash_ = (entry.get(key) for key in ("organ_id", "agency_id", "seq", "hash"))
    # bool is an int in Python, and true is no seq.
    return (
        (organ_id is None or isinstance(organ_id, str))
        and (agency_id is None or (isinstance(agency_id, int) and not isinstance(agency_id, bool)))
        and isinstance(seq, int)
        and not isinstance(seq, bool)
        and seq >= 1
        and isinstance(hash_, str)
        and HEX64.fullmatch(hash_) is not None
    )


def _parsed(entry: dict[str, Any]) -> Anchor:
    agency = entry.get("agency")
    return {
        "organ_id": entry.get("organ_id"),
        "agency_id": entry.get("agency_id"),
        "agency": agency if isinstance(agency, str) else "",
        "seq": entry["seq"],
        "hash": entry["hash"],
    }


def check_anchors(entries: Iterable[Anchor]) -> list[str]:
    """One message per anchor the log no longer holds: its agency gone, its row
    gone, or the row there with another hash (the chain rewritten up to it)."""
    return [problem for entry in entries if (problem := _anchor_problem(entry))]


def _anchor_problem(entry: Anchor) -> str:
    try:
        agency_id = _anchored_agency_id(entry)
    except ObjectDoesNotExist:
        code = entry["organ_id"] or f"id {entry['agency_id']}"
        return f"Mốc đối chiếu không khớp: {entry['agency']} ({code}), số thứ tự {entry['seq']}: không còn cơ quan này."
    where = f"Mốc đối chiếu không khớp: {_labels([agency_id])[agency_id]}, số thứ tự {entry['seq']}"
    hashes = list(AuditEvent.objects.filter(agency=agency_id, seq=entry["seq"]).values_list("hash", flat=True))
    if not hashes:
        return f"{where}: không còn dòng này (chuỗi bị cắt bớt hoặc viết lại)."
    if entry["hash"] not in hashes:
        return f"{where}: mã băm khác mã băm đã ghi (chuỗi đã bị viết lại)."
    if len(hashes) > 1:
        return f"{where}: có {len(hashes)} dòng cùng số thứ tự."
    return ""


def _anchored_agency_id(entry: Anchor) -> int | None:
    """The chain's agency: by mã định danh, the code kept outside; by id only
    for an agency that had none; neither is the global chain."""
    if entry["organ_id"] is not None:
        return agency_by_code(entry["organ_id"]).pk
    if entry["agency_id"] is not None:
        return _agency_model()._default_manager.get(pk=entry["agency_id"]).pk
    return None
