"""The rate limits of the public one-stop pages: fixed windows in the cache,
the per-code-and-address lock after wrong phone digits, the guard of a code
guessed from many addresses, their reset when the window or the lock runs
out (time moved by patching ratelimit.clock), and the same counters on Redis, the shared store a scaled-out deployment uses."""

import os
import subprocess
import sys
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache

from eoffice.onestop.public import ratelimit
from eoffice.onestop.public.ratelimit import DossierNotFound, RateLimited, guarded_status, hit, release
from eoffice.onestop.tests.factories import receive


def test_a_window_counts_to_its_limit_then_refuses_until_it_ends(limit_clock):
    counts = [hit("t", "10.0.0.1", limit=3, window=60) for _ in range(4)]
    assert [c.allowed for c in counts] == [True, True, True, False]
    assert counts[-1].retry_after == 60
    limit_clock.advance(59)
    assert not hit("t", "10.0.0.1", limit=3, window=60).allowed
    limit_clock.advance(1)  # a new window: counted afresh
    assert hit("t", "10.0.0.1", limit=3, window=60).count == 1


def test_counters_are_per_client_and_per_purpose(limit_clock):
    for _ in range(3):
        hit("t", "10.0.0.1", limit=3, window=60)
    assert hit("t", "10.0.0.2", limit=3, window=60).count == 1
    assert hit("other", "10.0.0.1", limit=3, window=60).count == 1


def test_a_released_request_gives_its_place_back(limit_clock):
    first = hit("t", "a", limit=1, window=60)
    release(first)
    assert hit("t", "a", limit=1, window=60).allowed


def test_the_look_up_allows_ten_a_minute_per_address_then_429(limit_clock, settings):
    for _ in range(settings.EOFFICE_LOOKUP_PER_MINUTE):
        ratelimit.check_lookup_rate("10.0.0.1")
    with pytest.raises(RateLimited, match="tra cứu quá nhiều lần") as refused:
        ratelimit.check_lookup_rate("10.0.0.1")
    assert (refused.value.status, refused.value.retry_after) == (429, 60)
    ratelimit.check_lookup_rate("10.0.0.2")  # another address is not held back
    limit_clock.advance(60)
    ratelimit.check_lookup_rate("10.0.0.1")  # the next minute


def test_the_look_up_allows_a_hundred_a_day_per_address(limit_clock, settings):
    settings.EOFFICE_LOOKUP_PER_MINUTE = 1000
    for _ in range(100):
        ratelimit.check_lookup_rate("10.0.0.1")
    with pytest.raises(RateLimited, match="giờ"):  # hours to wait, not minutes
        ratelimit.check_lookup_rate("10.0.0.1")
    limit_clock.advance(24 * 3600)
    ratelimit.check_lookup_rate("10.0.0.1")


def test_five_wrong_tries_lock_a_code_for_an_hour_for_that_address(limit_clock, settings):
    code, here = "000.01.00.H26-260302-0001", "10.0.0.1"
    for _ in range(5):
        ratelimit.check_code_lock(code, here)
        ratelimit.record_failure(code, here)
    with pytest.raises(RateLimited, match="tạm khóa tra cứu") as refused:
        ratelimit.check_code_lock(code, here)
    assert (refused.value.code, refused.value.retry_after) == ("locked", 3600)
    with pytest.raises(RateLimited):
        ratelimit.check_code_lock(code.lower(), here)  # the look-up ignores case, so does the lock
    ratelimit.check_code_lock("000.01.00.H26-260302-0002", here)  # other codes are not locked
    ratelimit.check_code_lock(code, "10.0.0.2")  # nor this code for anyone else: its owner
    limit_clock.advance(3599)
    with pytest.raises(RateLimited):
        ratelimit.check_code_lock(code, here)
    limit_clock.advance(1)
    ratelimit.check_code_lock(code, here)


def test_four_wrong_tries_do_not_lock_and_the_count_restarts_each_hour(limit_clock):
    code = "000.01.00.H26-260302-0001"
    for _ in range(4):
        ratelimit.record_failure(code, "10.0.0.1")
    ratelimit.check_code_lock(code, "10.0.0.1")
    limit_clock.advance(3600)
    for _ in range(4):
        ratelimit.record_failure(code, "10.0.0.1")
    ratelimit.check_code_lock(code, "10.0.0.1")


@pytest.mark.django_db
def test_guesses_from_many_addresses_leave_each_one_try_and_the_owner_gets_in(onestop, clock, limit_clock, settings):
    dossier = receive(onestop)  # phone 0912 345 678
    for n in range(settings.EOFFICE_LOOKUP_FAILURES_PER_CODE_ALL):
        with pytest.raises(DossierNotFound):
            guarded_status(f"10.0.1.{n}", dossier.code, f"{n:04d}")
    with pytest.raises(DossierNotFound):
        guarded_status("10.0.3.1", dossier.code, "9999")  # a new address's one try
    with pytest.raises(RateLimited, match="tạm khóa"):
        guarded_status("10.0.3.1", dossier.code, "5678")  # no second one
    assert guarded_status("10.0.2.1", dossier.code, "5678")["code"] == dossier.code  # the owner
    limit_clock.advance(3600)
    assert guarded_status("10.0.3.1", dossier.code, "5678")["code"] == dossier.code  # the lock ran out


def test_the_submission_limit_is_five_an_hour_and_a_refusal_gives_its_place_back(limit_clock):
    reservations = [ratelimit.reserve_submission("10.0.0.1") for _ in range(5)]
    with pytest.raises(RateLimited, match="nộp trực tiếp"):
        ratelimit.reserve_submission("10.0.0.1")
    release(reservations[0])
    ratelimit.reserve_submission("10.0.0.1")
    limit_clock.advance(3600)
    ratelimit.reserve_submission("10.0.0.1")


@pytest.mark.parametrize(
    ("seconds", "text"), [(1, "1 phút"), (60, "1 phút"), (61, "2 phút"), (3600, "60 phút"), (5401, "2 giờ"), (86400, "24 giờ")]
)
def test_the_wait_is_said_in_minutes_or_hours(seconds, text):
    assert ratelimit.wait_text(seconds) == text


# --------------------------------------------------------------------------- the shared store
def _settings_caches(**env) -> str:
    """settings.CACHES's backend in a fresh interpreter with `env`."""
    environment = {**os.environ, "SECRET_KEY": "x", "DJANGO_SETTINGS_MODULE": "eoffice.settings", **env}
    code = "from django.conf import settings; c = settings.CACHES['default']; print(c['BACKEND'], c.get('LOCATION'))"
    done = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)  # noqa: S603
    return done.stdout


def test_the_cache_is_chosen_by_configuration():
    assert "locmem.LocMemCache" in _settings_caches(EOFFICE_CACHE="")
    shared = _settings_caches(EOFFICE_CACHE="redis", EOFFICE_REDIS_URL="redis://cache.example:6380/2")
    assert shared.split() == ["django.core.cache.backends.redis.RedisCache", "redis://cache.example:6380/2"]


@pytest.fixture
def redis_cache(monkeypatch):
    """The counters on a real Redis (skipped when none answers), under a key
    prefix of their own that is deleted afterwards."""
    url = os.environ.get("EOFFICE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    prefix = f"eoffice-test-{uuid.uuid4().hex}"
    store = RedisCache(url, {"KEY_PREFIX": prefix})
    try:
        store.get("ping")
    except Exception as exc:  # noqa: BLE001 - any connection problem means "no Redis here"
        pytest.skip(f"no Redis at {url}: {exc}")
    monkeypatch.setattr(ratelimit, "cache", store)
    yield store
    client = store._cache.get_client(write=True)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_the_counters_and_the_lock_work_on_redis(redis_cache, limit_clock):
    assert [hit("t", "a", limit=2, window=60).allowed for _ in range(3)] == [True, True, False]
    code = "000.01.00.H26-260302-0001"
    for _ in range(5):
        ratelimit.record_failure(code, "10.0.0.1")
    with pytest.raises(RateLimited, match="tạm khóa"):
        ratelimit.check_code_lock(code, "10.0.0.1")
    ratelimit.check_code_lock(code, "10.0.0.2")
    limit_clock.advance(3600)
    ratelimit.check_code_lock(code, "10.0.0.1")
    assert hit("t", "a", limit=2, window=60).count == 1
