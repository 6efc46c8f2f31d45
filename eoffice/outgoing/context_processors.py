from django.utils.functional import SimpleLazyObject

from eoffice.organisation.access import menu_actor


def waiting_count(request):
    """How many outgoing documents wait for this user, for the menu badge;
    counted only when a page shows the menu."""
    actor = menu_actor(request)
    if actor is None:
        return {}
    from eoffice.outgoing.documents.worklist import waiting_for

    return {"outgoing_waiting": SimpleLazyObject(lambda: waiting_for(actor).count())}
