"""A confidential (mật) document goes through the chain: each next actor is
granted access as their turn comes, nobody else sees it, and the recipient's
registry can see the copy it receives."""

import pytest
from django.http import Http404

from eoffice.audit.models import AuditEvent
from eoffice.exchange import sending
from eoffice.exchange.models import ReceivedPackage, SendState
from eoffice.incoming.models import IncomingDocument
from eoffice.incoming.receiving.electronic import package_register
from eoffice.organisation.models import Agency
from eoffice.outgoing.access import get_outgoing_for_user
from eoffice.outgoing.models import OutgoingDocument, Status
from eoffice.outgoing.tests.conftest import issue_through, registered_copy
from eoffice.registers.models import RegisterKind

pytestmark = pytest.mark.django_db


def test_a_confidential_document_is_seen_by_whoever_acts_on_it_and_nobody_else(office):
    c = office
    doc = issue_through(c, confidentiality=1)
    assert doc.status == Status.ISSUED
    for user in (c.specialist, c.head, c.checker, c.leader, c.clerk):
        assert get_outgoing_for_user(c.actor(user), doc.pk) == doc, user.username
    for user in (c.kt_specialist, c.kt_head):
        with pytest.raises(Http404):
            get_outgoing_for_user(c.actor(user), doc.pk)
    assert not OutgoingDocument.objects.visible_to(c.actor(c.kt_head)).exists()
    assert AuditEvent.objects.filter(action="outgoing.read_confidential", actor=c.clerk).exists()
    granted = {g.user for g in doc.grants.all()}
    assert granted == {c.specialist, c.head, c.checker, c.leader, c.clerk}  # the drafter, then each next actor
    assert AuditEvent.objects.filter(action="outgoing.grant", object_id=str(doc.pk)).count() == 4

    # By loopback only: the package keeps the độ mật edXML cannot carry, and the copy is registered as mật.
    copy = registered_copy(c, doc)
    assert ReceivedPackage.objects.get(agency=c.other).confidentiality == 1
    assert (copy.confidentiality, copy.register.kind) == (1, RegisterKind.INCOMING_SECRET)
    assert IncomingDocument.objects.visible_to(c.actor(c.outsider)).filter(pk=copy.pk).exists()


def test_a_confidential_package_never_leaves_the_installation(office):
    """Even when the recipient stopped being hosted after issue, the send is refused for good."""
    c = office
    doc = issue_through(c, confidentiality=1)
    Agency.objects.filter(pk=c.other.pk).update(hosted=False)
    dispatch = doc.recipients.get().dispatch
    sent = sending.attempt(dispatch.pk)
    assert sent.state == SendState.DEAD and "Văn bản mật" in sent.last_error
    assert not ReceivedPackage.objects.exists()


def test_the_registry_cannot_lower_a_packages_confidentiality(office):
    c = office
    issue_through(c, confidentiality=2)
    sending.send_hosted_now()
    package = ReceivedPackage.objects.get(agency=c.other)
    copy = package_register(actor=c.actor(c.outsider), package=package, data={"confidentiality": 0})
    assert copy.confidentiality == 2


def test_reading_a_confidential_package_is_audited_and_the_api_says_it_is(office, client):
    c = office
    issue_through(c, confidentiality=1)
    sending.send_hosted_now()
    package = ReceivedPackage.objects.get(agency=c.other)
    client.force_login(c.outsider)
    page = client.get(f"/van-ban-den/dien-tu/{package.pk}/")
    assert page.status_code == 200 and 'id="package-secret"' in page.content.decode()
    assert AuditEvent.objects.filter(action="exchange.read_confidential", actor=c.outsider, object_id=str(package.pk)).exists()
    assert client.get(f"/api/v1/incoming-packages/{package.pk}/").json()["confidentiality"] == 1
    client.force_login(c.clerk)  # the Office's registry: not its package
    assert client.get(f"/van-ban-den/dien-tu/{package.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("mode", "secret_line", "secret_kind"),
    [
        ("marked", "01/VP-TH-M", RegisterKind.OUTGOING_SECRET),  # its own series, the symbol marked
        ("shared", "02/VP-TH", RegisterKind.OUTGOING),  # the ordinary series, the secret register apart
    ],
)
def test_an_ordinary_and_a_secret_document_never_share_number_and_symbol(office, mode, secret_line, secret_kind):
    """ND30 Art.15: secret documents have their own series (§2) and number and
    symbol are unique in the agency's year (§1): both readings the agency may
    choose keep "01/VP-TH" from being issued twice."""
    from eoffice.outgoing.models import OutgoingSettings
    from eoffice.outgoing.register.selectors import register_rows
    from eoffice.outgoing.tests.test_printed_marks import _typed_lines

    c = office
    OutgoingSettings.objects.create(agency=c.office, secret_numbering=mode)
    ordinary = issue_through(c)
    secret = issue_through(c, confidentiality=1, subject="Về phương án bảo vệ mục tiêu trọng điểm")
    assert ordinary.symbol_display == "01/VP-TH" and secret.symbol_display == secret_line
    assert secret.register.kind == secret_kind
    with secret.issued_file.file.open("rb") as handle:
        assert f"Số: {secret_line}" in _typed_lines(handle.read())  # the symbol signed is the symbol issued
    clerk, year = c.actor(c.clerk), secret.register.year
    assert list(register_rows(clerk, year=year)) == [ordinary]
    assert list(register_rows(clerk, year=year, confidential=True)) == [secret]


def test_the_numbering_choices_are_set_in_the_admin_and_audited(office, client):
    from django.contrib.auth import get_user_model

    from eoffice.outgoing.models import OutgoingSettings

    admin = get_user_model().objects.create_superuser("quantri", password="x")
    client.force_login(admin)
    data = {"agency": office.office.pk, "place_name": "Hải Phòng", "secret_numbering": "marked", "secret_marker": "m x"}
    page = client.post("/admin/outgoing/outgoingsettings/add/", data).content.decode()
    assert "Chỉ gồm chữ in hoa và chữ số, không dấu cách." in page and not OutgoingSettings.objects.exists()
    response = client.post("/admin/outgoing/outgoingsettings/add/", {**data, "secret_marker": "MAT"})
    assert response.status_code == 302 and OutgoingSettings.objects.get().secret_marker == "MAT"
    assert AuditEvent.objects.filter(action="admin.add", summary__contains="secret_marker").exists()
