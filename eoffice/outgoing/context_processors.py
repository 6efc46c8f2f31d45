from django.core.exceptions import PermissionDenied
from django.utils.functional import SimpleLazyObject

from eoffice.organisation.access import current_actor


def waiting_count(request):
    """How many outgoing documents wait for this user, for the menu badge;
    counted only when a page shows the menu."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    try:
        actor = current_actor(request)  # cached on the request
    except PermissionDenied:
        return {}
    from eoffice.outgoing.documents.worklist import waiting_for

    return {"outgoing_waiting": SimpleLazyObject(lambda: waiting_for(actor).count())}
