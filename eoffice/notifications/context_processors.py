from django.utils.functional import SimpleLazyObject

from eoffice.notifications.services import unread_count


def bell(request):
    """The header's bell: the user's unread count, one indexed count query,
    run only when a page shows the bell."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"bell_unread": SimpleLazyObject(lambda: unread_count(user))}
