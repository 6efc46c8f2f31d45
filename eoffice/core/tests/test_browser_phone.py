"""Working on a 390×844 phone (issue 13): the step a person must take now is
on the first screens of a document page, not 1,250 px down; the public
catalogue and the counter's dossiers read as cards without scrolling sideways."""

import pytest
from playwright.sync_api import expect

from eoffice.conftest import incoming_data, make_pdf, sign_in
from eoffice.incoming.handling.services import incoming_submit
from eoffice.incoming.receiving.services import incoming_register
from eoffice.onestop.tests.factories import make_onestop, receive
from eoffice.outgoing.drafting.services import outgoing_create
from eoffice.outgoing.review.services import outgoing_submit
from eoffice.outgoing.tests.conftest import draft_data

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def top_of(page, selector: str) -> float:
    """The element's distance from the top of the page, in CSS pixels."""
    return page.eval_on_selector(selector, "e => e.getBoundingClientRect().top + window.scrollY")


def open_as(page, base: str, username: str, path: str, size: dict) -> None:
    page.set_viewport_size(size)
    sign_in(page, base, username)
    page.goto(f"{base}{path}")


def waiting_for_direction(cast):
    document = incoming_register(actor=cast.actor(cast.clerk), data=incoming_data(), files=[make_pdf()])
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    return document


@pytest.mark.django_db(transaction=True)
def test_the_leader_finds_the_direction_form_on_the_first_screens_of_a_phone(page, live_server, cast):
    document = waiting_for_direction(cast)
    open_as(page, live_server.url, "chanhvp", f"/van-ban-den/{document.pk}/", PHONE)
    form = "details:has(> summary:text-is('Cho ý kiến chỉ đạo'))"
    expect(page.locator(form)).to_be_visible()
    assert top_of(page, form) < 1.5 * PHONE["height"]
    assert top_of(page, form) < top_of(page, ".doc-info") < top_of(page, ".doc-history")


@pytest.mark.django_db(transaction=True)
def test_on_a_desktop_the_step_stays_in_the_right_column_beside_the_document(page, live_server, cast):
    document = waiting_for_direction(cast)
    open_as(page, live_server.url, "chanhvp", f"/van-ban-den/{document.pk}/", DESKTOP)
    info, act, history = (page.locator(s).bounding_box() for s in (".doc-info", ".doc-act", ".doc-history"))
    assert info["x"] < act["x"] == history["x"]
    assert info["y"] == act["y"] < history["y"] and act["y"] + act["height"] <= history["y"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.django_db(transaction=True)
def test_the_reviewer_finds_the_approval_form_on_the_first_screens_of_a_phone(page, live_server, cast):
    draft = outgoing_create(actor=cast.actor(cast.specialist), data=draft_data(), signer=cast.leader, recipients=[cast.other])
    outgoing_submit(actor=cast.actor(cast.specialist), document=draft)
    open_as(page, live_server.url, "truongphong", f"/van-ban-di/{draft.pk}/", PHONE)
    form = "details:has(> summary:text-is('Duyệt dự thảo'))"
    expect(page.locator(form)).to_be_visible()
    assert top_of(page, form) < 1.5 * PHONE["height"]
    assert top_of(page, form) < top_of(page, ".pages")


@pytest.mark.django_db(transaction=True)
def test_the_public_catalogue_is_cards_on_a_phone(page, live_server, cast):
    procedure = make_onestop(cast).procedure
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/thu-tuc/")
    card = page.locator(".proc-card").first
    expect(card).to_contain_text(procedure.code)
    expect(card).to_contain_text("3,5 ngày làm việc")
    expect(page.locator("table.grid")).to_be_hidden()
    # Everything of the procedure is on the screen: nothing to scroll sideways to.
    for box in (card.locator(s).bounding_box() for s in ("a", "dd >> nth=0", "dd >> nth=-1")):
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    card.locator("a").click()
    expect(page.locator("h1")).to_contain_text(procedure.name)


@pytest.mark.django_db(transaction=True)
def test_the_counters_dossiers_are_cards_on_a_phone(page, live_server, cast):
    dossier = receive(make_onestop(cast))
    open_as(page, live_server.url, "motcua", "/mot-cua/?tab=all", PHONE)
    card = page.locator(".dossier-cards li").first
    expect(card.locator("a")).to_have_text(dossier.code)
    expect(card).to_contain_text("Trần Thị Mai")
    expect(card).to_contain_text("Đã tiếp nhận")
    expect(page.locator("table.dossiers")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size(DESKTOP)
    expect(page.locator("table.dossiers")).to_be_visible()
    expect(page.locator(".dossier-cards")).to_be_hidden()
