"""Who sees copies: the registry and the agency's leaders, and whoever made one."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from eoffice.copies.models import DocumentCopy
from eoffice.organisation.models import Membership, Role, User
from eoffice.organisation.selectors import Actor


def copies_visible_to(actor: Actor) -> QuerySet[DocumentCopy]:
    copies = DocumentCopy.objects.filter(agency=actor.agency)
    if actor.sees_whole_agency:
        return copies
    return copies.filter(Q(created_by=actor.user) | Q(signer=actor.user))


def get_copy_for_user(actor: Actor, pk: Any) -> DocumentCopy:
    try:
        return copies_visible_to(actor).select_related("agency", "signer", "file").get(pk=pk)
    except (DocumentCopy.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy bản sao hoặc bạn không có quyền xem.") from None


def register_rows(actor: Actor, *, year: int) -> QuerySet[DocumentCopy]:
    """The register of copies of a year, in number order (the registry and leaders only)."""
    return (
        DocumentCopy.objects.filter(agency=actor.agency, register__year=year)
        .select_related("signer", "outgoing__agency", "incoming", "original__outgoing__agency", "original__incoming")
        .order_by("number")
    )


def register_years(actor: Actor, year: int, this_year: int) -> list[int]:
    years = set(DocumentCopy.objects.filter(agency=actor.agency).values_list("register__year", flat=True))
    return sorted(years | {year, this_year}, reverse=True)


def signers(agency: Any) -> QuerySet[User]:
    """Who may sign a copy: the agency's leaders (the head decides, Art.27)."""
    leaders = Membership.objects.filter(agency=agency, role=Role.LEADER).values("user_id")
    return User.objects.filter(pk__in=leaders, is_active=True).order_by("full_name", "username")


def position_of(user: User, agency: Any) -> str:
    membership = Membership.objects.filter(user=user, agency=agency, role=Role.LEADER).exclude(position="").first()
    return membership.position if membership else ""
