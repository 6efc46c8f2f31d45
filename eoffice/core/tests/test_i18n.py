"""The interface is written in Vietnamese (the msgids) and translated to English
through eoffice/locale/en. These tests keep the catalogue complete and compiled."""

import ast
import gettext
import re
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation.template import templatize

from eoffice.apitokens import forms as apitokens_forms
from eoffice.auditlog import forms as auditlog_forms
from eoffice.copies import forms as copies_forms
from eoffice.core.forms import DATE_ERRORS
from eoffice.incoming import forms as incoming_step_forms
from eoffice.incoming.receiving import forms as incoming_forms
from eoffice.outgoing import forms as outgoing_forms
from eoffice.outgoing.documents import forms as outgoing_document_forms
from eoffice.outgoing.drafting import forms as outgoing_draft_forms
from eoffice.twofactor import forms as twofactor_forms
from eoffice.workdays import forms as workdays_forms

LOCALE_DIR = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"
TEMPLATES_DIR = Path(settings.BASE_DIR) / "eoffice" / "templates"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _unquote(text):
    return ast.literal_eval(text.strip())


def read_po(path=PO_FILE):
    """A small .po reader: a list of entries {"flags", "msgctxt", "msgid",
    "msgid_plural", "msgstr", "msgstr[0]", ...}; obsolete (#~) entries are skipped."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        entry, key = {"flags": set()}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[key] += _unquote(line)
            else:
                key, _, value = line.partition(" ")
                entry[key] = _unquote(value)
        if "msgid" in entry:
            entries.append(entry)
    return entries


def translations(entry):
    return [value for key, value in entry.items() if key.startswith("msgstr")]


def catalogue_keys():
    return {(entry.get("msgctxt"), entry["msgid"]) for entry in read_po() if entry["msgid"]}


@pytest.fixture
def english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302
    return client


def test_the_login_page_is_vietnamese_by_default_with_a_language_switcher(client):
    # Django's own name for Vietnamese ("name_local") is decomposed Unicode (NFD).
    page = unicodedata.normalize("NFC", client.get(reverse("login")).content.decode())
    assert '<html lang="vi">' in page
    assert "<h1>Đăng nhập</h1>" in page and "Tên đăng nhập" in page and "Mật khẩu" in page
    assert f'action="{reverse("set_language")}"' in page
    assert '<option value="vi" lang="vi" selected>Tiếng Việt</option>' in page
    assert '<option value="en" lang="en">English</option>' in page


def test_the_inbox_is_vietnamese_by_default(client, cast):
    client.force_login(cast.clerk)
    page = client.get(reverse("inbox")).content.decode()
    assert "<h1>Hộp thư công việc</h1>" in page and "Đăng xuất" in page and ">Lọc</button>" in page


def test_the_login_page_switches_to_english(english):
    page = english.get(reverse("login")).content.decode()
    assert '<html lang="en">' in page
    assert "<h1>Sign in</h1>" in page and "Username" in page and "Password" in page
    assert "Đăng nhập" not in page
    assert '<option value="en" lang="en" selected>English</option>' in page


def test_the_inbox_switches_to_english_and_back(english, cast):
    english.force_login(cast.clerk)
    page = english.get(reverse("inbox")).content.decode()
    assert "<h1>Work inbox</h1>" in page and "Sign out" in page and ">Filter</button>" in page
    assert ">Incoming documents</a>" in page and ">Register document</a>" in page
    assert "Hộp thư công việc" not in page

    english.post(reverse("set_language"), {"language": "vi", "next": reverse("inbox")})
    assert "<h1>Hộp thư công việc</h1>" in english.get(reverse("inbox")).content.decode()


FORM_MODULES = (
    incoming_forms,
    incoming_step_forms,
    outgoing_forms,
    outgoing_draft_forms,
    outgoing_document_forms,
    workdays_forms,
)


def test_form_labels_and_date_errors_are_translated():
    labels = [
        field.label
        for module in (
            apitokens_forms,
            auditlog_forms,
            copies_forms,
            incoming_forms,
            incoming_step_forms,
            outgoing_forms,
            outgoing_draft_forms,
            outgoing_document_forms,
            twofactor_forms,
            workdays_forms,
        )
        for form in vars(module).values()
        if isinstance(form, type) and hasattr(form, "base_fields")
        for field in form.base_fields.values()
    ]
    assert len(labels) > 40
    for text in [*labels, DATE_ERRORS["invalid"]]:
        with translation.override("vi"):
            vietnamese = str(text)
        with translation.override("en"):
            assert str(text) != vietnamese, f"not translated: {vietnamese}"
    with translation.override("en"):
        assert str(incoming_forms.IncomingForm.base_fields["subject"].label) == "Subject"


def test_the_catalogue_has_no_untranslated_or_fuzzy_entries():
    entries = read_po()
    header = entries[0]
    assert header["msgid"] == "" and "Language: en" in header["msgstr"]
    assert "fuzzy" not in header["flags"]
    assert len(entries) > 100
    for entry in entries[1:]:
        assert "fuzzy" not in entry["flags"], entry["msgid"]
        assert all(translations(entry)), f"untranslated: {entry['msgid']}"
        expected = set(PLACEHOLDER.findall(entry["msgid"]))
        for text in translations(entry):
            assert set(PLACEHOLDER.findall(text)) == expected, entry["msgid"]


def test_every_template_string_is_in_the_catalogue():
    known = catalogue_keys()
    call = re.compile(r"\b(n?p?gettext)\(((?:u'(?:[^'\\]|\\.)*'(?:, )?)+)(?:, count)?\)")
    found = 0
    for path in sorted(TEMPLATES_DIR.rglob("*.html")):
        for name, args in call.findall(templatize(path.read_text(encoding="utf-8"), origin=str(path))):
            values = ast.literal_eval(f"({args.rstrip(', ')},)")
            context, msgid = (values[0], values[1]) if name.startswith(("pgettext", "npgettext")) else (None, values[0])
            assert (context, msgid) in known, f"{path.relative_to(TEMPLATES_DIR)}: {msgid!r} is missing from {PO_FILE.name}"
            found += 1
    assert found > 100


def test_the_compiled_catalogue_matches_the_po_file():
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert compiled.info()["language"] == "en"
    for entry in read_po()[1:]:
        context, msgid = entry.get("msgctxt"), entry["msgid"]
        if "msgid_plural" in entry:
            plural = entry["msgid_plural"]
            if context is None:
                got = [compiled.ngettext(msgid, plural, 1), compiled.ngettext(msgid, plural, 2)]
            else:
                got = [compiled.npgettext(context, msgid, plural, 1), compiled.npgettext(context, msgid, plural, 2)]
            assert got == [entry["msgstr[0]"], entry["msgstr[1]"]], f"recompile the .mo: {msgid!r}"
        else:
            got = compiled.gettext(msgid) if context is None else compiled.pgettext(context, msgid)
            assert got == entry["msgstr"], f"recompile the .mo: {msgid!r}"


def test_an_english_language_browser_still_gets_vietnamese(client, cast):
    client.force_login(cast.clerk)
    page = client.get("/van-ban-den/hop-thu/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Hộp thư công việc" in page
