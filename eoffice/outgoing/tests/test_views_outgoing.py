"""The outgoing pages: work list, draft form, document page and its buttons."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eoffice.conftest import incoming_data
from eoffice.incoming.handling.assignments import assignment_reassign
from eoffice.incoming.handling.services import incoming_direct, incoming_submit
from eoffice.incoming.models import Status as InStatus
from eoffice.incoming.receiving.services import incoming_register
from eoffice.outgoing import chain
from eoffice.outgoing.documents.worklist import waiting_for
from eoffice.outgoing.drafting.services import outgoing_create
from eoffice.outgoing.models import OutgoingDocument, Status
from eoffice.outgoing.tests.conftest import draft_data, registered_copy

pytestmark = pytest.mark.django_db


def form_data(office, **overrides) -> dict:
    data = draft_data() | {"signer": office.leader.pk, "priority": 0, "confidentiality": 0}
    data |= {"issued_amount": 1, "recipients": [office.other.pk]}
    return {key: value for key, value in (data | overrides).items() if value is not None}


def page(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


def post(client, user, name, pk, data=None):
    client.force_login(user)
    return client.post(reverse(name, args=[pk]), data or {})


def text(response) -> str:
    return response.content.decode()


def assigned_letter(c):
    """An incoming letter directed to Phòng Tổng hợp and given to its specialist."""
    letter = incoming_register(actor=c.actor(c.clerk), data=incoming_data())
    incoming_submit(actor=c.actor(c.clerk), document=letter, leader=c.leader)
    lead = incoming_direct(actor=c.actor(c.leader), document=letter, opinion="Phòng TH dự thảo trả lời.", lead_unit=c.tonghop)[0]
    assignment_reassign(actor=c.actor(c.head), assignment=lead, user=c.specialist)
    return letter


def test_the_form_starts_from_the_template_of_the_chosen_type(client, office):
    body = text(page(client, office.specialist, "outgoing-create", loai="Quyết định"))
    assert "Điều 1." in body and 'value="Quyết định" selected' in body
    assert page(client, office.clerk, "outgoing-create").status_code == 404  # the registry has no drafting unit


def test_a_draft_with_an_empty_subject_is_refused_and_keeps_what_was_typed(client, office):
    client.force_login(office.specialist)
    response = client.post(reverse("outgoing-create"), form_data(office, subject=""))
    assert response.status_code == 400
    assert "Trường này là bắt buộc" in text(response) and "đề nghị Sở Xây dựng hoàn thiện hồ sơ" in text(response)
    assert not OutgoingDocument.objects.exists()


def test_the_story_through_the_pages(client, office, django_capture_on_commit_callbacks):
    """Draft → return with a comment → new version → content, format → sign → issue,
    each person finding the document in their "Chờ tôi xử lý" list."""
    c = office
    letter = assigned_letter(c)
    client.force_login(c.specialist)
    response = client.post(reverse("outgoing-create"), form_data(c, answers=[letter.pk]))
    assert response.status_code == 302
    doc = OutgoingDocument.objects.get()
    assert post(client, c.specialist, "outgoing-submit", doc.pk).status_code == 302

    assert doc.subject in text(page(client, c.head, "outgoing-list"))
    refused = post(client, c.head, "outgoing-return", doc.pk, {"return-comment": ""})
    assert refused.status_code == 400 and "Trả lại người soạn thảo" in text(refused)
    post(client, c.head, "outgoing-return", doc.pk, {"return-comment": "Bổ sung thời hạn."})
    doc.refresh_from_db()
    assert doc.status == Status.RETURNED

    edit = reverse("outgoing-edit", args=[doc.pk])
    client.force_login(c.specialist)
    changed = form_data(c, body=doc.body + "\nThời hạn: trước ngày 15/12/2026./.", answers=[letter.pk], note="Theo ý kiến")
    assert client.post(edit, changed).status_code == 302
    post(client, c.specialist, "outgoing-submit", doc.pk)
    for user, step in ((c.head, "Lãnh đạo đơn vị duyệt nội dung"), (c.checker, "Kiểm tra thể thức")):
        listing = text(page(client, user, "outgoing-list"))
        assert doc.subject in listing and f"chờ: {step}" in listing
        assert post(client, user, "outgoing-approve", doc.pk).status_code == 302
    detail = text(page(client, c.leader, "outgoing-detail", doc.pk))
    assert "Ký số" in detail and "Bổ sung thời hạn." in detail and "Phiên bản 2" in detail
    assert post(client, c.leader, "outgoing-sign", doc.pk).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, c.clerk, "outgoing-issue", doc.pk)
    doc.refresh_from_db()
    assert response.status_code == 302 and doc.status == Status.ISSUED and doc.code_number == "01"
    detail = text(client.get(response.url, follow=True))
    assert "Đã cấp số 01/VP-TH" in detail and detail.count('data-intact="yes"') == 2
    letter.refresh_from_db()
    assert letter.status == InStatus.DONE
    assert client.get(reverse("outgoing-pdf", args=[doc.pk]))["Content-Type"] == "application/pdf"
    assert client.get(reverse("outgoing-docx", args=[doc.pk])).content[:2] == b"PK"
    assert client.get(reverse("outgoing-page", args=[doc.pk, 1])).content[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get(reverse("outgoing-page", args=[doc.pk, 9])).status_code == 404


def test_out_of_turn_the_button_is_refused_with_the_reason(client, office):
    c = office
    doc = outgoing_create(actor=c.actor(c.specialist), data=draft_data(), signer=c.leader)
    post(client, c.specialist, "outgoing-submit", doc.pk)
    assert "outgoing-approve" not in text(page(client, c.checker, "outgoing-detail", doc.pk))
    response = post(client, c.checker, "outgoing-approve", doc.pk)
    assert response.status_code == 403 and "Chưa đến lượt" in text(response)
    response = post(client, c.leader, "outgoing-sign", doc.pk)  # a button without a form: the reason as a message
    assert response.status_code == 409 and 'role="alert">Dự thảo chưa được duyệt đủ' in text(response)


def test_the_waiting_list_agrees_with_who_may_act(office):
    """For documents at every step, "Chờ tôi xử lý" holds exactly what chain.may_act allows."""
    c = office
    docs = [outgoing_create(actor=c.actor(c.specialist), data=draft_data(subject=f"Việc {i}"), signer=c.leader) for i in range(4)]
    from eoffice.outgoing.review.services import outgoing_approve, outgoing_return, outgoing_submit

    for doc in docs[1:]:
        outgoing_submit(actor=c.actor(c.specialist), document=doc)
    outgoing_return(actor=c.actor(c.head), document=docs[1], comment="Sửa lại.")
    outgoing_approve(actor=c.actor(c.head), document=docs[2])
    outgoing_approve(actor=c.actor(c.head), document=docs[3])
    outgoing_approve(actor=c.actor(c.checker), document=docs[3])
    people = [c.specialist, c.head, c.checker, c.leader, c.clerk, c.kt_head]
    for user in people:
        actor = c.actor(user)
        listed = set(waiting_for(actor).values_list("pk", flat=True))
        allowed = {d.pk for d in OutgoingDocument.objects.all() if chain.may_act(actor, d)}
        assert listed == allowed, user.username
    assert set(waiting_for(c.actor(c.leader)).values_list("pk", flat=True)) == {docs[3].pk}


def test_a_correction_starts_from_the_original_and_must_be_filled(client, office, issued):
    c = office
    response = post(client, c.specialist, "outgoing-correct", issued.pk)
    correction = OutgoingDocument.objects.get(corrects=issued)
    assert response.url == reverse("outgoing-edit", args=[correction.pk])
    assert correction.type_name == "Công văn" and "01/VP-TH" in correction.subject
    assert set(correction.recipients.values_list("agency", flat=True)) == {c.other.pk}
    refused = post(client, c.specialist, "outgoing-submit", correction.pk)
    assert refused.status_code == 400 and "còn đoạn mẫu chưa điền" in text(refused)
    assert text(page(client, c.specialist, "outgoing-detail", issued.pk)).count(correction.subject) == 0
    assert "Đã có văn bản đính chính" in text(page(client, c.specialist, "outgoing-detail", issued.pk))


def test_signature_check_of_an_uploaded_pdf(client, office, issued):
    data = issued.issued_file.file.open("rb").read()
    client.force_login(office.head)
    url = reverse("signature-verify")
    ok = client.post(url, {"file": SimpleUploadedFile("vb.pdf", data, content_type="application/pdf")})
    assert ok.status_code == 200 and text(ok).count('data-intact="yes"') == 2
    index = len(data) // 3  # inside the signed page content
    tampered = data[:index] + bytes([data[index] ^ 1]) + data[index + 1 :]
    bad = client.post(url, {"file": SimpleUploadedFile("vb.pdf", tampered, content_type="application/pdf")})
    assert 'data-intact="no"' in text(bad) or "hỏng" in text(bad)
    junk = client.post(url, {"file": SimpleUploadedFile("vb.pdf", b"not a pdf at all", content_type="application/pdf")})
    assert junk.status_code == 400 and "PDF" in text(junk)


def test_the_recipient_checks_the_signatures_of_the_copy_it_received(client, office, issued):
    copy = registered_copy(office, issued)
    attachment = copy.attachments.get()
    response = page(client, office.outsider, "incoming-file-signatures", copy.pk, attachment.pk)
    assert response.status_code == 200 and text(response).count('data-trusted="yes"') == 2
    assert page(client, office.specialist, "incoming-file-signatures", copy.pk, attachment.pk).status_code == 404


def test_others_do_not_see_a_draft(client, office):
    doc = outgoing_create(actor=office.actor(office.specialist), data=draft_data(), signer=office.leader)
    for name in ("outgoing-detail", "outgoing-pdf", "outgoing-docx", "outgoing-edit"):
        assert page(client, office.kt_specialist, name, doc.pk).status_code == 404
    assert post(client, office.kt_specialist, "outgoing-submit", doc.pk).status_code == 404
    assert page(client, office.kt_specialist, "outgoing-page", doc.pk, 1).status_code == 404
    assert page(client, office.head, "outgoing-edit", doc.pk).status_code == 404  # sees it, may not edit it


def test_the_menu_shows_how_many_documents_wait(client, office):
    doc = outgoing_create(actor=office.actor(office.specialist), data=draft_data(), signer=office.leader)
    post(client, office.specialist, "outgoing-submit", doc.pk)
    menu = text(page(client, office.head, "inbox"))
    assert 'title="Chờ tôi xử lý">1</span>' in menu
    assert 'title="Chờ tôi xử lý"' not in text(page(client, office.checker, "inbox"))


def test_the_pages_switch_to_english(client, office, issued):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    listing = text(page(client, office.clerk, "outgoing-list", tab="issued"))
    assert ">Waiting for me" in listing and "Chờ tôi xử lý" not in listing
    detail = text(page(client, office.clerk, "outgoing-detail", issued.pk))
    assert "Digital signatures" in detail and "Recall the document" in detail and "Chữ ký số" not in detail


def test_an_issued_document_offers_its_signed_pdf_not_an_editable_docx(client, office, issued):
    client.force_login(office.clerk)
    page = client.get(reverse("outgoing-detail", args=[issued.pk])).content.decode()
    assert reverse("outgoing-docx", args=[issued.pk]) not in page and "Tải bản DOCX để chỉnh sửa" not in page
    assert "Mở bản gốc (PDF có chữ ký số)" in page
    draft = outgoing_create(actor=office.actor(office.specialist), data=draft_data(), signer=office.leader)
    client.force_login(office.specialist)
    assert "Tải bản DOCX để chỉnh sửa" in client.get(reverse("outgoing-detail", args=[draft.pk])).content.decode()


def next_handler_line(client, document) -> str:
    import re

    html = client.get(reverse("outgoing-detail", args=[document.pk])).content.decode()
    found = re.search(r'<p id="next-actors">(.*?)</p>', html, re.S)
    assert found, "the page names the next handler"
    return re.sub(r"<[^>]+>", "", found.group(1))


def test_a_draft_says_it_is_not_submitted_and_to_whom_it_will_go_not_its_drafter(client, office):
    from eoffice.outgoing.review.services import outgoing_return, outgoing_submit

    c = office
    doc = outgoing_create(actor=c.actor(c.specialist), data=draft_data(), signer=c.leader)
    client.force_login(c.specialist)
    line = next_handler_line(client, doc)
    assert line == "Người xử lý tiếp theo: Chưa trình — khi trình, dự thảo sẽ đến Nguyễn Văn truongphong"
    assert "chuyenvien" not in line  # the drafter
    outgoing_submit(actor=c.actor(c.specialist), document=doc)
    assert next_handler_line(client, doc) == "Người xử lý tiếp theo: Nguyễn Văn truongphong"
    outgoing_return(actor=c.actor(c.head), document=doc, comment="Sửa lại trích yếu.")
    assert next_handler_line(client, doc).startswith("Người xử lý tiếp theo: Chưa trình — khi trình, dự thảo sẽ đến")


def test_a_draft_whose_chain_has_nobody_at_its_first_step_says_only_not_submitted(client, office):
    c = office
    doc = outgoing_create(actor=c.actor(c.kt_specialist), data=draft_data(), signer=c.leader)
    c.kt_head.memberships.update(role="specialist")  # Phòng Kinh tế has no head today
    client.force_login(c.kt_specialist)
    assert next_handler_line(client, doc) == "Người xử lý tiếp theo: Chưa trình"


def test_the_form_offers_only_agencies_that_can_receive_a_package(client, office):
    from eoffice.organisation.models import Agency

    school = Agency.objects.create(name="Trường THPT Lê Quý Đôn", short_name="LQD")  # no mã định danh: paper only
    body = text(page(client, office.specialist, "outgoing-create"))
    assert f'value="{office.other.pk}"' in body and f'value="{school.pk}"' not in body
    response = client.post(reverse("outgoing-create"), form_data(office) | {"recipients": [school.pk]})
    assert response.status_code == 400 and not OutgoingDocument.objects.exists()
    assert client.post(reverse("outgoing-create"), form_data(office)).status_code == 302  # the same form, without it


def test_both_registers_answer_without_the_trailing_slash(client, office):
    client.force_login(office.clerk)
    for url in ("/van-ban-den/so-dang-ky", "/van-ban-di/so-dang-ky"):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (301, f"{url}/")
        assert client.get(f"{url}/").status_code == 200
