import pytest

from eoffice.conftest import PDF_BYTES
from eoffice.copies.services import CopyRequest
from eoffice.copies.sources import source_for
from eoffice.incoming.receiving.services import incoming_register
from eoffice.outgoing.tests.conftest import issue_through, signing_office


@pytest.fixture
def office(cast):
    return signing_office(cast)


@pytest.fixture
def issued(office):
    return issue_through(office)


def paper_incoming(c, **overrides):
    """A paper document registered with its scan (a PDF)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from eoffice.conftest import incoming_data

    scan = SimpleUploadedFile("ban-quet.pdf", PDF_BYTES, content_type="application/pdf")
    return incoming_register(actor=c.actor(c.clerk), data=incoming_data(source="paper", **overrides), files=[scan])


def paper_request(c, form="SY", **overrides) -> CopyRequest:
    values = {"form": form, "medium": "paper", "signer": c.leader, "places": ("Sở Xây dựng",)} | overrides
    return CopyRequest(**values)


def source(c, kind, record, user=None):
    return source_for(c.actor(user or c.clerk), kind, record.pk)
