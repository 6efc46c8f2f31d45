"""Every date field is served as the browser's own date picker (`<input type="date">`,
posting yyyy-mm-dd; dates.js shows it as dd/mm/yyyy, see test_browser_dates); the
server takes dd/mm/yyyy as typed too, and gives back what it cannot read for correction."""

from datetime import date

import pytest
from django import forms

from eoffice.core.forms import date_field
from eoffice.incoming.forms import DirectForm, FilterForm, ReassignForm
from eoffice.incoming.receiving.forms import IncomingForm
from eoffice.onestop.dossiers.forms import ApologyForm, PeriodForm
from eoffice.onestop.dossiers.forms import FilterForm as DossierFilterForm
from eoffice.onestop.statistics.views import StatisticsForm
from eoffice.outgoing.drafting.forms import DraftForm
from eoffice.workdays.forms import OverrideForm


class OneDate(forms.Form):
    day = date_field("Ngày")


@pytest.mark.parametrize("typed", ["05/01/2026", "2026-01-05", " 05/01/2026 "])
def test_a_date_is_taken_as_typed_or_as_the_picker_posts_it(typed):
    form = OneDate({"day": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == date(2026, 1, 5)
    assert 'type="date"' in str(form["day"]) and 'value="2026-01-05"' in str(form["day"])


def test_a_date_the_server_cannot_read_comes_back_as_typed_with_the_reason():
    form = OneDate({"day": "31/02/2026"})
    assert not form.is_valid()
    assert "dd/mm/yyyy" in form.errors["day"][0]
    assert 'value="31/02/2026"' in str(form["day"])


def test_the_picker_offers_only_dates_an_office_can_mean():
    html = str(OneDate(initial={"day": date(2026, 3, 2)})["day"])
    assert 'value="2026-03-02"' in html and 'min="1900-01-01"' in html and 'max="2100-12-31"' in html


@pytest.mark.django_db
def test_every_form_with_dates_uses_the_date_picker(cast):
    forms_with_dates = [
        IncomingForm(),
        DirectForm(),
        ReassignForm(),
        FilterForm(),
        DraftForm(actor=cast.actor(cast.specialist)),
        OverrideForm(),
        ApologyForm(),
        DossierFilterForm(agency=cast.office),
        PeriodForm(),
        StatisticsForm(),
    ]
    for form in forms_with_dates:
        dates = [name for name, field in form.fields.items() if isinstance(field, forms.DateField)]
        assert dates, type(form).__name__
        for name in dates:
            assert 'type="date"' in str(form[name]), f"{type(form).__name__}.{name}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/van-ban-den/", "/van-ban-den/so-dang-ky/", "/mot-cua/", "/mot-cua/so-theo-doi/", "/mot-cua/thong-ke/"]
)
def test_the_filters_dates_are_date_pickers_holding_what_was_asked(client, cast, url):
    from eoffice.organisation.models import Membership, Role

    Membership.objects.create(user=cast.leader, agency=cast.office, role=Role.ONE_STOP)
    client.force_login(cast.leader)
    html = client.get(url, {"date_from": "05/01/2026", "date_to": "2026-01-31", "period": "custom"}).content.decode()
    assert '<input type="date" name="date_from" value="2026-01-05"' in html
    assert '<input type="date" name="date_to" value="2026-01-31"' in html
