"""Take the README screenshots from a running `make run` (demo data).

Usage: .venv/bin/python scripts/screenshots.py [base-url]
"""

import os
import sys

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
PASSWORD = os.environ.get("DEMO_PASSWORD", "eoffice2026")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
OUT = "docs/screenshots"


def sign_in(page, username):
    page.context.clear_cookies()
    page.goto(f"{BASE}/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:not(.inline) button[type=submit]")


def main():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860}, locale="vi-VN")
        sign_in(page, "truongphong")
        page.screenshot(path=f"{OUT}/inbox.png")
        page.goto(f"{BASE}/van-ban-den/hop-thu/?tab=overdue")
        page.screenshot(path=f"{OUT}/inbox-overdue.png")
        page.locator(".item-link").first.click()
        page.screenshot(path=f"{OUT}/document.png", full_page=True)
        sign_in(page, "vanthu")
        page.goto(f"{BASE}/van-ban-den/vao-so/")
        page.screenshot(path=f"{OUT}/register.png", full_page=True)
        page.goto(f"{BASE}/van-ban-den/so-dang-ky/")
        page.screenshot(path=f"{OUT}/register-book.png")
        page.goto(f"{BASE}/van-ban-den/dien-tu/")
        page.locator("#packages tbody a").first.click()
        page.screenshot(path=f"{OUT}/package.png")
        page.goto(f"{BASE}/tim-kiem/?q=xay+dung")
        page.screenshot(path=f"{OUT}/search.png")
        box = page.locator(".topsearch input[name=q]")
        box.fill("")
        box.press_sequentially("ke hoach cai cach", delay=30)  # no accents: the suggestions still come
        page.wait_for_selector("#search-suggestions [role=option]")
        box.press("ArrowDown")
        page.screenshot(path=f"{OUT}/typeahead.png", clip={"x": 0, "y": 0, "width": 1280, "height": 420})
        page.goto(f"{BASE}/van-ban-di/?tab=issued")
        page.locator(".item-link").first.click()
        page.wait_for_load_state("networkidle")  # the page images
        page.screenshot(path=f"{OUT}/outgoing-document.png", full_page=True)
        page.goto(f"{BASE}/van-ban-di/so-dang-ky/")
        page.screenshot(path=f"{OUT}/outgoing-register-book.png")
        sign_in(page, "truongphong")
        page.goto(f"{BASE}/van-ban-di/")
        page.screenshot(path=f"{OUT}/outgoing-waiting.png")
        sign_in(page, "chuyenvien")
        page.goto(f"{BASE}/van-ban-di/soan-thao/?loai=Quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh")
        page.screenshot(path=f"{OUT}/outgoing-draft.png", full_page=True)
        phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="vi-VN")
        sign_in(phone, "chuyenvien")
        phone.wait_for_load_state("load")
        phone.screenshot(path=f"{OUT}/phone-inbox.png")
        sign_in(phone, "vanthu")
        phone.goto(f"{BASE}/van-ban-di/?tab=issued")
        phone.locator(".item-link").first.click()
        phone.wait_for_load_state("networkidle")
        phone.screenshot(path=f"{OUT}/phone-outgoing.png", full_page=True)
        phone_views(browser)
        pickers(browser)
        onestop(browser)
        direction(browser)
        browser.close()


def phone_views(browser):
    """What a leader and a citizen see first on a phone: the step to take, the menu, the catalogue."""
    phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="vi-VN")
    sign_in(phone, "chanhvp")
    phone.goto(f"{BASE}/van-ban-den/hop-thu/")  # what waits for the leader
    phone.locator(".item-link").first.click()
    phone.wait_for_load_state("networkidle")
    phone.screenshot(path=f"{OUT}/phone-document.png")
    phone.get_by_role("button", name="Điều hướng").click()
    phone.screenshot(path=f"{OUT}/phone-menu.png")
    phone.context.clear_cookies()
    phone.goto(f"{BASE}/thu-tuc/?q=giay+phep")
    phone.screenshot(path=f"{OUT}/phone-catalogue.png")
    phone.close()


def pickers(browser):
    """Choosing the lead unit: grouped, searchable without accents, dd/mm/yyyy dates."""
    page = browser.new_page(viewport={"width": 1280, "height": 860}, locale="vi-VN")
    sign_in(page, "chanhvp")
    page.goto(f"{BASE}/van-ban-den/hop-thu/")
    page.locator(".item-link").first.click()
    control = page.locator(".ts-control").first
    control.click()
    page.keyboard.type("tong hop", delay=30)
    page.wait_for_timeout(300)
    box = control.bounding_box()
    page.screenshot(path=f"{OUT}/picker.png", clip={"x": 0, "y": max(0, box["y"] - 320), "width": 1280, "height": 620})
    page.close()


def onestop(browser):
    """The one-stop shop: the public catalogue and look-up, the counter, statistics."""
    page = browser.new_page(viewport={"width": 1280, "height": 860}, locale="vi-VN")
    page.goto(f"{BASE}/thu-tuc/?q=xay+dung")
    page.screenshot(path=f"{OUT}/onestop-catalogue.png")
    page.locator("a[href^='/thu-tuc/']").filter(has_text="xây dựng").first.click()
    page.screenshot(path=f"{OUT}/onestop-procedure.png", full_page=True)
    sign_in(page, "motcua")
    page.goto(f"{BASE}/mot-cua/")
    page.screenshot(path=f"{OUT}/onestop-list.png")
    page.goto(f"{BASE}/mot-cua/?tab=due")
    page.locator("tr[data-code] a").first.click()
    page.screenshot(path=f"{OUT}/onestop-dossier.png", full_page=True)
    page.goto(f"{BASE}/mot-cua/thong-ke/?period=year&group_by=procedure")
    page.screenshot(path=f"{OUT}/onestop-statistics.png", full_page=True)
    page.close()


def direction(browser):
    """A leader's desk and the Office's direction: what waits, who is late by unit,
    the on-time chart and this week; the published week, the task book, the bell's list."""
    page = browser.new_page(viewport={"width": 1280, "height": 860}, locale="vi-VN")
    sign_in(page, "pcttub")  # a leader who chairs entries this week: every block and panel
    page.wait_for_selector("main .home-card")
    page.screenshot(path=f"{OUT}/home-leader.png", full_page=True)
    page.goto(f"{BASE}/dieu-hanh/lich-tuan/")
    page.screenshot(path=f"{OUT}/schedule-week.png", full_page=True)
    page.goto(f"{BASE}/dieu-hanh/nhiem-vu/so-theo-doi/")
    page.screenshot(path=f"{OUT}/task-book.png")
    page.goto(f"{BASE}/thong-bao/")
    page.screenshot(path=f"{OUT}/notifications.png")
    page.close()


if __name__ == "__main__":
    main()
