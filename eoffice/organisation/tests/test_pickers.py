"""Pickers of people: each person with their position and unit, no administrator-only
account among those who handle documents, a worded first option."""

import pytest

from eoffice.conftest import incoming_data, person
from eoffice.incoming.forms import DirectForm, GrantForm, SubmitForm
from eoffice.incoming.receiving.services import incoming_register
from eoffice.organisation.models import Role
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
