"""The registry copies a document in the browser, on a desktop and on a phone."""

import pytest
from playwright.sync_api import expect

from eoffice.conftest import sign_in
from eoffice.copies.models import DocumentCopy
from eoffice.copies.tests.conftest import paper_incoming
from eoffice.outgoing.tests.conftest import issue_through, signing_office

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def sources(transactional_db, cast):
    """Made before the browser starts: signing runs its own event loop."""
    office = signing_office(cast)
    return office, issue_through(office), paper_incoming(office)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_registry_makes_a_paper_and_an_electronic_copy(sources, page, live_server, size):
    office, issued, scan = sources
    page.set_viewport_size(SIZES[size])
    sign_in(page, live_server.url, "vanthu")
    page.goto(f"{live_server.url}/van-ban-di/{issued.pk}/")
    page.click("a:has-text('Sao văn bản')")
    expect(page.locator("h1")).to_have_text("Sao văn bản")
    page.select_option("select[name=form]", "SY")
    page.select_option("select[name=medium]", "electronic")
    page.fill("textarea[name=places]", "Sở Xây dựng")
    page.click("button:has-text('Cấp số và sao')")
    # An electronic original is copied to paper only: the reason by the field, the input kept.
    expect(page.locator("text=chỉ sao sang định dạng giấy")).to_be_visible()
    expect(page.locator("textarea[name=places]")).to_have_value("Sở Xây dựng")
    page.select_option("select[name=medium]", "paper")
    page.select_option("select[name=signer]", str(office.leader.pk))
    page.click("button:has-text('Cấp số và sao')")
    expect(page.locator("h1")).to_contain_text("Bản sao y số 01/SY-VP")
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]  # nothing runs off the side

    page.goto(f"{live_server.url}/van-ban-den/{scan.pk}/")
    page.click("a:has-text('Sao văn bản')")
    page.select_option("select[name=medium]", "electronic")
    page.click("button:has-text('Cấp số và sao')")
    expect(page.locator("h1")).to_contain_text("Bản sao y số 02/SY-VP")
    page.click(".card a:has-text('Sổ bản sao')")
    expect(page.locator("table.book")).to_contain_text("01/SY-VP")
    expect(page.locator("table.book")).to_contain_text("Sang định dạng điện tử")
    assert DocumentCopy.objects.count() == 2
