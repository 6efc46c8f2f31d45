"""Which key signs: the selectors and the demo command that creates the keys."""

from io import StringIO

import pytest
from django.core.management import call_command

from eoffice.signatures.models import SigningKey, agency_key, personal_key
from eoffice.signatures.services import sign_pdf
from eoffice.signatures.tests.helpers import make_pdf
from eoffice.signatures.verification import verify_pdf

pytestmark = pytest.mark.django_db


def key(agency, user=None, **fields):
    return SigningKey.objects.create(agency=agency, user=user, label=fields.pop("label", "k"), **fields)


def test_a_personal_key_belongs_to_one_person_in_one_agency(cast):
    mine = key(cast.office, cast.leader)
    key(cast.office)  # the agency's own key
    key(cast.other, cast.leader)

    assert personal_key(cast.leader, cast.office) == mine
    assert personal_key(cast.head, cast.office) is None


def test_the_agency_key_is_the_one_without_a_user(cast):
    key(cast.office, cast.leader)
    own = key(cast.office)

    assert agency_key(cast.office) == own
    assert agency_key(cast.other) is None


def test_inactive_keys_are_not_selected(cast):
    key(cast.office, active=False)
    key(cast.office, cast.leader, active=False)

    assert agency_key(cast.office) is None
    assert personal_key(cast.leader, cast.office) is None


def test_the_demo_command_gives_every_hosted_agency_and_leader_a_working_key(cast, tmp_path, settings):
    settings.VAR_DIR = tmp_path  # its own PKI, trusted through <var>/pki/trust

    out = StringIO()
    call_command("signing_test_ca", stdout=out)

    assert "Đã tạo 3 khóa ký" in out.getvalue()

    office_key, leader_key = agency_key(cast.office), personal_key(cast.leader, cast.office)
    assert agency_key(cast.other) is not None
    assert personal_key(cast.head, cast.office) is None  # unit heads are not leaders
    assert not leader_key.key_path.startswith("/")  # stored relative to the variable directory
    signed = sign_pdf(data=make_pdf(), key=leader_key, field_name="a", box=None, reason="", location="")
    signed = sign_pdf(data=signed, key=office_key, field_name="b", box=None, reason="", location="")
    reports = verify_pdf(signed)
    assert [r.signer_name for r in reports] == [cast.leader.full_name, cast.office.name]
    assert all(r.ok for r in reports)


def test_running_the_demo_command_twice_creates_no_second_key(cast, tmp_path, settings):
    settings.VAR_DIR = tmp_path
    call_command("signing_test_ca", stdout=StringIO())
    count = SigningKey.objects.count()
    call_command("signing_test_ca", stdout=StringIO())

    assert count == 3  # two hosted agencies and the one leader
    assert SigningKey.objects.count() == count


def test_the_administrator_sets_a_confirmation_pin_that_is_stored_hashed(db, cast):
    from django.contrib.auth.hashers import check_password

    from eoffice.signatures.admin import SigningKeyForm
    from eoffice.signatures.models import SigningKey

    data = {"agency": cast.office.pk, "user": cast.leader.pk, "label": "Khóa của Chánh VP", "backend": "file", "active": True}
    refused = SigningKeyForm({**data, "new_pin": "12ab"})
    assert not refused.is_valid() and "ít nhất 6 chữ số" in str(refused.errors["new_pin"])
    form = SigningKeyForm({**data, "new_pin": "246810"})
    assert form.is_valid(), form.errors
    key = form.save()
    stored = SigningKey.objects.get(pk=key.pk)
    assert stored.needs_confirmation and "246810" not in stored.confirm_pin and check_password("246810", stored.confirm_pin)
    assert stored.holder == str(cast.leader)
    SigningKeyForm({**data, "remove_pin": True}, instance=stored).save()
    assert not SigningKey.objects.get(pk=key.pk).needs_confirmation
