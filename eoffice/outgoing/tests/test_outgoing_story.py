"""The outgoing story through the service layer, from draft to delivery."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from eoffice.conftest import incoming_data
from eoffice.core.errors import InvalidState, NotAllowed, ValidationFailed
from eoffice.exchange.models import ReceivedPackage
from eoffice.incoming.models import Source
from eoffice.incoming.models import Status as InStatus
from eoffice.incoming.receiving.electronic import package_register
from eoffice.incoming.receiving.services import incoming_register
from eoffice.outgoing import chain
from eoffice.outgoing.drafting.services import outgoing_create, outgoing_update
from eoffice.outgoing.issuance.services import outgoing_issue, outgoing_sign
from eoffice.outgoing.models import Delivery, Status
from eoffice.outgoing.review.services import outgoing_approve, outgoing_return, outgoing_submit
from eoffice.outgoing.tests.conftest import draft_data
from eoffice.signatures.verification import verify_pdf

pytestmark = pytest.mark.django_db


def usernames(document) -> set[str]:
    return {user.username for user in chain.next_actors(document)}


def test_a_letter_goes_from_draft_to_the_recipients_registry(office, django_capture_on_commit_callbacks):
    """GIVEN an incoming letter from Sở Xây dựng
    WHEN a specialist drafts the answer, the unit head returns it, the revised
    draft is approved for content and format, the Chánh Văn phòng signs and the
    registry issues it
    THEN it has number 01/VP-TH, two valid signatures, Sở Xây dựng's registry
    has it as an incoming document, the external ministry's package is sent and
    the answered letter is done."""
    c = office
    letter = incoming_register(actor=c.actor(c.clerk), data=incoming_data())
    doc = outgoing_create(
        actor=c.actor(c.specialist), data=draft_data(), signer=c.leader, recipients=[c.other, c.external], answers=[letter]
    )
    assert usernames(doc) == {"chuyenvien"}
    outgoing_submit(actor=c.actor(c.specialist), document=doc)
    doc.refresh_from_db()
    assert usernames(doc) == {"truongphong"}
    with pytest.raises(NotAllowed):
        outgoing_approve(actor=c.actor(c.checker), document=doc)  # out of turn
    outgoing_return(actor=c.actor(c.head), document=doc, comment="Bổ sung thời hạn hoàn thiện hồ sơ.")
    doc.refresh_from_db()
    assert doc.status == Status.RETURNED and usernames(doc) == {"chuyenvien"}

    outgoing_update(actor=c.actor(c.specialist), document=doc, data={"body": doc.body + "\nThời hạn: trước ngày 15/12/2026./."})
    outgoing_submit(actor=c.actor(c.specialist), document=doc)
    outgoing_approve(actor=c.actor(c.head), document=doc)
    doc.refresh_from_db()
    assert usernames(doc) == {"kiemtra"}
    outgoing_approve(actor=c.actor(c.checker), document=doc)
    doc.refresh_from_db()
    assert usernames(doc) == {"chanhvp"}
    outgoing_sign(actor=c.actor(c.leader), document=doc)
    doc.refresh_from_db()
    assert doc.status == Status.SIGNED and usernames(doc) == {"vanthu"}

    with django_capture_on_commit_callbacks(execute=True):
        outgoing_issue(actor=c.actor(c.clerk), document=doc)
    doc.refresh_from_db()
    assert (doc.status, doc.code_number, doc.code_notation) == (Status.ISSUED, "01", "VP-TH")

    with doc.issued_file.file.open("rb") as handle:
        issued = handle.read()
    reports = verify_pdf(issued)
    assert len(reports) == 2 and all(r.intact and r.trusted for r in reports)
    assert PdfReader(BytesIO(issued)).metadata.title == "Công văn Số: 01/VP-TH"  # the title a viewer shows

    internal = doc.recipients.get(agency=c.other)
    assert internal.status == Delivery.DELIVERED and not internal.incoming_id  # waits for Sở Xây dựng's registry
    package = ReceivedPackage.objects.get(agency=c.other)
    assert (package.state, package.transport, package.sender_organ_id) == ("received", "loopback", c.office.organ_id)
    assert list(internal.statuses.values_list("code", flat=True)) == ["01"]
    with django_capture_on_commit_callbacks(execute=True):
        copy = package_register(actor=c.actor(c.outsider), package=package)
    assert (copy.agency, copy.source, copy.arrival_number, copy.status) == (c.other, Source.INTERNAL, 1, InStatus.REGISTERED)
    assert (copy.code_number, copy.code_notation, copy.subject) == ("01", "VP-TH", doc.subject)
    assert copy.attachments.get().stored_file_id == doc.issued_file_id  # the same content, stored once
    assert list(internal.statuses.values_list("code", flat=True)) == ["01", "03", "04"]
    assert doc.recipients.get(agency=c.external).status == Delivery.SENT
    letter.refresh_from_db()
    assert letter.status == InStatus.DONE and letter.answer_reference == "01/VP-TH"


def test_a_changed_draft_must_be_approved_again(office):
    c = office
    doc = outgoing_create(actor=c.actor(c.specialist), data=draft_data(), signer=c.leader)
    outgoing_submit(actor=c.actor(c.specialist), document=doc)
    outgoing_approve(actor=c.actor(c.head), document=doc)
    outgoing_return(actor=c.actor(c.checker), document=doc, comment="Sai thể thức nơi nhận.")
    outgoing_submit(actor=c.actor(c.specialist), document=doc)  # unchanged: content approval stands
    doc.refresh_from_db()
    assert usernames(doc) == {"kiemtra"}
    outgoing_return(actor=c.actor(c.checker), document=doc, comment="Sai thể thức nơi nhận.")
    outgoing_update(actor=c.actor(c.specialist), document=doc, data={"places_text": "Như trên;\nLưu trữ"})
    outgoing_submit(actor=c.actor(c.specialist), document=doc)
    doc.refresh_from_db()
    assert usernames(doc) == {"truongphong"} and doc.versions.count() == 2


def test_a_draft_cannot_be_signed_before_approval_or_issued_twice(office):
    c = office
    doc = outgoing_create(actor=c.actor(c.specialist), data=draft_data(), signer=c.leader)
    outgoing_submit(actor=c.actor(c.specialist), document=doc)
    with pytest.raises(InvalidState):
        outgoing_sign(actor=c.actor(c.leader), document=doc)
    with pytest.raises(InvalidState):
        outgoing_issue(actor=c.actor(c.clerk), document=doc)


def test_an_external_recipient_without_identifier_stops_issuance_and_consumes_no_number(office):
    from eoffice.organisation.models import Agency
    from eoffice.registers.models import Register

    c = office
    nameless = Agency.objects.create(name="Công ty TNHH Minh Phát", short_name="MP")
    doc = outgoing_create(actor=c.actor(c.specialist), data=draft_data(), signer=c.leader, recipients=[nameless])
    outgoing_submit(actor=c.actor(c.specialist), document=doc)
    outgoing_approve(actor=c.actor(c.head), document=doc)
    outgoing_approve(actor=c.actor(c.checker), document=doc)
    outgoing_sign(actor=c.actor(c.leader), document=doc)
    with pytest.raises(ValidationFailed) as error:
        outgoing_issue(actor=c.actor(c.clerk), document=doc)
    assert "chưa có mã định danh" in error.value.message
    doc.refresh_from_db()
    assert doc.status == Status.SIGNED and not doc.code_number
    assert not Register.objects.filter(agency=c.office, kind="outgoing", last_number__gt=0).exists()
