"""One-stop dossiers in the one search: found by code and by the applicant's
name typed without accents, re-indexed as they move, and only by those who
may see them (the counter, leaders, the units with a step)."""

import pytest

from eoffice.conftest import incoming_data
from eoffice.incoming.receiving.services import incoming_register
from eoffice.incoming.tests.api_helpers import API, login
from eoffice.onestop.dossiers.services import dossier_accept
from eoffice.onestop.tests.factories import make_onestop, receive, submit_online

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dossier(cast):
    make_onestop(cast)
    cast.dossier = receive(cast, name="Nguyễn Thị Đào")
    return cast


def _keys(client, q):
    return [hit["key"] for hit in client.get(f"{API}/search/", {"q": q}).json()["hits"]]


def test_the_counter_finds_a_dossier_by_code_and_by_the_applicant(dossier):
    key = f"dossier:{dossier.dossier.pk}"
    counter = login("motcua")
    assert _keys(counter, dossier.dossier.code) == [key]
    assert _keys(counter, "nguyen thi dao") == [key]
    hit = counter.get(f"{API}/search/", {"q": "giay phep xay dung"}).json()
    assert hit["hits"][0]["url"] == f"/mot-cua/{dossier.dossier.pk}/"
    assert hit["facets"]["status"] == [{"value": "dossier_received", "count": 1}]


def test_a_unit_finds_an_online_dossier_once_the_counter_accepts_it(dossier):
    online = submit_online(dossier, name="Lê Văn Thưởng")
    assert _keys(login("motcua"), "le van thuong") == [f"dossier:{online.pk}"]
    assert _keys(login("chuyenvienkt"), "le van thuong") == []  # no step for Phòng Kinh tế yet
    dossier_accept(actor=dossier.actor(dossier.one_stop), dossier=online)
    assert _keys(login("chuyenvienkt"), "le van thuong") == [f"dossier:{online.pk}"]
    assert _keys(login("vanthu2"), "le van thuong") == []  # another agency


def test_facets_keep_document_types_and_issuing_bodies_apart_from_one_stop_fields_and_citizens(dossier):
    """The "Loại văn bản" facet lists document types, "Cơ quan ban hành" issuing bodies: a dossier's
    procedure field has its own facet and its applicant, a citizen, none (found by name all the same)."""
    letter = incoming_register(
        actor=dossier.actor(dossier.clerk),
        data=incoming_data(type_name="Công văn", organ_name="Sở Xây dựng", subject="Về việc cấp giấy phép xây dựng nhà ở"),
    )
    body = login("chanhvp").get(f"{API}/search/", {"q": "giay phep xay dung"}).json()
    assert {hit["key"] for hit in body["hits"]} == {f"incoming:{letter.pk}", f"dossier:{dossier.dossier.pk}"}
    facets = {name: {v["value"]: v["count"] for v in values} for name, values in body["facets"].items()}
    assert facets["type_name"] == {"Công văn": 1}
    assert facets["issuer"] == {"Sở Xây dựng": 1}
    assert facets["procedure_field"] == {"Hoạt động xây dựng": 1}
    assert facets["kind"] == {"incoming": 1, "dossier": 1}
    hit = next(h for h in body["hits"] if h["kind"] == "dossier")
    assert (hit["type_name"], hit["issuer"]) == ("", "")
    assert (hit["procedure_field"], hit["applicant"]) == ("Hoạt động xây dựng", "Nguyễn Thị Đào")
    narrowed = login("chanhvp").get(f"{API}/search/", {"q": "xay dung", "procedure_field": "Hoạt động xây dựng"}).json()
    assert [h["key"] for h in narrowed["hits"]] == [f"dossier:{dossier.dossier.pk}"]
    assert _keys(login("chanhvp"), "Nguyễn Thị Đào") == [f"dossier:{dossier.dossier.pk}"]
    # The registry clerk sees no dossier: none in the results, the facets or the type-ahead.
    clerk = login("vanthu")
    body = clerk.get(f"{API}/search/", {"q": "giay phep xay dung"}).json()
    assert [h["key"] for h in body["hits"]] == [f"incoming:{letter.pk}"] and body["facets"]["procedure_field"] == []
    assert body["facets"]["kind"] == [{"value": "incoming", "count": 1}]
    suggestions = clerk.get(f"{API}/search/suggest/", {"q": "giay phep xay d"}).json()["suggestions"]
    assert [s["url"] for s in suggestions] == [f"/van-ban-den/{letter.pk}/"]
    leader = login("chanhvp").get(f"{API}/search/suggest/", {"q": "giay phep xay d"}).json()["suggestions"]
    assert sorted(s["kind"] for s in leader) == ["dossier", "incoming"]
