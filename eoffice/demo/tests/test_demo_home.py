"""The home page of every demo login (`manage.py load_demo`, loaded once for
this module): each count equals the count of the list it links to, and the
leaders' panels have figures."""

import pytest
from django.test import Client
from django.utils import timezone

from eoffice.demo.catalog import LOGINS
from eoffice.home.blocks import waiting_blocks
from eoffice.home.leaders import leader_panels
from eoffice.home.tests.lists import mismatches
from eoffice.organisation.models import User
from eoffice.organisation.selectors import build_actor, default_agency

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", [name for name, _ in LOGINS if name != "admin"])
def test_every_count_on_a_demo_home_page_equals_its_list(demo, username):
    user = User.objects.get(username=username)
    actor = build_actor(user, default_agency(user))
    blocks = waiting_blocks(actor, timezone.localtime())
    assert blocks, f"{username} has nothing on the home page"
    assert mismatches(user, blocks) == []


def test_the_chief_of_office_sees_late_units_and_the_on_time_chart(demo):
    user = User.objects.get(username="chanhvp")
    panels = {p.key: p for p in leader_panels(build_actor(user, demo.office), timezone.localdate())}
    assert panels["late_documents"].total > 0 and panels["on_time"].chart.bars
    client = Client()
    client.force_login(user)
    page = client.get("/").content.decode()
    assert page.count('<g class="bar') == len(panels["on_time"].chart.bars)
