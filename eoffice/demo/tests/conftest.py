"""The demo data, loaded once for this package's tests inside a transaction rolled
back at its end (loading takes a minute or two; each test's own changes are rolled
back after it). Under pytest-xdist with `--dist loadgroup` (.ci/run) the package's
tests all go to one worker (eoffice/conftest.py, pytest_xdist_make_scheduler), so
the demo is loaded once, not once per worker and module."""

import io
import os
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from eoffice.demo.catalog import CITY
from eoffice.demo.plan import AGENCY_BY_KEY
from eoffice.demo.services import demo_office
from eoffice.organisation.models import Agency

PASSWORD = "mat-khau-demo"


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        # Tests read the demo signed in with a password; the demo's second factor
        # has its own tests (eoffice/twofactor) and the page crawl signs in with it.
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], EOFFICE_2FA_ROLES=[]),
        mock.patch.dict(os.environ, {"DEMO_PASSWORD": PASSWORD}),
        transaction.atomic(),
    ):
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        city = Agency.objects.get(organ_id=AGENCY_BY_KEY[CITY].organ_id)
        yield SimpleNamespace(office=demo_office(), city=city, output=out.getvalue(), now=timezone.now())
        transaction.set_rollback(True)
