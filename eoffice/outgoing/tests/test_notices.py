"""A draft's steps tell the next people of the review chain, the drafter when
it comes back or is issued, and the registry when it is signed; never the
person who acted. The modules above hear of an issuance by a signal."""

import pytest

from eoffice.core.errors import InvalidState
from eoffice.exchange.sending import send_hosted_now
from eoffice.notifications.models import Notification
from eoffice.outgoing.drafting.services import outgoing_create
from eoffice.outgoing.issuance.services import outgoing_issue, outgoing_sign
from eoffice.outgoing.review.services import outgoing_approve, outgoing_return, outgoing_submit
from eoffice.outgoing.signals import document_issued
from eoffice.outgoing.tests.conftest import draft_data, issue_through

pytestmark = pytest.mark.django_db
NAME = "Dự thảo Công văn “Trả lời về việc cấp phép xây dựng công trình trên địa bàn phường Lê Chân”"


def told():
    """What each step added, then forgotten: (kind, recipient, title)."""
    rows = [(n.kind, n.recipient.username, n.title) for n in Notification.objects.order_by("id")]
    Notification.objects.all().delete()
    return rows


def test_the_chain_tells_each_next_actor_in_turn(office):
    c = office
    doc = outgoing_create(actor=c.actor(c.specialist), data=draft_data(), signer=c.leader, recipients=[c.other])
    assert told() == []
    outgoing_submit(actor=c.actor(c.specialist), document=doc)
    assert told() == [("outgoing.review", "truongphong", f"{NAME} chờ đồng chí duyệt nội dung")]
    outgoing_approve(actor=c.actor(c.head), document=doc)
    assert told() == [("outgoing.review", "kiemtra", f"{NAME} chờ đồng chí kiểm tra thể thức")]
    outgoing_approve(actor=c.actor(c.checker), document=doc)
    assert told() == [("outgoing.sign", "chanhvp", f"{NAME} chờ đồng chí ký")]
    outgoing_sign(actor=c.actor(c.leader), document=doc)
    assert told() == [("outgoing.signed", "vanthu", f"{NAME} đã ký, chờ cấp số và ban hành")]
    doc = outgoing_issue(actor=c.actor(c.clerk), document=doc)
    ((kind, who, title),) = told()
    assert (kind, who) == ("outgoing.issued", "chuyenvien")
    assert title.startswith(f"Văn bản đi số {doc.symbol_display} “") and title.endswith("đã được ban hành")
    # Its package reaches Sở Xây dựng, hosted here, once the issue commits: it waits for that registry.
    send_hosted_now()
    (arrived,) = told()
    assert arrived == ("incoming.arrived", "vanthu2", f"Văn bản điện tử {doc.symbol_display} từ {c.office.name} chờ vào sổ")


def test_a_returned_draft_tells_its_drafter_with_a_link(office):
    c = office
    doc = outgoing_create(actor=c.actor(c.specialist), data=draft_data(), signer=c.leader, recipients=[c.other])
    outgoing_submit(actor=c.actor(c.specialist), document=doc)
    told()
    outgoing_return(actor=c.actor(c.head), document=doc, comment="Sửa lại đoạn hai")
    [notice] = Notification.objects.all()
    assert (notice.kind, notice.recipient, notice.url) == ("outgoing.returned", c.specialist, f"/van-ban-di/{doc.pk}/")
    assert notice.title == f"{NAME} bị trả lại, chờ đồng chí sửa"


def test_the_drafter_who_heads_the_unit_is_not_told_of_their_own_step(office):
    c = office
    doc = outgoing_create(actor=c.actor(c.head), data=draft_data(), signer=c.leader, recipients=[c.other])
    outgoing_submit(actor=c.actor(c.head), document=doc)
    assert told() == []  # the content step is the head's own


def test_the_issuance_tells_the_modules_above_by_a_signal_once(office):
    """outgoing imports none of the modules above it (lint-imports): a meeting's
    documents are followed through signals.document_issued."""
    heard = []

    def receiver(sender, document, actor, **kwargs):
        heard.append((document.pk, document.status, document.code_number, actor.user))

    document_issued.connect(receiver)
    try:
        doc = issue_through(office)
        with pytest.raises(InvalidState):  # issued once: a refused issuance sends nothing
            outgoing_issue(actor=office.actor(office.clerk), document=doc)
    finally:
        document_issued.disconnect(receiver)
    assert heard == [(doc.pk, "issued", doc.code_number, office.clerk)]
