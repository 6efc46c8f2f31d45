"""What every state change of an incoming document writes besides itself:
the processing trace with its audit row, and the access grants a
confidential document needs. Registration (receiving/) and handling
(handling/) both call these inside their transactions."""

from collections.abc import Iterable

from eoffice.audit.services import audit_event
from eoffice.core.choices import Confidentiality
from eoffice.core.models import insert_rows
from eoffice.incoming.models import AccessGrant, Assignment, IncomingDocument, TraceEntry
from eoffice.organisation.models import User
from eoffice.organisation.selectors import Actor


def write_trace(
    document: IncomingDocument,
    actor: Actor,
    action: str,
    summary: str,
    *,
    opinion: str = "",
    assignment: Assignment | None = None,
    for_user: User | None = None,
) -> None:
    """One step in the processing trace and the audit log. `for_user` is whose
    task it was: when someone else acted (ủy quyền), the trace says so."""
    if for_user is not None and for_user.pk != actor.user.pk:
        summary = f"{summary} (thay {for_user})"
    insert_rows(
        TraceEntry(document=document, actor=actor.user, action=action, summary=summary, opinion=opinion, assignment=assignment),
        audit_event(actor=actor.user, action=f"incoming.{action}", obj=document, agency=document.agency, summary=summary),
    )


def grant_access(document: IncomingDocument, users: Iterable[User], actor: Actor) -> None:
    if document.confidentiality == Confidentiality.NORMAL:
        return
    for user in users:
        AccessGrant.objects.get_or_create(document=document, user=user, defaults={"granted_by": actor.user})
