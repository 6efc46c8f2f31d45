import pytest
from django.utils import timezone

from eoffice.onestop.public import ratelimit
from eoffice.onestop.tests.factories import Clock, at, make_onestop

LIMIT_START = 1_772_420_400.0  # Monday 02/03/2026 10:00 Hà Nội, a whole hour: windows start here


@pytest.fixture
def onestop(cast):
    """The cast with a Bộ phận Một cửa and a published 3-step procedure (see factories)."""
    return make_onestop(cast)


@pytest.fixture
def clock(monkeypatch):
    """timezone.now() frozen at Monday 02/03/2026 09:00 office time; set() or advance() it."""
    frozen = Clock(at(2, 3, 9))
    monkeypatch.setattr(timezone, "now", frozen)
    return frozen


@pytest.fixture
def limit_clock(monkeypatch):
    clock = Clock(LIMIT_START)  # the rate limits count seconds
    monkeypatch.setattr(ratelimit, "clock", clock)
    return clock
