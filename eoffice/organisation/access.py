"""The acting user and agency of a request (web session or API token)."""

import re

from django.core.exceptions import PermissionDenied

from eoffice.audit.access import note_agency
from eoffice.core.errors import BadInput
from eoffice.organisation.models import Agency, Membership
from eoffice.organisation.selectors import Actor, build_actor, default_agency

SESSION_KEY = "eoffice_agency_id"
HEADER = "HTTP_X_EOFFICE_AGENCY"


def current_actor(request) -> Actor:
    """Return the Actor for this request; raise PermissionDenied if the user
    holds no role in any hosted agency."""
    cached = getattr(request, "_eoffice_actor", None)
    if cached is not None:
        return cached
    user = request.user
    agency = None
    wanted = _header_agency(request) or getattr(request, "session", {}).get(SESSION_KEY)
    if wanted:
        agency = Agency.objects.filter(pk=wanted, memberships__user=user).distinct().first()
    agency = agency or default_agency(user)
    if agency is None:
        raise PermissionDenied("Tài khoản chưa được gán vào cơ quan nào.")
    actor = build_actor(user, agency)
    request._eoffice_actor = actor
    note_agency(request, agency)  # the agency of this request's access row in the audit log
    return actor


def menu_actor(request) -> Actor | None:
    """The Actor for a page's menu and badges (context processors), or None for
    an anonymous visitor or a user without a role in any agency."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return None
    try:
        return current_actor(request)  # cached on the request
    except PermissionDenied:
        return None


def switch_agency(request, agency_id: int) -> bool:
    if Membership.objects.filter(user=request.user, agency_id=agency_id).exists():
        request.session[SESSION_KEY] = agency_id
        request._eoffice_actor = None
        return True
    return False


def _header_agency(request) -> int | None:
    """The agency id an API client names in X-Eoffice-Agency, refused unless it is a number."""
    value = request.META.get(HEADER, "").strip()
    if not value:
        return None
    if not re.fullmatch(r"[0-9]{1,9}", value):
        raise BadInput(
            f"Tiêu đề X-Eoffice-Agency phải là mã số của cơ quan (một số, tối đa 9 chữ số), không phải “{value[:40]}”."
        )
    return int(value)
