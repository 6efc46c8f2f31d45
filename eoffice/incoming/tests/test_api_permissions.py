"""Who sees what through the API: other agencies, specialists and confidential documents."""

from io import BytesIO

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from eoffice.audit.models import AuditEvent
from eoffice.incoming.tests.api_helpers import API, document_json, login
from eoffice.incoming.tests.helpers import name_grantor, registration_year

pytestmark = pytest.mark.django_db


def register(client, **overrides) -> dict:
    response = client.post(f"{API}/incoming/", document_json(**overrides), format="json")
    assert response.status_code == 201, response.content
    return response.json()


def post(client, path: str, body: dict):
    return client.post(f"{API}/{path}", body, format="json")


def direct(clerk, leader, document: dict, lead_unit: str, **extra) -> dict:
    assert post(clerk, f"incoming/{document['id']}/submit/", {"leader": "chanhvp"}).status_code == 200
    response = post(leader, f"incoming/{document['id']}/direct/", {"opinion": "Đề nghị xử lý", "lead_unit": lead_unit, **extra})
    assert response.status_code == 200, response.content
    return response.json()


def numbers(client) -> list[str]:
    response = client.get(f"{API}/incoming/")
    assert response.status_code == 200, response.content
    return sorted(d["code_number"] for d in response.json()["results"])


def register_rows(client, year: int | None = None) -> list[tuple]:
    response = client.get(f"{API}/incoming/register.xlsx", {"year": year or registration_year()})
    assert response.status_code == 200, response.content
    sheet = load_workbook(BytesIO(response.content)).active
    return [row for row in sheet.iter_rows(min_row=5, values_only=True) if any(row)]


def assert_not_found(response):
    assert response.status_code == 404, response.content
    assert response.json()["error"]["code"] == "not_found"


@pytest.fixture
def people(cast):
    return {name: login(name) for name in ("vanthu", "chanhvp", "truongphong", "chuyenvien", "truongkt", "vanthu2")}


ACTIONS = [
    ("submit", {"leader": "chanhvp"}),
    ("return", {"reason": "Không thuộc thẩm quyền"}),
    ("recall", {"reason": "Cơ quan ban hành thu hồi"}),
    ("direct", {"opinion": "Giao TH", "lead_unit": "TH"}),
    ("grant", {"user": "vanthu2"}),
]


def test_an_outsider_cannot_see_or_act_on_the_offices_document(people):
    """GIVEN a document of the office, directed to TH
    WHEN the clerk of another agency asks for it or calls any action on it
    THEN every answer is 404, as if it did not exist, and the office's
    documents are absent from the outsider's list."""
    clerk, leader, outsider = people["vanthu"], people["chanhvp"], people["vanthu2"]
    document = direct(clerk, leader, register(clerk), "TH")
    lead = next(a for a in document["assignments"] if a["kind"] == "lead")
    register(outsider, code_number="77", organ_name="UBND quận Ngô Quyền")

    assert_not_found(outsider.get(f"{API}/incoming/{document['id']}/"))
    for name, body in ACTIONS:
        assert_not_found(post(outsider, f"incoming/{document['id']}/{name}/", body))
    for name, body in [("reassign", {"user": "vanthu2"}), ("progress", {"note": "x"}), ("complete", {"proposal": "x"})]:
        assert_not_found(post(outsider, f"assignments/{lead['id']}/{name}/", body))
    assert numbers(outsider) == ["77"]
    assert outsider.get(f"{API}/assignments/", {"tab": "waiting"}).json()["results"] == []
    assert [(row[1], row[2], row[3]) for row in register_rows(outsider)] == [(1, "UBND quận Ngô Quyền", "77/SXD-QLXD")]

    assert numbers(clerk) == ["125"]
    assert clerk.get(f"{API}/incoming/{document['id']}/").json()["status"] == "directed"


def test_each_agency_numbers_its_own_register(people):
    assert register(people["vanthu"])["arrival_number"] == 1
    assert register(people["vanthu2"])["arrival_number"] == 1


def test_a_specialist_sees_only_the_documents_assigned_to_them(people):
    """GIVEN one document passed by the TH head to the specialist, one directed
    to the KT unit and one only registered
    WHEN the TH specialist lists documents
    THEN only the first is there, and the others give 404."""
    clerk, leader = people["vanthu"], people["chanhvp"]
    mine = direct(clerk, leader, register(clerk, code_number="1"), "TH")
    lead = next(a for a in mine["assignments"] if a["kind"] == "lead")
    assert post(people["truongphong"], f"assignments/{lead['id']}/reassign/", {"user": "chuyenvien"}).status_code == 200
    other_unit = direct(clerk, leader, register(clerk, code_number="2"), "KT")
    only_registered = register(clerk, code_number="3")

    specialist = people["chuyenvien"]
    assert numbers(specialist) == ["1"]
    assert specialist.get(f"{API}/incoming/{mine['id']}/").status_code == 200
    assert_not_found(specialist.get(f"{API}/incoming/{other_unit['id']}/"))
    assert_not_found(specialist.get(f"{API}/incoming/{only_registered['id']}/"))
    assert [r[1] for r in register_rows(specialist)] == [1]

    assert numbers(people["truongkt"]) == ["2"]
    assert numbers(people["truongphong"]) == ["1"]
    assert numbers(leader) == numbers(clerk) == ["1", "2", "3"]


def test_a_confidential_document_is_hidden_until_granted(people):
    """GIVEN a confidential (mật) document registered by the clerk, whom the
    agency named to grant readers (the permission), and granting confirmed
    WHEN the leader, the unit head and the specialist look for it
    THEN it is absent from their lists and gives them 404, until the clerk
    grants the leader and the unit head, and the granted leader grants the
    specialist; it never appears in the ordinary register export."""
    clerk, leader, head, specialist = people["vanthu"], people["chanhvp"], people["truongphong"], people["chuyenvien"]
    name_grantor("vanthu")
    register(clerk, code_number="1")
    secret = register(clerk, code_number="2", confidentiality=1)
    assert secret["arrival_number"] == 1 and secret["register"] != register(clerk, code_number="3")["register"]
    url = f"{API}/incoming/{secret['id']}/"

    assert numbers(clerk) == ["1", "2", "3"]
    for client in (leader, head, specialist):
        assert "2" not in numbers(client)
        assert_not_found(client.get(url))
        assert_not_found(post(client, f"incoming/{secret['id']}/grant/", {"user": "chuyenvien", "confirm": True}))

    unconfirmed = post(clerk, f"incoming/{secret['id']}/grant/", {"user": "chanhvp"})
    assert unconfirmed.status_code == 400 and "confirm" in unconfirmed.json()["error"]["fields"]
    assert post(clerk, f"incoming/{secret['id']}/grant/", {"user": "chanhvp", "confirm": True}).status_code == 200
    assert post(clerk, f"incoming/{secret['id']}/grant/", {"user": "truongphong", "confirm": True}).status_code == 200
    assert "2" in numbers(leader) and leader.get(url).status_code == 200
    assert numbers(head) == ["2"] and head.get(url).status_code == 200
    assert_not_found(specialist.get(url))

    refused = post(head, f"incoming/{secret['id']}/grant/", {"user": "chuyenvien", "confirm": True})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "permission_denied"
    assert post(leader, f"incoming/{secret['id']}/grant/", {"user": "chuyenvien", "confirm": True}).status_code == 200
    assert numbers(specialist) == ["2"] and specialist.get(url).status_code == 200

    trace = clerk.get(url).json()["trace"]
    assert [t["action"] for t in trace] == ["register", "grant", "grant", "grant"]
    assert AuditEvent.objects.filter(action="incoming.read_confidential").exists()
    for client in (clerk, leader, head, specialist):
        assert [row[3] for row in register_rows(client)] == (["1/SXD-QLXD", "3/SXD-QLXD"] if client in (clerk, leader) else [])


def test_access_to_a_confidential_document_is_granted_only_within_the_agency(people):
    secret = register(people["vanthu"], confidentiality=2)
    name_grantor("vanthu")
    response = post(people["vanthu"], f"incoming/{secret['id']}/grant/", {"user": "vanthu2", "confirm": True})
    assert response.status_code == 400 and "user" in response.json()["error"]["fields"]
    assert_not_found(people["vanthu2"].get(f"{API}/incoming/{secret['id']}/"))


def test_submitting_a_confidential_document_lets_the_leader_see_it(people):
    clerk, leader = people["vanthu"], people["chanhvp"]
    secret = register(clerk, confidentiality=1)
    assert_not_found(leader.get(f"{API}/incoming/{secret['id']}/"))
    assert post(clerk, f"incoming/{secret['id']}/submit/", {"leader": "chanhvp"}).status_code == 200
    assert leader.get(f"{API}/incoming/{secret['id']}/").status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "incoming/"),
        ("post", "incoming/"),
        ("get", "incoming/1/"),
        ("post", "incoming/1/submit/"),
        ("post", "incoming/1/grant/"),
        ("get", "incoming/register.xlsx?year=2026"),
        ("get", "assignments/?tab=waiting"),
        ("post", "assignments/1/complete/"),
        ("get", "registry-queue/"),
        ("get", "calendar/working-days/?start=2026-02-13&add=1"),
    ],
)
def test_an_anonymous_request_gets_401(cast, method, path):
    response = getattr(APIClient(), method)(f"{API}/{path}")
    assert response.status_code == 401, response.content
    assert response.json()["error"]["code"] == "not_authenticated"


def test_an_unknown_authorization_scheme_gets_401(cast):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer abc")
    assert client.get(f"{API}/incoming/").status_code == 401
