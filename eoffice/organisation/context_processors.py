from eoffice.organisation.access import menu_actor
from eoffice.organisation.selectors import agencies_of


def current_agency(request):
    actor = menu_actor(request)
    if actor is None:
        return {}
    return {"actor": actor, "my_agencies": agencies_of(request.user)}
