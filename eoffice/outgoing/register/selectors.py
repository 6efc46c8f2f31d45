"""Reads of outgoing documents: the register of issued documents (sổ đăng ký văn bản đi)."""

from django.http import Http404

from eoffice.audit.services import audit_record
from eoffice.core.choices import Confidentiality
from eoffice.organisation.selectors import Actor
from eoffice.outgoing.models import AccessGrant, OutgoingDocument, Status
from eoffice.registers.models import Register, RegisterKind

REGISTERED = [Status.ISSUED, Status.RECALLED]


def _granted_ids(actor: Actor):
    """Documents the actor holds an AccessGrant on (personal: a delegate does not inherit it)."""
    return AccessGrant.objects.filter(user=actor.user).values("document_id")


def may_see_confidential_register(actor: Actor) -> bool:
    """Whether to offer the confidential register (sổ văn bản đi mật): only to
    someone granted at least one registered confidential document."""
    return OutgoingDocument.objects.filter(
        agency=actor.agency,
        status__in=REGISTERED,
        confidentiality__gt=Confidentiality.NORMAL,
        pk__in=_granted_ids(actor),
    ).exists()


def open_confidential_register(actor: Actor, *, path: str) -> None:
    """Let `actor` read the confidential register (404 to whoever may not); every reading is audited."""
    if not may_see_confidential_register(actor):
        raise Http404("Không tìm thấy sổ hoặc bạn không có quyền xem.")
    audit_record(actor=actor.user, action="outgoing.read_confidential_register", agency=actor.agency, summary=path)


def register_rows(actor: Actor, *, year: int, confidential: bool = False):
    """Sổ đăng ký văn bản đi of a year: issued and recalled documents in number
    order, one series after the other. The confidential register lists only the
    documents the actor was granted; the ordinary one never lists a confidential
    document, whatever register it was numbered in."""
    qs = OutgoingDocument.objects.filter(agency=actor.agency, status__in=REGISTERED, register__year=year, number__isnull=False)
    if confidential:  # numbered in the secret register or, as the agency chose, in the ordinary series
        qs = qs.filter(confidentiality__gt=Confidentiality.NORMAL, pk__in=_granted_ids(actor))
    else:
        qs = qs.filter(register__kind=RegisterKind.OUTGOING, confidentiality=Confidentiality.NORMAL)
    return (
        qs.select_related("drafting_unit", "signer")
        .prefetch_related("recipients__agency")
        .order_by("register__series", "number", "id")
    )


def register_years(actor: Actor, *also: int) -> list[int]:
    """Years the agency has an outgoing register for, newest first, plus `also`."""
    kinds = [RegisterKind.OUTGOING, RegisterKind.OUTGOING_SECRET]
    years = set(Register.objects.filter(agency=actor.agency, kind__in=kinds).values_list("year", flat=True))
    return sorted(years | set(also), reverse=True)
