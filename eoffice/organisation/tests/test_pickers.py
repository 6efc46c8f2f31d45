"""Pickers of people: each person with their position and unit, no administrator-only
account among those who handle documents, a worded first option."""

import re

import pytest

from eoffice.conftest import incoming_data, person
from eoffice.incoming.forms import DirectForm, GrantForm, SubmitForm
from eoffice.incoming.receiving.services import incoming_register
from eoffice.organisation.models import Membership, Role
from eoffice.organisation.selectors import people, person_label
from eoffice.outgoing.drafting.forms import DraftForm

pytestmark = pytest.mark.django_db


def test_people_carry_position_and_unit_and_leave_out_administrators(cast):
    person("quantri", cast.office, Role.ADMIN, position="Quản trị")
    labels = [person_label(user) for user in people(cast.office)]
    assert "Nguyễn Văn chanhvp — Chánh Văn phòng" in labels
    assert "Nguyễn Văn chuyenvien — Chuyên viên, Phòng Tổng hợp" in labels
    assert not any("quantri" in label for label in labels)
    assert [u.username for u in people(cast.office, roles=[Role.LEADER])] == ["chanhvp"]


def test_the_step_forms_show_people_by_position_with_a_worded_blank(cast):
    person("quantri", cast.office, Role.ADMIN, position="Quản trị")
    document = incoming_register(actor=cast.actor(cast.clerk), data=incoming_data())
    submit = SubmitForm(record=document).as_p()
    assert "Nguyễn Văn chanhvp — Chánh Văn phòng" in submit and "---------" not in submit and "— Chọn —" in submit
    assert "quantri" not in GrantForm(record=document).as_p()
    assert "Nguyễn Văn truongphong — Trưởng phòng, Phòng Tổng hợp" in DirectForm(record=document).as_p()


def test_the_signer_picker_names_positions(cast):
    form = DraftForm(actor=cast.actor(cast.specialist))
    html = str(form["signer"])
    assert "Nguyễn Văn chanhvp — Chánh Văn phòng" in html and "---------" not in html


def test_people_pickers_group_people_by_unit_leaders_first_and_are_searchable(cast):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("root", password="matkhau-123")  # no handling role anywhere
    document = incoming_register(actor=cast.actor(cast.clerk), data=incoming_data())
    html = str(DirectForm(record=document)["inform_users"])
    groups = re.findall(r'<optgroup label="([^"]+)">', html)
    assert groups == ["Lãnh đạo cơ quan", "Phòng Kinh tế", "Phòng Tổng hợp", "Văn thư"]
    tonghop = html[html.index('label="Phòng Tổng hợp"') :]
    assert tonghop.index("Nguyễn Văn chuyenvien") < tonghop.index("</optgroup>")
    assert "data-picker" in html and "root" not in html and "quantri" not in html
    assert "data-picker" in str(DraftForm(actor=cast.actor(cast.specialist))["signer"])
    assert "data-picker" not in str(DirectForm(record=document)["coordinating_units"])  # checkboxes stay


def test_a_position_that_names_the_unit_does_not_repeat_it(cast):
    person("truongth", cast.office, Role.UNIT_HEAD, cast.tonghop, "Trưởng phòng Tổng hợp")
    labels = [person_label(user) for user in people(cast.office, unit=cast.tonghop)]
    assert "Nguyễn Văn truongth — Trưởng phòng Tổng hợp" in labels
    assert "Nguyễn Văn chuyenvien — Chuyên viên, Phòng Tổng hợp" in labels


def test_the_header_names_the_agency_not_its_code(client, cast):
    client.force_login(cast.specialist)  # one agency: a name, not a switcher
    html = client.get("/van-ban-den/hop-thu/").content.decode()
    assert '<span class="agency">Văn phòng UBND thành phố Hải Phòng</span>' in html
    Membership.objects.create(user=cast.specialist, agency=cast.other, role=Role.SPECIALIST)
    html = client.get("/van-ban-den/hop-thu/").content.decode()
    assert ">Văn phòng UBND thành phố Hải Phòng</option>" in html and ">Sở Xây dựng</option>" in html
