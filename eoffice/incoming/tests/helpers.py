"""Helpers shared by the incoming tests."""

from eoffice.incoming.receiving import services


def registration_year() -> int:
    """The year of the incoming register a document registered now goes to
    (ND30 Art.22 §2: the year of registration, whatever dates the data carry):
    read from the clock the service reads, where a test may set it."""
    return services.today().year  # type: ignore[attr-defined]  # imported there from organisation.selectors
