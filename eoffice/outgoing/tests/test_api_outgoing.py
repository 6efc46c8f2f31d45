"""The outgoing story through /api/v1/outgoing/ with tokens."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from eoffice.incoming.tests.api_helpers import API, login
from eoffice.outgoing.drafting.templating import starter
from eoffice.outgoing.tests.conftest import draft_data

pytestmark = pytest.mark.django_db


def post(client, url, body=None):
    return client.post(url, body or {}, format="json")


def test_the_story_through_the_api(office, django_capture_on_commit_callbacks):
    specialist, head, checker, leader, clerk = (login(u) for u in ("chuyenvien", "truongphong", "kiemtra", "chanhvp", "vanthu"))
    created = post(specialist, f"{API}/outgoing/", draft_data(signer="chanhvp", recipients=["SXD", "000.00.00.G15"]))
    assert created.status_code == 201, created.content
    url = f"{API}/outgoing/{created.json()['id']}"
    assert created.json()["next_actors"] == ["chuyenvien"]

    assert post(specialist, f"{url}/submit/").json()["next_actors"] == ["truongphong"]
    out_of_turn = post(checker, f"{url}/approve/")
    assert out_of_turn.status_code == 403 and out_of_turn.json()["error"]["code"] == "permission_denied"
    returned = post(head, f"{url}/return/", {"comment": "Bổ sung căn cứ."})
    assert returned.json()["status"] == "returned" and returned.json()["comments"][0]["text"] == "Bổ sung căn cứ."
    patched = specialist.patch(f"{url}/", {"subject": "Trả lời về việc cấp phép xây dựng (bổ sung)"}, format="json")
    assert patched.status_code == 200 and patched.json()["version"] == 2
    post(specialist, f"{url}/submit/")
    post(head, f"{url}/approve/")
    assert post(checker, f"{url}/approve/").json()["next_actors"] == ["chanhvp"]
    assert post(clerk, f"{url}/issue/").status_code == 404  # the registry sees it once signed
    early = post(specialist, f"{url}/issue/")
    assert early.status_code == 403 and "văn thư" in early.json()["error"]["message"]
    assert post(leader, f"{url}/sign/").json()["status"] == "signed"
    with django_capture_on_commit_callbacks(execute=True):
        issued = post(clerk, f"{url}/issue/")
    assert issued.status_code == 200, issued.content
    assert (issued.json()["code_number"], issued.json()["code_notation"]) == ("01", "VP-TH")
    assert {r["status"] for r in issued.json()["recipients"]} == {"queued"}  # sent by a job after commit
    assert {r["status"] for r in clerk.get(f"{url}/").json()["recipients"]} == {"delivered", "sent"}  # the job ran
    twice = post(clerk, f"{url}/issue/")
    assert twice.status_code == 409 and "đã được ban hành" in twice.json()["error"]["message"]

    pdf = clerk.get(f"{url}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    assert "/VP-TH" in reader.pages[0].extract_text()
    assert reader.get_fields()["eoffice_number"]["/V"] == "01"  # filled in at issuance, over the signed PDF
    docx = clerk.get(f"{url}/docx/")
    assert any(
        "Số: 01/VP-TH" in p.text for t in Document(io.BytesIO(docx.content)).tables for c in t._cells for p in c.paragraphs
    )


def test_outsiders_do_not_see_drafts(office):
    created = post(login("chuyenvien"), f"{API}/outgoing/", draft_data(signer="chanhvp"))
    url = f"{API}/outgoing/{created.json()['id']}/"
    assert login("vanthu2").get(url).status_code == 404  # another agency
    assert login("chuyenvienkt").get(url).status_code == 404  # another unit's specialist
    assert login("vanthu").get(url).status_code == 404  # the registry sees it once signed
    assert login("truongphong").get(url).status_code == 200  # head of the drafting unit
    assert login("vanthu2").get(f"{API}/outgoing/").json()["count"] == 0


def test_bad_draft_input_gets_vietnamese_messages(office):
    client = login("chuyenvien")
    bad = post(client, f"{API}/outgoing/", draft_data(signer="chanhvp", type_name="Công văn hỏa tốc", subject=""))
    assert bad.status_code == 400
    assert set(bad.json()["error"]["fields"]) >= {"type_name", "subject"}
    not_a_signer = post(client, f"{API}/outgoing/", draft_data(signer="chuyenvienkt"))
    assert not_a_signer.status_code == 400 and "Người ký" in not_a_signer.json()["error"]["message"]
    created = post(client, f"{API}/outgoing/", draft_data(signer="chanhvp", body=starter("Công văn")["body"]))
    unfilled = post(client, f"{API}/outgoing/{created.json()['id']}/submit/")
    assert unfilled.status_code == 400 and "mẫu chưa điền" in unfilled.json()["error"]["fields"]["body"][0]


def test_a_correction_through_the_api(office, issued):
    specialist = login("chuyenvien")
    url = f"{API}/outgoing/{issued.pk}"
    draft = post(specialist, f"{API}/outgoing/", draft_data(signer="chanhvp")).json()
    too_early = post(specialist, f"{API}/outgoing/{draft['id']}/correct/")
    assert too_early.status_code == 409 and "đính chính" in too_early.json()["error"]["message"]
    created = post(specialist, f"{url}/correct/")
    assert created.status_code == 201, created.content
    draft = created.json()
    assert (draft["corrects"], draft["type_name"], draft["status"]) == (issued.pk, "Công văn", "draft")
    assert specialist.get(f"{url}/").json()["corrections"] == [draft["id"]]
    unfilled = post(specialist, f"{API}/outgoing/{draft['id']}/submit/")
    assert unfilled.status_code == 400 and "body" in unfilled.json()["error"]["fields"]
    assert post(login("vanthu2"), f"{url}/correct/").status_code == 404


def test_a_blank_signer_position_takes_the_signers_title(office):
    body = draft_data(signer="chanhvp") | {"signer_position": ""}
    created = post(login("chuyenvien"), f"{API}/outgoing/", body)
    assert created.status_code == 201 and created.json()["signer_position"] == "Chánh Văn phòng"
