"""Search through the API and the page: results, facets and suggestions hold
only what the user may see; bad input gets an answer, never a 500."""

import unicodedata
from datetime import date

import pytest
from django.urls import reverse

from eoffice.conftest import incoming_data
from eoffice.incoming.handling.services import incoming_grant_access
from eoffice.incoming.receiving.services import incoming_register
from eoffice.incoming.tests.api_helpers import API, login
from eoffice.incoming.tests.helpers import name_grantor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def letters(cast):
    clerk = cast.actor(cast.clerk)
    cast.open = incoming_register(
        actor=clerk,
        data=incoming_data(
            type_name="Quyết định", code_number="123", code_notation="QĐ-UBND", subject="Về việc thu hồi đất phường Thủy Xuân"
        ),
    )
    cast.secret = incoming_register(
        actor=clerk,
        data=incoming_data(
            code_number="77", code_notation="CA-PV01", subject="Về việc bảo vệ mục tiêu thủy điện", confidentiality=1
        ),
    )
    name_grantor(cast.clerk.username)  # the agency named its registry to grant readers
    incoming_grant_access(actor=clerk, document=cast.secret, user=cast.kt_specialist, confirm=True)
    return cast


def test_the_clerk_finds_the_decision_however_it_is_typed(letters):
    clerk = login("vanthu")
    for q in ("quyet dinh thu hoi dat phuong thuy xuan", "123/QĐ-UBND", "123 qd ubnd", "Thuỷ Xuân", "thu hồi đất"):
        body = clerk.get(f"{API}/search/", {"q": q}).json()
        assert body["hits"] and body["hits"][0]["key"] == f"incoming:{letters.open.pk}", q
    hit = clerk.get(f"{API}/search/", {"q": "thuy xuan"}).json()["hits"][0]
    assert "<mark>Thủy</mark> <mark>Xuân</mark>" in hit["subject_html"]


def test_nothing_leaks_through_results_counts_facets_or_suggestions(letters):
    stranger = login("chuyenvien")  # no grant on the confidential letter, not assigned the other
    body = stranger.get(f"{API}/search/", {"q": "thủy"}).json()
    assert (body["total"], body["hits"]) == (0, []) and all(not values for values in body["facets"].values())
    assert stranger.get(f"{API}/search/suggest/", {"q": "bảo v"}).json() == {"suggestions": []}
    granted = login("chuyenvienkt").get(f"{API}/search/", {"q": "thủy"}).json()
    assert [h["key"] for h in granted["hits"]] == [f"incoming:{letters.secret.pk}"]
    assert granted["facets"]["type_name"] == [{"value": "Công văn", "count": 1}]
    suggestions = login("chuyenvienkt").get(f"{API}/search/suggest/", {"q": "bảo v"}).json()["suggestions"]
    assert [(s["subject"], s["url"]) for s in suggestions] == [
        ("Về việc bảo vệ mục tiêu thủy điện", f"/van-ban-den/{letters.secret.pk}/")
    ]
    assert login("vanthu2").get(f"{API}/search/", {"q": "thủy"}).json()["total"] == 0  # another agency


def test_suggestions_tell_identical_subjects_apart(letters):
    """Every "Báo cáo tình hình…" reads alike: each suggestion says its kind, type,
    number and date (dd/mm/yyyy), in the JSON and in the one-line label."""
    clerk = letters.actor(letters.clerk)
    for number, day in (("15", date(2026, 4, 2)), ("16", date(2026, 5, 4))):
        incoming_register(
            actor=clerk,
            data=incoming_data(
                type_name="Báo cáo", code_number=number, code_notation="BC-SYT", arrival_date=day, subject="Tình hình y tế"
            ),
        )
    suggestions = login("vanthu").get(f"{API}/search/suggest/", {"q": "tinh hinh y t"}).json()["suggestions"]
    assert sorted(s["detail"] for s in suggestions) == [
        "Văn bản đến · Báo cáo 15/BC-SYT · 02/04/2026",
        "Văn bản đến · Báo cáo 16/BC-SYT · 04/05/2026",
    ]
    first = next(s for s in suggestions if s["number"] == "15/BC-SYT")
    assert first | {"url": ""} == {
        "label": "Tình hình y tế (Văn bản đến · Báo cáo 15/BC-SYT · 02/04/2026)",
        "subject": "Tình hình y tế",
        "detail": "Văn bản đến · Báo cáo 15/BC-SYT · 02/04/2026",
        "kind": "incoming",
        "kind_label": "Văn bản đến",
        "type_name": "Báo cáo",
        "number": "15/BC-SYT",
        "day": "2026-04-02",
        "url": "",
    }


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        "x" * 10_000,
        "thu hồi " * 2000,
        '"thu hồi đất',
        "AND OR NOT * : ( ) ^ ~ -",
        unicodedata.normalize("NFD", "thu hồi đất"),
        "thu håi ®Êt",  # TCVN3 pasted as Latin-1
        "\x00\x01",
    ],
)
def test_bad_input_gets_an_answer_not_a_500(letters, q):
    response = login("vanthu").get(f"{API}/search/", {"q": q})
    assert response.status_code == 200, response.content
    assert isinstance(response.json()["hits"], list)


def test_filters_sorting_and_bad_parameters(letters):
    clerk = login("vanthu")
    assert clerk.get(f"{API}/search/", {"q": "về việc", "type_name": "Quyết định", "sort": "newest"}).json()["total"] == 1
    assert clerk.get(f"{API}/search/", {"q": "về việc", "type_name": "Chỉ thị"}).json()["total"] == 0
    refused = clerk.get(f"{API}/search/", {"q": "x", "year": "năm ngoái"})
    assert refused.status_code == 400 and "year" in refused.json()["error"]["fields"]


def test_the_results_page(client, letters):
    client.force_login(letters.clerk)
    page = client.get(reverse("search"), {"q": "thu hoi dat"}).content.decode()
    assert "<mark>thu</mark> <mark>hồi</mark> <mark>đất</mark>" in page and "1 kết quả" in page
    assert 'href="?q=thu+hoi+dat&amp;type_name=Quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh"' in page  # a facet narrows the search
    assert 'role="combobox"' in page and 'aria-controls="search-suggestions"' in page  # the header box
