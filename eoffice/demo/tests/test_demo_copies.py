"""The demo's copies: the register of copies has a paper true copy of a
Quyết định, a copy of that copy, and an electronic true copy of a scan."""

import pytest

from eoffice.copies.models import DocumentCopy
from eoffice.signatures.verification import verify_pdf

pytestmark = pytest.mark.django_db


def test_the_register_of_copies_shows_each_form(demo):
    copies = list(DocumentCopy.objects.filter(agency=demo.office).order_by("number"))
    short = demo.office.short_name
    assert [(c.code, c.medium) for c in copies] == [
        (f"01/SY-{short}", "paper"),
        (f"02/SL-{short}", "paper"),
        (f"03/SY-{short}", "electronic"),
    ]
    assert copies[0].outgoing.type_name == "Quyết định" and copies[1].original == copies[0]
    assert copies[2].incoming.source == "paper"
    with copies[2].file.file.open("rb") as handle:
        assert [report.ok for report in verify_pdf(handle.read())] == [True]
