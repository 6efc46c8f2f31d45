from django.utils.functional import SimpleLazyObject

from eoffice.organisation.access import menu_actor


def packages_waiting(request):
    """The registry's menu badge: received packages waiting to be registered,
    counted only when a page shows the menu."""
    actor = menu_actor(request)
    if actor is None:
        return {}
    from eoffice.incoming.receiving.packages import waiting_count

    return {"packages_waiting": SimpleLazyObject(lambda: waiting_count(actor))}
