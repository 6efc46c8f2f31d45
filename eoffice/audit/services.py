from django.db import models

from eoffice.audit.context import client_ip
from eoffice.audit.models import AuditEvent


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    agency=None,
    summary: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """Append one audit row. Call inside the service's transaction so that a
    rolled-back change leaves no audit row behind, and vice versa."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        agency=agency,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:500],
        ip_address=client_ip.get(),
        data=data or {},
    )
