"""The home page in a real browser, for a leader of a working office: cards
side by side on a desktop and stacked on a 390 px phone, nothing to scroll
sideways, every link at least 44 px tall to tap, and clean for axe."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from eoffice.conftest import sign_in
from eoffice.core.tests.test_browser_pages import SIZES, problems_on

TAP = 44


def too_small(page) -> list[str]:
    """Links of the page's content shorter than a finger (CSS pixels)."""
    return page.eval_on_selector_all(
        "main .home-card a",
        f"els => els.filter(e => e.getBoundingClientRect().height < {TAP}).map(e => e.textContent.trim().slice(0, 40))",
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("username", ["chanhvp", "vanthu", "motcua"])
def test_the_home_page_is_clean_on_a_desktop_and_on_a_phone(page, live_server, office, username):
    sign_in(page, live_server.url, username, to_inbox=False)
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        assert problems_on(page, f"{live_server.url}/", Axe(), size == "phone") == [], size
        cards = page.locator(".home-card")
        assert cards.count() >= 1
        if size == "phone":
            assert too_small(page) == []
            boxes = [cards.nth(i).bounding_box() for i in range(cards.count())]
            assert all(box["x"] + box["width"] <= viewport["width"] for box in boxes)
            assert all(a["y"] + a["height"] <= b["y"] for a, b in zip(boxes, boxes[1:], strict=False))  # stacked


@pytest.mark.django_db(transaction=True)
def test_the_leaders_cards_sit_side_by_side_on_a_desktop_and_lead_to_their_lists(page, live_server, office):
    sign_in(page, live_server.url, "chanhvp", to_inbox=False)
    first, second = (page.locator(".home-card").nth(i).bounding_box() for i in (0, 1))
    assert first["y"] == second["y"] and first["x"] < second["x"]
    expect(page.locator("svg.chart g.bar")).to_have_count(2)
    page.click("[data-block=drafts] .tally")
    expect(page.locator(".tab.active")).to_contain_text("Chờ tôi xử lý")
