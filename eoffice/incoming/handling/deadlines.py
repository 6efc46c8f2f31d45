"""Handling deadlines in working days: the one a leader's direction or a
unit head's reassignment sets, and their recomputation when the calendar
changes (connected in IncomingConfig.ready())."""

import math
from datetime import date
from decimal import Decimal
from typing import Any

from eoffice.audit.services import audit_record
from eoffice.core.errors import ValidationFailed
from eoffice.incoming.models import Assignment, AssignmentKind, IncomingDocument
from eoffice.organisation.models import User
from eoffice.workdays.services import add_working_days, overrides_between, window


def deadline_from(deadline: date | None, days: Decimal | None, start: date) -> tuple[date | None, Decimal | None]:
    """The deadline and its working days: `days` counted from `start`, else
    the date given (not before `start`), else none."""
    if days is not None:
        return add_working_days(start, days), Decimal(str(days))
    if deadline is not None and deadline < start:
        raise ValidationFailed("Hạn xử lý không được trước ngày giao.", fields={"deadline": ["Hạn xử lý đã qua."]})
    return deadline, None


def assignments_recompute_deadlines(*, changed: date, actor: User | None = None) -> int:
    """Recompute open deadlines given in working days whose period covers the
    changed calendar date. Returns how many changed."""
    open_ones: list[Any] = list(  # their deadline_start and deadline_days are set
        Assignment.objects.filter(is_open=True, deadline_days__isnull=False, deadline_start__lt=changed).order_by("id")
    )
    if not open_ones:
        return 0
    first = min(a.deadline_start for a in open_ones)
    last = max(a.deadline_start for a in open_ones) + window(math.ceil(max(a.deadline_days for a in open_ones)))
    overrides = overrides_between(first, last)  # one query for all of them
    changed_ones = []
    for assignment in open_ones:
        new = add_working_days(assignment.deadline_start, assignment.deadline_days, overrides=overrides)
        if new != assignment.deadline:
            assignment.deadline = new
            changed_ones.append(assignment)
    Assignment.objects.bulk_update(changed_ones, ["deadline"], batch_size=500)
    documents = [
        IncomingDocument(pk=a.document_id, due_date=a.deadline)
        for a in changed_ones
        if a.kind == AssignmentKind.LEAD and a.parent_id is None
    ]
    IncomingDocument.objects.bulk_update(documents, ["due_date"], batch_size=500)
    count = len(changed_ones)
    if count:
        audit_record(
            actor=actor,
            action="incoming.deadlines_recomputed",
            summary=f"Tính lại {count} hạn xử lý do thay đổi lịch ngày {changed:%d/%m/%Y}",
        )
    return count
