"""An update or a replacement (a package of business type 2 or 3) of a document
sent before: registered as a new document linked to the version it supersedes
(the sender is told 15 besides 03 and 04), or refused (16)."""

import pytest
from django.urls import reverse

from eoffice.exchange.models import ReceivedPackage
from eoffice.incoming.receiving.electronic import package_refuse, package_register
from eoffice.incoming.tests.test_package_recall import ORIGINAL, codes, received

pytestmark = pytest.mark.django_db
REASON = "Bổ sung phụ lục số liệu quý I"


def new_version(kind: int) -> ReceivedPackage:
    return received(business_doc_type=kind, business_doc_reason=REASON, business_document_id=ORIGINAL)


@pytest.mark.parametrize(("kind", "verb"), [(2, "Cập nhật"), (3, "Thay thế")])
def test_a_new_version_is_registered_linked_to_the_one_it_supersedes_and_tells_15(cast, client, kind, verb):
    first = package_register(actor=cast.actor(cast.clerk), package=received())
    update = new_version(kind)
    assert update.previous == first.package
    second = package_register(actor=cast.actor(cast.clerk), package=update)
    assert second.supersedes == first and list(first.superseded_by.all()) == [second]
    assert second.arrival_number == first.arrival_number + 1  # a document of its own in the register
    assert codes(update) == ["01", "03", "04", "15"]
    newest = second.trace.order_by("-id").first()
    assert (newest.summary, newest.opinion) == (f"{verb} văn bản số đến {first.arrival_number}", REASON)
    assert first.trace.order_by("-id").first().summary == f"Có bản {verb.lower()}: văn bản số đến {second.arrival_number}"
    client.force_login(cast.clerk)
    page = client.get(reverse("incoming-detail", args=[second.pk])).content.decode()
    assert 'id="supersedes"' in page and reverse("incoming-detail", args=[first.pk]) in page
    page = client.get(reverse("incoming-detail", args=[first.pk])).content.decode()
    assert 'id="superseded"' in page and reverse("incoming-detail", args=[second.pk]) in page


def test_an_update_of_a_document_never_registered_here_stands_alone(cast):
    document = package_register(actor=cast.actor(cast.clerk), package=new_version(2))
    assert document.supersedes is None
    assert document.trace.order_by("-id").first().summary == "Cập nhật văn bản chưa vào sổ ở đây"


def test_refusing_an_update_tells_16_and_refusing_a_new_document_02(cast):
    update, plain = new_version(2), received(code_number="126")
    package_refuse(actor=cast.actor(cast.clerk), package=update, reason="Không rõ văn bản được cập nhật")
    package_refuse(actor=cast.actor(cast.clerk), package=plain, reason="Gửi nhầm cơ quan nhận")
    assert codes(update) == ["01", "16"] and codes(plain) == ["01", "02"]


def test_the_api_gives_both_links(cast):
    from eoffice.incoming.tests.api_helpers import API, login

    first = package_register(actor=cast.actor(cast.clerk), package=received())
    second = package_register(actor=cast.actor(cast.clerk), package=new_version(3))
    client = login(cast.clerk.username)
    assert client.get(f"{API}/incoming/{second.pk}/").json()["supersedes"] == first.pk
    assert client.get(f"{API}/incoming/{first.pk}/").json()["superseded_by"] == [second.pk]


def test_a_replacement_after_a_recall_request_supersedes_the_document_not_the_request(cast):
    first = package_register(actor=cast.actor(cast.clerk), package=received())
    request = received(business_doc_type=1, business_doc_reason="Sai số liệu", business_document_id=ORIGINAL)
    replacement = new_version(3)
    assert request.previous == replacement.previous == first.package
    assert package_register(actor=cast.actor(cast.clerk), package=replacement).supersedes == first
