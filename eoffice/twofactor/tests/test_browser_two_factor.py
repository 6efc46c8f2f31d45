"""A leader sets up two-factor sign-in and signs in with a TOTP code, in the
browser, on a desktop and on a phone: the key is read off the page as a phone
app would read it from the QR code."""

from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

pytestmark = pytest.mark.two_factor
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def app_code(secret: str, shift: int = 0) -> str:
    """The six digits an authenticator app shows for this key (`shift` steps of 30 s ahead)."""
    return f"{totp(b32decode(secret.replace(' ', '')), t0=-30 * shift):06d}"


def password_step(page, base):
    page.goto("about:blank")
    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/?next=/van-ban-den/hop-thu/")
    page.fill("input[name=username]", "chanhvp")
    page.fill("input[name=password]", "matkhau-123")
    page.click("button[type=submit]")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_leader_sets_up_the_app_and_signs_in_with_its_code(transactional_db, cast, page, live_server, size):
    page.set_viewport_size(SIZES[size])
    password_step(page, live_server.url)
    expect(page.locator("h1")).to_have_text("Thiết lập xác thực hai lớp")
    expect(page.locator(".qr svg")).to_be_visible()
    secret = page.locator(".totp-secret").inner_text()
    page.fill("input[name=code]", "000000" if app_code(secret) != "000000" else "111111")
    page.click("button:has-text('Xác nhận và bật')")
    expect(page.locator(".error-text")).to_contain_text("Mã chưa đúng")
    assert page.locator(".totp-secret").inner_text() == secret  # the same key, not a new one to scan again
    page.fill("input[name=code]", app_code(secret))
    page.click("button:has-text('Xác nhận và bật')")
    expect(page.locator("h1")).to_have_text("Mã khôi phục")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    page.click("a:has-text('Tôi đã lưu các mã')")
    expect(page.locator("h1")).to_have_text("Hộp thư công việc")

    password_step(page, live_server.url)  # the next day: password, then the code
    expect(page.locator("h1")).to_have_text("Xác thực hai lớp")
    page.fill("input[name=code]", app_code(secret, shift=1))
    page.click("button:has-text('Xác nhận')")
    expect(page.locator("h1")).to_have_text("Hộp thư công việc")
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
