"""Browser security headers (ASVS 14.4): a Content-Security-Policy with nothing
inline allowed, no framing, no sniffing, a strict referrer; over HTTPS
(EOFFICE_HTTPS) secure cookies and HSTS. The templates hold no inline script,
style or event handler the policy would block."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = ROOT / "eoffice" / "templates"
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=\"|\son[a-z]+=\"")


@pytest.mark.django_db
def test_every_page_carries_the_policy(client):
    response = client.get("/dang-nhap/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response  # plain HTTP here: HSTS only with EOFFICE_HTTPS


@pytest.mark.django_db
def test_only_the_admin_may_have_inline_styles_and_nowhere_inline_scripts(admin_client):
    policy = admin_client.get("/admin/")["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy and "script-src 'self';" in policy + ";"
    assert "unsafe-inline" not in admin_client.get("/van-ban-den/")["Content-Security-Policy"]


def test_no_template_writes_script_style_or_handlers_inline():
    found = []
    for path in TEMPLATES.rglob("*.html"):
        if "email" in path.parts:  # mail clients, not browsers under our policy
            continue
        for match in INLINE.finditer(path.read_text()):
            found.append(f"{path.relative_to(TEMPLATES)}: {match.group()}")
    assert found == []


def _cookie_settings(tmp_path, **extra: str) -> list[str]:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME)"
    )
    env = {**os.environ, "SECRET_KEY": "x", "EOFFICE_VAR_DIR": str(tmp_path), **extra}
    env["DJANGO_SETTINGS_MODULE"] = "eoffice.settings"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)  # noqa: S603
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_over_https_cookies_are_secure_and_hsts_is_sent(tmp_path):
    assert _cookie_settings(tmp_path) == ["False", "False", "0", "False", "False", "sessionid", "csrftoken"]
    year = str(365 * 24 * 3600)
    https = ["True", "True", year, "True", "True", "__Host-sessionid", "__Host-csrftoken"]
    assert _cookie_settings(tmp_path, EOFFICE_HTTPS="1") == https
