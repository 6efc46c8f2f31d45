"""The demo data, loaded once per test module inside a transaction rolled back
at its end (loading takes seconds: the modules' tests only read it)."""

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


@pytest.fixture(scope="module")
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
