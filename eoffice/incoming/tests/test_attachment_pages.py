"""The PDF attachments of an incoming document shown as page images (phones
do not show a PDF inside a page), behind the same check as the file itself."""

import pytest
from django.urls import reverse

from eoffice.audit.models import AuditEvent
from eoffice.conftest import incoming_data, make_pdf
from eoffice.incoming.receiving.services import incoming_register

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n"


def registered(cast, **overrides):
    return incoming_register(actor=cast.actor(cast.clerk), data=incoming_data(**overrides), files=[make_pdf()])


def page_url(document, number=1):
    return reverse("incoming-file-page", args=[document.pk, document.attachments.get().pk, number])


def test_the_document_page_shows_the_pdf_as_page_images_not_an_iframe(client, cast):
    document = registered(cast)
    client.force_login(cast.clerk)
    page = client.get(reverse("incoming-detail", args=[document.pk])).content.decode()
    assert f'src="{page_url(document)}"' in page
    assert "<iframe" not in page


def test_a_page_image_is_a_png_and_a_missing_page_is_404(client, cast):
    document = registered(cast)
    client.force_login(cast.leader)
    response = client.get(page_url(document))
    assert response.status_code == 200 and response.content.startswith(PNG)
    assert response["Cache-Control"] == "private, no-cache"
    assert client.get(page_url(document, 9)).status_code == 404


def test_someone_who_may_not_see_the_document_gets_404(client, cast):
    document = registered(cast)
    client.force_login(cast.outsider)
    assert client.get(page_url(document)).status_code == 404
    client.force_login(cast.specialist)  # nothing assigned to them or their unit yet
    assert client.get(page_url(document)).status_code == 404


def test_a_confidential_documents_pages_need_a_grant_and_each_read_is_audited(client, cast):
    secret = registered(cast, confidentiality=1)
    client.force_login(cast.head)
    assert client.get(page_url(secret)).status_code == 404
    client.force_login(cast.clerk)
    assert client.get(page_url(secret)).content.startswith(PNG)
    reads = AuditEvent.objects.filter(action="incoming.read_confidential", object_id=str(secret.pk), actor=cast.clerk)
    assert reads.count() == 1


def test_an_attachment_of_another_document_is_not_served_through_this_one(client, cast):
    mine, other = registered(cast), registered(cast, code_number="126")
    client.force_login(cast.clerk)
    url = reverse("incoming-file-page", args=[mine.pk, other.attachments.get().pk, 1])
    assert client.get(url).status_code == 404
