"""Every page a role's menu leads to, in a real browser, on a desktop and on a phone:
no console error, no server error, no sideways scrolling on the phone, and no serious
or critical accessibility violation (axe-core)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from eoffice.conftest import incoming_data, sign_in
from eoffice.incoming.receiving.services import incoming_register

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
ROLES = ["vanthu", "chanhvp", "truongphong", "chuyenvien"]
BLOCKING = {"serious", "critical"}
PUBLIC = ["/dang-nhap/", "/thu-tuc/", "/tra-cuu-ho-so/"]


def menu_links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("header a[href^='/'], nav a[href^='/']", "els => els.map(e => e.getAttribute('href'))")
    return sorted({h for h in hrefs if not h.startswith(("/admin", "/api", "/i18n"))})


def problems_on(page, url: str, axe: Axe, phone: bool) -> list[str]:
    found: list[str] = []

    def console(message) -> None:
        if message.type == "error":
            found.append(f"console error: {message.text}")

    page.on("console", console)
    response = page.goto(url)
    page.wait_for_load_state("load")
    if response is None or response.status >= 500:
        found.append(f"HTTP {response.status if response else '—'}")
    if phone and page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
        found.append("scrolls sideways on a phone")
    for violation in axe.run(page).response["violations"]:
        if violation["impact"] in BLOCKING:
            targets = [node["target"] for node in violation["nodes"][:3]]
            found.append(f"axe {violation['impact']} {violation['id']}: {violation['help']} {targets}")
    page.remove_listener("console", console)
    return found


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", SIZES)
def test_every_menu_page_of_every_role_is_clean(page, live_server, cast, size):
    document = incoming_register(actor=cast.actor(cast.clerk), data=incoming_data())
    page.set_viewport_size(SIZES[size])
    axe, report = Axe(), {}
    for link in PUBLIC:
        if found := problems_on(page, f"{live_server.url}{link}", axe, size == "phone"):
            report[f"(public) {link}"] = found
    for username in ROLES:
        sign_in(page, live_server.url, username)
        links = menu_links(page, live_server.url)
        if username in ("vanthu", "chanhvp"):
            links.append(f"/van-ban-den/{document.pk}/")
        for link in links:
            if found := problems_on(page, f"{live_server.url}{link}", axe, size == "phone"):
                report[f"{username} {link}"] = found
    assert report == {}
