"""The registry's received packages (exchange.ReceivedPackage): who sees them,
and the registration fields a package gives. No workflow here: the forms and
the workflow table read this module."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from eoffice.audit.services import audit_record
from eoffice.core.choices import Confidentiality, Priority
from eoffice.exchange.models import PackageState, ReceivedPackage, TransportKind
from eoffice.incoming.models import Source
from eoffice.organisation.selectors import Actor


def packages_for(actor: Actor) -> QuerySet[ReceivedPackage]:
    """The packages of `actor`'s registry (none for anyone else)."""
    if not actor.is_clerk:
        return ReceivedPackage.objects.none()
    return ReceivedPackage.objects.filter(agency=actor.agency)


def waiting_count(actor: Actor) -> int:
    return packages_for(actor).filter(state=PackageState.RECEIVED).count()


def get_package_for_user(actor: Actor, pk: Any) -> ReceivedPackage:
    """The package if it is `actor`'s registry's (else Http404); reading a
    confidential one (delivered by loopback) is audited."""
    try:
        package = packages_for(actor).select_related("raw").get(pk=pk)
    except (ReceivedPackage.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy gói tin hoặc bạn không có quyền xem.") from None
    if package.confidentiality > Confidentiality.NORMAL:
        summary = f"Xem gói tin văn bản mật {package.document_id}"[:500]
        audit_record(actor=actor.user, action="exchange.read_confidential", obj=package, agency=actor.agency, summary=summary)
    return package


def source_of(package: ReceivedPackage) -> str:
    """Nội bộ for a package from an agency of this installation, else liên thông."""
    return Source.INTERNAL if package.transport == TransportKind.LOOPBACK else Source.ELECTRONIC


def package_incoming_data(package: ReceivedPackage) -> dict[str, Any]:
    """The registration fields (ND30 Appendix VI) as the package gives them."""
    header = package.header
    sender, signer = header.get("sender") or {}, header.get("signer_position") or ""
    competence = header.get("signer_competence") or ""
    return {
        "type_name": header.get("type_name") or "",
        "code_number": (header.get("code_number") or "")[:11],
        "code_notation": (header.get("code_notation") or "")[:30],
        "issued_date": package.header_date("promulgation_date"),
        "organ_name": (sender.get("organ_name") or "")[:200],
        "organ_id": (sender.get("organ_id") or "")[:35],
        "subject": (header.get("subject") or "")[:500],
        "page_amount": header.get("page_amount") or None,
        "signer_position": " ".join(part for part in (competence, signer) if part)[:100],
        "signer_full_name": (header.get("signer_full_name") or "")[:50],
        "priority": min(max(int(header.get("priority") or 0), Priority.NORMAL), Priority.EXPRESS),
        "to_places": "; ".join(header.get("to_places") or [])[:1000],
        "due_date": package.header_date("due_date"),
        "confidentiality": package.confidentiality,
        "source": source_of(package),
        "paper_received": False,
    }
