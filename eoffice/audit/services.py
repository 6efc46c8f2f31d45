from typing import TYPE_CHECKING, Any

from django.db import models
from django.dispatch import Signal

from eoffice.audit.context import client_ip
from eoffice.audit.models import AuditEvent

if TYPE_CHECKING:
    # The AUTH_USER_MODEL or AnonymousUser (django-stubs resolves the alias);
    # audit sits below organisation, so it cannot import User itself.
    from django.contrib.auth.models import _AnyUser

# Sent for every audited change of a record (sender: its model class; `pk`,
# `action`). Every change goes to the audit log, so listeners such as the
# search index see every change without each app having to call them.
record_changed = Signal()


def audit_event(
    *,
    actor: "_AnyUser | None",
    action: str,
    obj: models.Model | None = None,
    agency: Any = None,  # an organisation.Agency or None: audit cannot import organisation
    summary: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """An unsaved audit row; save it with audit_record() or, beside other log
    rows, with core.models.insert_rows() inside the service's transaction."""
    if obj is not None and ".read" not in action:
        record_changed.send(sender=obj._meta.model, pk=obj.pk, action=action)  # not type(): request.user is a lazy proxy
    return AuditEvent(
        actor=actor if actor is not None and actor.is_authenticated else None,
        agency=agency,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:500],
        ip_address=client_ip.get(),
        data=data or {},
    )


def audit_record(**kwargs: Any) -> AuditEvent:
    """Append one audit row. Call inside the service's transaction so that a
    rolled-back change leaves no audit row behind, and vice versa."""
    event = audit_event(**kwargs)
    event.save()
    return event
