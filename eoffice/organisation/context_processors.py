from django.core.exceptions import PermissionDenied

from eoffice.organisation.access import current_actor
from eoffice.organisation.selectors import agencies_of


def current_agency(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    try:
        actor = current_actor(request)
    except PermissionDenied:
        return {}
    return {"actor": actor, "my_agencies": agencies_of(request.user)}
