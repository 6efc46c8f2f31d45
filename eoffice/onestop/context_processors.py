from django.utils.functional import SimpleLazyObject

from eoffice.organisation.access import menu_actor


def onestop_menu(request):
    """The "Một cửa" menu entry (for whom it is) and its badge: how many
    dossiers wait for this user (Chờ tôi xử lý). Both are computed only when a
    page shows the menu."""
    actor = menu_actor(request)
    if actor is None:
        return {}
    from eoffice.onestop.dossiers.selectors import waiting_for
    from eoffice.onestop.dossiers.worklist import has_onestop_work

    return {
        "onestop_menu": SimpleLazyObject(lambda: has_onestop_work(actor)),
        "onestop_waiting": SimpleLazyObject(lambda: waiting_for(actor).count()),
    }
