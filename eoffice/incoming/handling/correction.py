"""Cập nhật, bổ sung thông tin văn bản đến (ND30 Appendix VI III.7.c): the registry
corrects or completes what was registered. The old values stay in the processing
trace and, in full, in the audit log; the register, the lists and the search
index follow the new ones. The arrival number, the register and the độ mật are
not changed here: a number once given stays, and độ mật decides the register."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from eoffice.audit.services import audit_event
from eoffice.core.errors import ValidationFailed
from eoffice.core.models import insert_rows
from eoffice.core.text import nfc
from eoffice.core.workflow import refuse_unless
from eoffice.incoming import workflow
from eoffice.incoming.duplicates import refuse_duplicate
from eoffice.incoming.models import CORRECTABLE, INPUT_FIELDS, IncomingDocument, TraceEntry
from eoffice.incoming.validation import check_incoming_data
from eoffice.organisation.selectors import Actor, today

# What tells one document from another (III.1.h): a change to these is checked for duplicates.
IDENTIFYING = {"code_number", "code_notation", "organ_name", "organ_id", "issued_date"}


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "(trống)"
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)


def _stored(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _normalised(name: str, value: Any) -> Any:
    return nfc(value).strip() if isinstance(value, str) else value


@transaction.atomic
def incoming_correct(
    *, actor: Actor, document: IncomingDocument, data: dict[str, Any], reason: str, confirm_duplicate: bool = False
) -> IncomingDocument:
    """Apply the changed fields of `data` (others are ignored), with the reason.
    A change of number, symbol or issuer that matches another registered
    document is refused (409) unless the registry confirms it is another."""
    refuse_unless(workflow.can_correct(actor, document))
    reason = nfc(reason or "").strip()
    if len(reason) < 5:
        raise ValidationFailed("Cần nêu lý do cập nhật.", fields={"reason": ["Lý do là bắt buộc (ít nhất 5 ký tự)."]})
    document = IncomingDocument.objects.select_for_update(of=("self",)).get(pk=document.pk)
    wanted = {name: _normalised(name, value) for name, value in data.items() if name in CORRECTABLE}
    merged = {name: getattr(document, name) for name in INPUT_FIELDS} | wanted
    check_incoming_data(merged, today=today())
    registered_on = timezone.localdate(document.created_at)
    if merged["arrival_date"] > registered_on:
        raise ValidationFailed(
            "Ngày đến không được sau ngày vào sổ.",
            fields={"arrival_date": [f"Văn bản vào sổ ngày {registered_on:%d/%m/%Y}."]},
        )
    changes = {name: (getattr(document, name), value) for name, value in wanted.items() if getattr(document, name) != value}
    if not changes:
        raise ValidationFailed("Không có thông tin nào thay đổi.")
    if IDENTIFYING & changes.keys() and not confirm_duplicate:
        refuse_duplicate(agency=document.agency, data=merged, action="lưu", exclude=document.pk)
    for name, (_, value) in changes.items():
        setattr(document, name, value)
    document.save(update_fields=[*changes, "search_text", "updated_at"])
    _record(actor, document, changes, reason)
    return document


def _record(actor: Actor, document: IncomingDocument, changes: dict[str, tuple[Any, Any]], reason: str) -> None:
    """The trace names the fields and shows old → new under the reason; the
    audit row keeps both values whole, whatever their length."""
    summary = f"Cập nhật thông tin văn bản đến: {', '.join(CORRECTABLE[name] for name in changes)}"[:500]
    lines = [f"{CORRECTABLE[name]}: “{_shown(old)}” → “{_shown(new)}”" for name, (old, new) in changes.items()]
    details = {name: {"old": _stored(old), "new": _stored(new)} for name, (old, new) in changes.items()}
    insert_rows(
        TraceEntry(document=document, actor=actor.user, action="correct", summary=summary, opinion="\n".join([reason, *lines])),
        audit_event(
            actor=actor.user,
            action="incoming.correct",
            obj=document,
            agency=document.agency,
            summary=summary,
            data={"reason": reason, "changes": details},
        ),
    )
