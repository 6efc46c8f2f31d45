import threading

import pytest
from django.db import connection, transaction

from eoffice.organisation.models import Agency
from eoffice.registers.models import Register, RegisterKind
from eoffice.registers.services import register_take_number


def take(agency, year=2026, kind=RegisterKind.INCOMING):
    with transaction.atomic():
        return register_take_number(agency=agency, kind=kind, year=year)[1]


@pytest.mark.django_db
def test_numbers_start_at_one_and_follow_each_other():
    agency = Agency.objects.create(name="UBND", short_name="UBND")
    assert [take(agency) for _ in range(3)] == [1, 2, 3]


@pytest.mark.django_db
def test_each_year_and_each_kind_has_its_own_series():
    agency = Agency.objects.create(name="UBND", short_name="UBND")
    take(agency, 2025)
    assert take(agency, 2026) == 1
    assert take(agency, 2026, RegisterKind.INCOMING_SECRET) == 1


@pytest.mark.django_db
def test_a_named_series_counts_apart_from_the_agency_series():
    agency = Agency.objects.create(name="UBND", short_name="UBND")

    def take_series(series):
        with transaction.atomic():
            return register_take_number(agency=agency, kind=RegisterKind.OUTGOING, year=2026, series=series)[1]

    assert [take_series(""), take_series(""), take_series("QPPL QĐ"), take_series("")] == [1, 2, 1, 3]
    assert Register.objects.get(agency=agency, series="QPPL QĐ").name == "Sổ đăng ký văn bản đi (QPPL QĐ)"


@pytest.mark.django_db
def test_a_rolled_back_registration_gives_its_number_back():
    agency = Agency.objects.create(name="UBND", short_name="UBND")
    take(agency)
    with pytest.raises(RuntimeError), transaction.atomic():
        register_take_number(agency=agency, kind=RegisterKind.INCOMING, year=2026)
        raise RuntimeError("registration failed")
    assert take(agency) == 2


@pytest.mark.django_db(transaction=True)
def test_it_must_run_inside_a_transaction():
    agency = Agency.objects.create(name="UBND", short_name="UBND")
    with pytest.raises(RuntimeError):
        register_take_number(agency=agency, kind=RegisterKind.INCOMING, year=2026)


@pytest.mark.django_db(transaction=True)
def test_parallel_takers_get_distinct_consecutive_numbers():
    agency = Agency.objects.create(name="UBND", short_name="UBND")
    results, errors = [], []

    def worker():
        try:
            results.append(take(agency))
        except Exception as exc:  # collected and reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == list(range(1, 21))
    assert Register.objects.get(agency=agency).last_number == 20
