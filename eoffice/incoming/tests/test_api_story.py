"""The whole life of an incoming document through the HTTP API, with tokens."""

import pytest
from rest_framework.test import APIClient

from eoffice.conftest import make_pdf
from eoffice.incoming.models import IncomingDocument
from eoffice.incoming.tests.api_helpers import API, PASSWORD, document_json, login

pytestmark = pytest.mark.django_db


def document_fields(**overrides) -> dict:
    """Every Appendix VI field the API takes, filled in."""
    full = {
        "language": "Tiếng Việt",
        "page_amount": 2,
        "description": "Bản chính",
        "signer_position": "Giám đốc",
        "signer_full_name": "Trần Văn B",
        "priority": 1,
        "confidentiality": 0,
        "to_places": "UBND thành phố",
        "due_date": "2026-03-20",
    }
    return document_json(**{**full, **overrides})


def test_a_clerk_gets_a_token_with_a_username_and_password(cast):
    response = APIClient().post(f"{API}/auth/token/", {"username": "vanthu", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert {"token", "id", "name", "expiry"} <= set(body) and len(body["token"]) >= 20 and body["token"].startswith(body["id"])


def test_the_whole_story_from_upload_to_done_through_the_api(cast):
    """GIVEN the office's clerk, leader, unit head and specialist with tokens
    WHEN the clerk registers a document by uploading a PDF and submits it, the
    leader directs it to TH with KT coordinating in 5 working days, the TH head
    finds the lead task in the waiting tab and passes it to the specialist, who
    records progress and completes it, and the head accepts it
    THEN the document is done and its trace lists every step in order."""
    clerk = login("vanthu")
    response = clerk.post(f"{API}/incoming/", {**document_fields(), "files": [make_pdf("cong-van-125.pdf")]}, format="multipart")
    assert response.status_code == 201, response.content
    document = response.json()
    assert document["arrival_number"] == 1
    assert document["status"] == "registered"
    assert [a["filename"] for a in document["attachments"]] == ["cong-van-125.pdf"]
    assert document["attachments"][0]["content_type"] == "application/pdf"
    assert len(document["attachments"][0]["sha256"]) == 64
    url = f"{API}/incoming/{document['id']}"

    response = clerk.post(f"{url}/submit/", {"leader": "chanhvp", "note": "Kính trình Chánh Văn phòng"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "submitted"

    leader = login("chanhvp")
    waiting = leader.get(f"{API}/assignments/", {"tab": "waiting"}).json()["results"]
    assert [(a["document"], a["kind"], a["user"]) for a in waiting] == [(document["id"], "review", "chanhvp")]
    response = leader.post(
        f"{url}/direct/",
        {
            "opinion": "Giao Phòng Tổng hợp chủ trì, Phòng Kinh tế phối hợp",
            "lead_unit": "TH",
            "coordinating_units": ["KT"],
            "deadline_days": 5,
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    directed = response.json()
    assert directed["status"] == "directed"
    open_tasks = {(a["kind"], a["unit"]) for a in directed["assignments"] if a["is_open"]}
    assert open_tasks == {("lead", "TH"), ("coordinate", "KT")}

    head = login("truongphong")
    waiting = head.get(f"{API}/assignments/", {"tab": "waiting"}).json()["results"]
    assert [(a["document"], a["kind"], a["unit"], a["user"]) for a in waiting] == [(document["id"], "lead", "TH", None)]
    lead = waiting[0]
    response = head.post(f"{API}/assignments/{lead['id']}/reassign/", {"user": "chuyenvien", "note": "Em xử lý"}, format="json")
    assert response.status_code == 200, response.content
    task = response.json()
    assert (task["user"], task["parent"], task["kind"], task["deadline"]) == ("chuyenvien", lead["id"], "lead", lead["deadline"])

    specialist = login("chuyenvien")
    waiting = specialist.get(f"{API}/assignments/", {"tab": "waiting"}).json()["results"]
    assert [a["id"] for a in waiting] == [task["id"]]
    response = specialist.post(
        f"{API}/assignments/{task['id']}/progress/", {"note": "Đã làm việc với Sở Xây dựng"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_progress"
    response = specialist.post(
        f"{API}/assignments/{task['id']}/complete/",
        {"proposal": "Đề xuất trả lời bằng công văn", "answer_reference": "Công văn 45/VP-TH"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["is_open"]) == ("done", False)
    assert clerk.get(f"{url}/").json()["status"] == "in_progress"  # until the unit head accepts
    response = head.post(f"{API}/assignments/{lead['id']}/accept/", {"note": "Đồng ý"}, format="json")
    assert response.status_code == 200, response.content

    final = clerk.get(f"{url}/").json()
    assert final["status"] == "done"
    assert final["answer_reference"] == "Công văn 45/VP-TH"
    assert [(t["action"], t["actor"]) for t in final["trace"]] == [
        ("register", "vanthu"),
        ("submit", "vanthu"),
        ("direct", "chanhvp"),
        ("reassign", "truongphong"),
        ("progress", "chuyenvien"),
        ("complete", "chuyenvien"),
        ("accept", "truongphong"),
        ("done", "truongphong"),
    ]
    assert [a["id"] for a in specialist.get(f"{API}/assignments/", {"tab": "done"}).json()["results"]] == [task["id"]]
    assert head.get(f"{API}/assignments/", {"tab": "waiting"}).json()["results"] == []


def test_a_clerk_registers_with_json_and_every_appendix_vi_field_comes_back(cast):
    clerk = login("vanthu")
    sent = document_fields()
    response = clerk.post(f"{API}/incoming/", sent, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert {name: body[name] for name in sent} == sent
    assert body["arrival_number"] == 1 and body["status"] == "registered" and body["attachments"] == []
    assert [t["action"] for t in body["trace"]] == ["register"]

    second = clerk.post(f"{API}/incoming/", document_fields(code_number="126"), format="json")
    assert second.status_code == 201 and second.json()["arrival_number"] == 2
    assert IncomingDocument.objects.count() == 2


def test_the_list_filters_by_status_year_and_search_text_without_diacritics(cast):
    clerk = login("vanthu")
    first = clerk.post(f"{API}/incoming/", document_fields(), format="json").json()
    clerk.post(
        f"{API}/incoming/",
        document_fields(code_number="7", subject="Về việc tổ chức hội nghị", issued_date="2025-12-01", arrival_date="2025-12-02"),
        format="json",
    )
    clerk.post(f"{API}/incoming/{first['id']}/submit/", {"leader": "chanhvp"}, format="json")

    def ids(**params):
        return [d["code_number"] for d in clerk.get(f"{API}/incoming/", params).json()["results"]]

    assert clerk.get(f"{API}/incoming/").json()["count"] == 2
    assert ids() == ["125", "7"]
    assert ids(status="submitted") == ["125"]
    assert ids(year=2025) == ["7"]
    assert ids(q="trat tu xay dung") == ["125"]
    assert ids(q="hoi nghi") == ["7"]
    assert ids(date_from="2026-01-01") == ["125"]
