"""The search's "Đơn vị" filter names units ("Phòng Tổng hợp"), not their codes (TH)."""

import re

import pytest

from eoffice.conftest import incoming_data
from eoffice.incoming.handling.services import incoming_direct, incoming_submit
from eoffice.incoming.receiving.services import incoming_register

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_unit_filter_shows_unit_names(client, cast):
    c = cast
    letter = incoming_register(actor=c.actor(c.clerk), data=incoming_data(subject="Về việc thu hồi đất phường Thủy Xuân"))
    incoming_submit(actor=c.actor(c.clerk), document=letter, leader=c.leader)
    incoming_direct(actor=c.actor(c.leader), document=letter, opinion="Giao chủ trì.", lead_unit=c.tonghop)
    client.force_login(c.leader)
    html = client.get("/tim-kiem/", {"q": "thu hồi đất"}).content.decode()
    facet = re.search(r"<h3>Đơn vị</h3>\s*<ul>(.*?)</ul>", html, re.S)
    assert facet, "the unit filter is shown"
    assert "Phòng Tổng hợp" in facet.group(1) and ">TH<" not in facet.group(1)
    assert "unit=TH" in facet.group(1)  # the filter still asks the index by code
