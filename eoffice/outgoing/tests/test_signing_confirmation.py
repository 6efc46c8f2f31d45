"""A key kept on the server signs only when its holder confirms with the key's PIN:
on the page (the form names the key and who holds it), in the API, and at issuance
with the agency's key. Five wrong PINs lock the key for a while."""

import pytest
from django.urls import reverse

from eoffice.core.errors import ValidationFailed
from eoffice.core.tests.api_helpers import API, login
from eoffice.outgoing.drafting.services import outgoing_create
from eoffice.outgoing.issuance.services import outgoing_issue, outgoing_sign
from eoffice.outgoing.models import Status
from eoffice.outgoing.review.services import outgoing_approve, outgoing_submit
from eoffice.outgoing.tests.conftest import draft_data
from eoffice.signatures.confirmation import MAX_FAILURES, set_confirm_pin
from eoffice.signatures.models import agency_key, personal_key

pytestmark = pytest.mark.django_db
PIN = "246810"


@pytest.fixture
def approved(office):
    c = office
    doc = outgoing_create(actor=c.actor(c.specialist), data=draft_data(), signer=c.leader, recipients=[c.other])
    outgoing_submit(actor=c.actor(c.specialist), document=doc)
    outgoing_approve(actor=c.actor(c.head), document=doc)
    outgoing_approve(actor=c.actor(c.checker), document=doc)
    set_confirm_pin(personal_key(c.leader, c.office), PIN)
    return doc


def test_signing_needs_the_keys_pin(office, approved):
    leader = office.actor(office.leader)
    with pytest.raises(ValidationFailed, match="Cần nhập mã xác nhận ký"):
        outgoing_sign(actor=leader, document=approved)
    with pytest.raises(ValidationFailed, match=f"còn {MAX_FAILURES - 1} lần thử"):
        outgoing_sign(actor=leader, document=approved, pin="000000")
    approved.refresh_from_db()
    assert approved.status != Status.SIGNED and approved.signed_file is None
    assert outgoing_sign(actor=leader, document=approved, pin=PIN).status == Status.SIGNED


def test_five_wrong_pins_lock_the_key_even_for_the_right_one(office, approved):
    leader = office.actor(office.leader)
    for _ in range(MAX_FAILURES):
        with pytest.raises(ValidationFailed):
            outgoing_sign(actor=leader, document=approved, pin="000000")
    with pytest.raises(ValidationFailed, match="tạm khóa ký"):
        outgoing_sign(actor=leader, document=approved, pin=PIN)


def test_the_page_asks_for_the_pin_and_names_the_key_and_its_holder(client, office, approved):
    key = personal_key(office.leader, office.office)
    client.force_login(office.leader)
    page = client.get(reverse("outgoing-detail", args=[approved.pk])).content.decode()
    assert f"Mã xác nhận ký của khóa “{key.label}” (người giữ: {office.leader})" in page and 'type="password"' in page
    refused = client.post(reverse("outgoing-sign", args=[approved.pk]), {"sign-pin": "111111"})
    assert refused.status_code == 400 and "Mã xác nhận ký không đúng" in refused.content.decode()
    signed = client.post(reverse("outgoing-sign", args=[approved.pk]), {"sign-pin": PIN})
    assert signed.status_code == 302
    approved.refresh_from_db()
    assert approved.status == Status.SIGNED


def test_the_api_takes_the_pin_in_the_body(office, approved):
    response = login("chanhvp").post(f"{API}/outgoing/{approved.pk}/sign/", {"pin": PIN}, format="json")
    assert response.status_code == 200, response.content
    approved.refresh_from_db()
    assert approved.status == Status.SIGNED


def test_issuance_confirms_with_the_agency_keys_pin(office, approved):
    outgoing_sign(actor=office.actor(office.leader), document=approved, pin=PIN)
    set_confirm_pin(agency_key(office.office), "135790")
    with pytest.raises(ValidationFailed, match="Văn thư"):
        outgoing_issue(actor=office.actor(office.clerk), document=approved)
    approved.refresh_from_db()
    assert approved.status == Status.SIGNED and not approved.code_number  # no number taken
    assert outgoing_issue(actor=office.actor(office.clerk), document=approved, pin="135790").status == Status.ISSUED


def test_a_key_without_a_pin_signs_as_before_and_a_pin_must_be_six_digits(office, approved):
    key = personal_key(office.leader, office.office)
    with pytest.raises(ValidationFailed, match="ít nhất 6 chữ số"):
        set_confirm_pin(key, "12ab")
    set_confirm_pin(key, "")
    assert outgoing_sign(actor=office.actor(office.leader), document=approved).status == Status.SIGNED
