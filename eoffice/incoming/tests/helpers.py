"""Helpers shared by the incoming tests."""

from eoffice.incoming.receiving import services


def registration_year() -> int:
    """The year of the incoming register a document registered now goes to
    (ND30 Art.22 §2: the year of registration, whatever dates the data carry):
    read from the clock the service reads, where a test may set it."""
    return services.today().year  # type: ignore[attr-defined]  # imported there from organisation.selectors


def name_grantor(username: str) -> None:
    """The agency names this person to grant reading confidential documents
    (the permission the administrator gives in the admin)."""
    from django.contrib.auth.models import Permission

    from eoffice.organisation.models import User

    permission = Permission.objects.get(codename="grant_confidential_access", content_type__app_label="incoming")
    User.objects.get(username=username).user_permissions.add(permission)
