"""Verification of the audit chains (manage.py audit_verify): each chain is
recomputed in seq order and the first broken link of each is named."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from eoffice.audit.hashing import GENESIS, row_hash
from eoffice.audit.models import AuditChainHead, AuditEvent

GLOBAL_CHAIN = "chuỗi chung (không thuộc cơ quan)"


@dataclass(frozen=True)
class Verified:
    chain: str
    count: int  # the last row's seq too
    last_hash: str

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
    return Verified(label, expected - 1, prev_hash)


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
