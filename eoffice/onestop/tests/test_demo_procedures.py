"""The demo catalogue (eoffice/demo/procedures.json) imports cleanly."""

from decimal import Decimal

import pytest

from eoffice.demo.catalog import UNITS
from eoffice.demo.procedures import WITH_FORM_FILES, demo_catalogue, load_procedures
from eoffice.onestop.catalogue.checks import is_valid_code
from eoffice.onestop.models import Procedure, ProcedureStep, RequiredPaper
from eoffice.organisation.models import Agency, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    """The demo Office with its units, as eoffice/demo/catalog.py makes them."""
    agency = Agency.objects.create(
        name="Văn phòng UBND thành phố Hải Phòng", short_name="VP", organ_id="000.00.01.H26", hosted=True
    )
    for abbreviation, name in UNITS["vp"]:
        Unit.objects.create(agency=agency, name=name, abbreviation=abbreviation)
    return agency


def test_the_demo_catalogue_has_at_least_thirty_procedures_whose_days_add_up():
    procedures = demo_catalogue()["procedures"]
    assert len(procedures) >= 30
    for p in procedures:
        assert is_valid_code(p["code"]), p["code"]
        total = sum(Decimal(str(step["days"])) for step in p["steps"])
        assert total == Decimal(str(p["processing_days"])), p["code"]
    all_days = {Decimal(str(step["days"])) % 1 for p in procedures for step in p["steps"]}
    assert Decimal("0.5") in all_days  # half-day steps are there
    assert len({p["field"]["code"] for p in procedures}) >= 10


def test_the_demo_catalogue_imports_cleanly_with_form_files(office):
    report = load_procedures(office)
    count = len(demo_catalogue()["procedures"])
    assert len(report.created) == count and report.updated == []
    assert Procedure.objects.filter(agency=office).count() == count
    # The Office's units, its Bộ phận Một cửa included, are linked; the departments keep their published name.
    linked = set(Procedure.objects.filter(steps__unit__isnull=False).values_list("steps__unit__abbreviation", flat=True))
    assert {"MC", "KT", "HCTC"} <= linked
    assert "Bộ phận Một cửa" not in report.units_as_text
    assert "Sở Nông nghiệp và Môi trường" in report.units_as_text
    with_files = set(RequiredPaper.objects.filter(form_file__isnull=False).values_list("procedure__code", flat=True))
    assert with_files == WITH_FORM_FILES
    for procedure in Procedure.objects.prefetch_related("steps"):
        assert sum(s.days for s in procedure.steps.all()) == procedure.processing_days


def test_every_demo_procedure_is_published_with_an_owner_for_every_step(office):
    report = load_procedures(office)
    assert report.unpublished == []
    wanted = {p["code"] for p in demo_catalogue()["procedures"] if p.get("published", True)}
    assert set(Procedure.objects.filter(agency=office, published=True).values_list("code", flat=True)) == wanted
    assert not ProcedureStep.objects.filter(procedure__agency=office, unit__isnull=True).exists()
    # A department's step keeps its published name and is tracked by the Bộ phận Một cửa.
    department = ProcedureStep.objects.filter(unit_name="Sở Nông nghiệp và Môi trường").select_related("unit")
    assert department.exists() and {step.unit.abbreviation for step in department} == {"MC"}
    assert ProcedureStep.objects.get(procedure__code="1.004227.000.00.00.H31", order=4).unit.abbreviation == "MC"


def test_loading_the_demo_twice_updates_instead_of_duplicating(office):
    load_procedures(office)
    report = load_procedures(office)
    assert report.created == [] and len(report.updated) == Procedure.objects.count()
