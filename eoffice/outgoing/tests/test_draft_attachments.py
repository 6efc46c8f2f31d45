"""A draft's files (tệp đính kèm, phụ lục): its drafter adds, marks as phụ lục and
takes off files while the draft may be edited — in the services, on the edit
page and through the API; every change is audited and nothing else is touched."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eoffice.attachments.models import StoredFile
from eoffice.audit.models import AuditEvent
from eoffice.conftest import PDF_BYTES, make_pdf
from eoffice.core.errors import InvalidState, NotAllowed, ValidationFailed
from eoffice.incoming.tests.api_helpers import API, login
from eoffice.outgoing.drafting.services import attachment_add, attachment_mark, attachment_remove, outgoing_create
from eoffice.outgoing.models import OutgoingAttachment
from eoffice.outgoing.review.services import outgoing_submit
from eoffice.outgoing.tests.conftest import draft_data
from eoffice.outgoing.tests.test_views_outgoing import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(office):
    return outgoing_create(
        actor=office.actor(office.specialist), data=draft_data(), signer=office.leader, files=[make_pdf("du-thao.pdf")]
    )


def actions(document) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_id=str(document.pk), action__startswith="outgoing.attachment")
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_the_drafter_adds_marks_and_removes_files(office, draft):
    me = office.actor(office.specialist)
    appendix = attachment_add(actor=me, document=draft, upload=make_pdf("phu-luc-I.pdf"), is_appendix=True)
    first = draft.attachments.get(filename="du-thao.pdf")
    attachment_mark(actor=me, document=draft, attachment=first, is_appendix=True)
    attachment_mark(actor=me, document=draft, attachment=first, is_appendix=True)  # no change: no audit row
    attachment_remove(actor=me, document=draft, attachment=appendix)
    assert [(a.filename, a.is_appendix) for a in draft.attachments.all()] == [("du-thao.pdf", True)]
    assert StoredFile.objects.filter(pk=appendix.stored_file_id).exists()  # the file itself stays
    assert actions(draft) == [
        "outgoing.attachment_add",
        "outgoing.attachment_add",
        "outgoing.attachment_mark",
        "outgoing.attachment_remove",
    ]
    removed = AuditEvent.objects.get(action="outgoing.attachment_remove")
    assert removed.summary == "Bỏ phụ lục “phu-luc-I.pdf”" and removed.actor == office.specialist


def test_only_the_drafter_and_only_while_editable(office, draft):
    first = draft.attachments.get()
    for user in (office.head, office.leader):
        with pytest.raises(NotAllowed, match="Chỉ người soạn thảo"):
            attachment_remove(actor=office.actor(user), document=draft, attachment=first)
        with pytest.raises(NotAllowed):
            attachment_add(actor=office.actor(user), document=draft, upload=make_pdf())
    outgoing_submit(actor=office.actor(office.specialist), document=draft)
    with pytest.raises(InvalidState, match="bỏ tệp đính kèm"):
        attachment_remove(actor=office.actor(office.specialist), document=draft, attachment=first)
    with pytest.raises(InvalidState):
        attachment_mark(actor=office.actor(office.specialist), document=draft, attachment=first, is_appendix=True)
    assert draft.attachments.count() == 1 and actions(draft) == ["outgoing.attachment_add"]


def test_a_file_of_another_draft_is_refused(office, draft):
    other = outgoing_create(actor=office.actor(office.specialist), data=draft_data(), signer=office.leader, files=[make_pdf()])
    with pytest.raises(ValidationFailed, match="không thuộc dự thảo"):
        attachment_remove(actor=office.actor(office.specialist), document=draft, attachment=other.attachments.get())
    assert OutgoingAttachment.objects.count() == 2


def test_the_edit_page_marks_removes_and_uploads_appendices(client, office, draft):
    me = office.actor(office.specialist)
    second = attachment_add(actor=me, document=draft, upload=make_pdf("bang-bieu.pdf"))
    first = draft.attachments.get(filename="du-thao.pdf")
    client.force_login(office.specialist)
    edit = reverse("outgoing-edit", args=[draft.pk])
    page = client.get(edit).content.decode()
    assert "Tệp của dự thảo" in page and "bang-bieu.pdf" in page and 'name="remove_attachments"' in page
    data = form_data(office, note="Bỏ bảng biểu, thêm phụ lục")
    data |= {"appendix_attachments": [first.pk], "remove_attachments": [second.pk], "files_appendix": "on"}
    data["files"] = [SimpleUploadedFile("phu-luc-II.pdf", PDF_BYTES, content_type="application/pdf")]
    assert client.post(edit, data).status_code == 302
    assert sorted((a.filename, a.is_appendix) for a in draft.attachments.all()) == [
        ("du-thao.pdf", True),
        ("phu-luc-II.pdf", True),
    ]
    detail = client.get(reverse("outgoing-detail", args=[draft.pk])).content.decode()
    assert detail.count('<span class="badge">phụ lục</span>') == 2


def test_a_refused_edit_changes_no_file(client, office, draft):
    """The new version, the removal and the uploads are one step: a bad upload undoes the removal."""
    client.force_login(office.specialist)
    first = draft.attachments.get()
    data = form_data(office, note="Thay tệp") | {"remove_attachments": [first.pk]}
    data["files"] = [SimpleUploadedFile("bao-cao.pdf", b"not a pdf", content_type="application/pdf")]
    refused = client.post(reverse("outgoing-edit", args=[draft.pk]), data)
    assert refused.status_code == 400 and "không khớp với đuôi tệp" in refused.content.decode()
    draft.refresh_from_db()
    assert draft.attachments.get() == first and draft.version == 1
    assert actions(draft) == ["outgoing.attachment_add"]


def test_the_api_adds_marks_and_removes_files(office, draft):
    specialist, head = login("chuyenvien"), login("truongphong")
    url = f"{API}/outgoing/{draft.pk}/attachments/"
    added = specialist.post(url, {"file": make_pdf("phu-luc.pdf"), "is_appendix": "true"}, format="multipart")
    assert added.status_code == 201, added.content
    assert added.json()["filename"] == "phu-luc.pdf" and added.json()["is_appendix"] is True
    one = f"{url}{added.json()['id']}/"
    assert specialist.patch(one, {"is_appendix": False}, format="json").json()["is_appendix"] is False
    listed = specialist.get(f"{API}/outgoing/{draft.pk}/").json()["attachments"]
    assert [(a["filename"], a["is_appendix"]) for a in listed] == [("du-thao.pdf", False), ("phu-luc.pdf", False)]
    refused = head.delete(one)
    assert refused.status_code == 403 and "người soạn thảo" in refused.json()["error"]["message"]
    assert specialist.delete(one).status_code == 204
    assert specialist.delete(one).status_code == 404
    junk = specialist.post(url, {"file": SimpleUploadedFile("x.pdf", b"not a pdf")}, format="multipart")
    assert junk.status_code == 400 and "không phải là tệp .pdf hợp lệ" in junk.json()["error"]["message"]
    assert specialist.post(url, {}, format="multipart").status_code == 400
    outgoing_submit(actor=office.actor(office.specialist), document=draft)
    late = specialist.post(url, {"file": make_pdf()}, format="multipart")
    assert late.status_code == 409 and draft.attachments.count() == 1


def test_the_api_patch_changes_the_files_like_the_edit_page(office, draft):
    """GIVEN a draft with one file WHEN its drafter PATCHes a new version that takes
    it off and uploads a phụ lục THEN the version and the files change together;
    a bad upload in the same PATCH changes nothing (one transaction, in the service)."""
    specialist = login("chuyenvien")
    first = draft.attachments.get()
    url = f"{API}/outgoing/{draft.pk}/"
    junk = SimpleUploadedFile("bao-cao.pdf", b"not a pdf", content_type="application/pdf")
    refused = specialist.patch(url, {"subject": "Trích yếu mới", "remove_attachments": [first.pk], "files": [junk]})
    assert refused.status_code == 400, refused.content
    draft.refresh_from_db()
    assert draft.version == 1 and draft.attachments.get() == first

    body = {"subject": "Trích yếu mới", "remove_attachments": [first.pk], "files": [make_pdf("phu-luc-II.pdf")]}
    done = specialist.patch(url, body | {"files_appendix": "true"}, format="multipart")
    assert done.status_code == 200, done.content
    assert [(a["filename"], a["is_appendix"]) for a in done.json()["attachments"]] == [("phu-luc-II.pdf", True)]
    assert done.json()["version"] == 2 and done.json()["subject"] == "Trích yếu mới"
    assert actions(draft)[-2:] == ["outgoing.attachment_remove", "outgoing.attachment_add"]
    other = specialist.patch(url, {"remove_attachments": [999999]}, format="json")
    assert other.status_code == 400 and "không thuộc dự thảo" in other.json()["error"]["message"]
