"""Vào sổ is taken once per page: a second POST of the same page (a double click, a
resent form) lands on the document the first one registered, with no second number."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from eoffice.conftest import sign_in
from eoffice.core import once
from eoffice.core.forms import iso_date
from eoffice.incoming.models import IncomingDocument
from eoffice.incoming.tests.test_views import FORM

KEY = "0123456789abcdef0123456789abcdef"


def key_of(page: str) -> str:
    found = re.search(rf'name="{once.FIELD}" value="([0-9a-f]{{32}})"', page)
    assert found, "the page carries no submission key"
    return found.group(1)


@pytest.fixture
def clerk(cast) -> Client:
    client = Client()
    client.force_login(cast.clerk)
    return client


def test_the_same_page_sent_twice_registers_once(clerk):
    first = clerk.post(reverse("incoming-register"), {**FORM, once.FIELD: KEY})
    second = clerk.post(reverse("incoming-register"), {**FORM, once.FIELD: KEY})
    document = IncomingDocument.objects.get()
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == reverse("incoming-detail", args=[document.pk])
    page = clerk.get(second.url).content.decode()
    assert "đã được vào sổ ở lần gửi trước" in page and "có vẻ đã được vào sổ" not in page


def test_a_page_sent_back_with_errors_may_be_sent_again_corrected(clerk):
    bad = clerk.post(reverse("incoming-register"), {**FORM, "issued_date": "31/02/2026", once.FIELD: KEY})
    assert bad.status_code == 400 and f'value="{KEY}"' in bad.content.decode()
    good = clerk.post(reverse("incoming-register"), {**FORM, once.FIELD: KEY})
    assert good.status_code == 302 and IncomingDocument.objects.count() == 1


def test_each_new_page_gets_its_own_key_and_a_real_duplicate_still_warns(clerk):
    keys = {key_of(clerk.get(reverse("incoming-register")).content.decode()) for _ in range(2)}
    assert len(keys) == 2
    first, second = sorted(keys)
    assert clerk.post(reverse("incoming-register"), {**FORM, once.FIELD: first}).status_code == 302
    again = clerk.post(reverse("incoming-register"), {**FORM, once.FIELD: second})
    assert again.status_code == 400 and "có vẻ đã được vào sổ" in again.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_double_click_in_the_browser_registers_once(page, live_server, cast):
    sign_in(page, live_server.url, "vanthu")
    page.goto(f"{live_server.url}{reverse('incoming-register')}")
    for name, value in FORM.items():
        field = page.locator(f"form.form-grid [name={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        elif field.get_attribute("type") == "date":  # the browser's date picker takes yyyy-mm-dd
            field.fill(iso_date(value))
        else:
            field.fill(value)
    page.fill("textarea[name=subject]", "Về việc phân bổ dự toán ngân sách năm 2026")
    page.locator("button:has-text('Vào sổ')").dblclick()
    expect(page.locator(".flash.success")).to_contain_text("số đến 1")
    expect(page.locator(".flash.warning")).to_have_count(0)
    assert IncomingDocument.objects.count() == 1
