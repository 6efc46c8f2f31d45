"""The administrator sees every received package, those no registry sees too,
and downloads the raw package; nobody changes them there."""

import io

from django.urls import reverse

from eoffice.exchange.models import ReceivedPackage
from eoffice.exchange.receiving import receive_package
from eoffice.organisation.models import User


def test_the_administrator_inspects_a_package_no_registry_sees(cast, client):
    broken = b"<edXML><khong-dong>"
    (package,) = receive_package(stream=io.BytesIO(broken), transport="directory", reference="hong.edxml").packages
    assert package.agency is None
    admin = User.objects.create_superuser(username="quantri", password="matkhau-123")
    client.force_login(admin)
    listing = client.get(reverse("admin:exchange_receivedpackage_changelist")).content.decode()
    assert "hong.edxml" in listing
    page = client.get(reverse("admin:exchange_receivedpackage_change", args=[package.pk])).content.decode()
    assert "không phải XML hợp lệ" in page and reverse("exchange-raw", args=[package.pk]) in page
    assert "Tệp của gói tin" in page and "Trạng thái đã gửi" in page and "Received file" not in page
    raw = client.get(reverse("exchange-raw", args=[package.pk]))
    assert b"".join(raw.streaming_content) == broken
    assert client.post(reverse("admin:exchange_receivedpackage_delete", args=[package.pk]), {"post": "yes"}).status_code == 403
    assert ReceivedPackage.objects.filter(pk=package.pk).exists()


def test_the_raw_package_is_for_staff_only(cast, client):
    (package,) = receive_package(stream=io.BytesIO(b"<x/>"), transport="directory").packages
    client.force_login(cast.clerk)
    response = client.get(reverse("exchange-raw", args=[package.pk]))
    assert response.status_code == 302 and "/admin/login/" in response.url
