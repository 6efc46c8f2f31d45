"""Rate limits of the public one-stop pages (giới hạn tần suất) and the guard of
the public dossier look-up (tra cứu hồ sơ).

Fixed-window counters in Django's cache, so that with EOFFICE_CACHE=redis every
process and server counts together: one key per (what, who, window); `add`
creates it at 0 (only the first request of a window succeeds) and `incr`
counts, both atomic in Redis and in locmem. Windows are numbered from
`clock()`, which tests move instead of sleeping; a key outlives its window by
a minute and then expires by itself.

The look-up cannot be enumerated, and a stranger cannot lock the owner out:
- every address has EOFFICE_LOOKUP_PER_MINUTE and EOFFICE_LOOKUP_PER_DAY tries;
- EOFFICE_LOOKUP_FAILURES_PER_CODE wrong tries on one code from one address in an
  hour lock that code *for that address* ("tạm khóa tra cứu") for
  EOFFICE_LOOKUP_LOCK_MINUTES; the owner, trying from elsewhere, is not affected;
- once EOFFICE_LOOKUP_FAILURES_PER_CODE_ALL wrong tries on a code came in an hour
  from all addresses together (someone guessing from many), the code is guarded for
  EOFFICE_LOOKUP_LOCK_MINUTES: every address then has one try on it, and a wrong one
  locks that address. The owner's first, right try still answers; a guesser needs a
  new address for every phone they try (of 10,000).
An unknown code and a wrong phone are one failure, one message, one path."""

import hashlib
import logging
import math
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from eoffice.audit.context import client_ip
from eoffice.core.errors import ServiceError, ValidationFailed
from eoffice.onestop.dossiers.selectors import public_status

logger = logging.getLogger(__name__)

MINUTE, HOUR, DAY = 60, 3600, 86400
NOT_FOUND = "Không tìm thấy hồ sơ phù hợp với mã và số điện thoại đã nhập."
PHONE_LAST4_INVALID = "Nhập đúng 4 chữ số cuối của số điện thoại đã khai khi nộp hồ sơ."
CODE_MAX_LENGTH = 60  # Dossier.code


def clock() -> float:
    """Seconds since the epoch: the time every window is counted in (tests patch it)."""
    return time.time()


class RateLimited(ServiceError):
    """Too many requests (HTTP 429); `retry_after` in whole seconds for the Retry-After header."""

    status = 429
    code = "throttled"

    def __init__(self, message: str, *, retry_after: float, code: str | None = None):
        super().__init__(message, code=code)
        self.retry_after = max(1, math.ceil(retry_after))


class DossierNotFound(ServiceError):
    """No dossier with this code and phone (HTTP 404): the same for an unknown code and a wrong phone."""

    status = 404
    code = "not_found"


@dataclass(frozen=True)
class Hit:
    key: str
    count: int
    limit: int
    retry_after: float  # until the window ends

    @property
    def allowed(self) -> bool:
        return self.count <= self.limit


def client_address(request) -> str:
    """The client address the audit middleware resolved for this request."""
    return client_ip.get() or request.META.get("REMOTE_ADDR") or "unknown"


def _key(*parts) -> str:
    # Hashed: what the public typed becomes a short key any cache backend accepts.
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()[:40]
    return f"onestop-rl:{digest}"


def hit(name: str, who: str, *, limit: int, window: int) -> Hit:
    """Count one request of `who` for `name` in the current `window` (seconds)."""
    now = clock()
    index = int(now // window)
    key = _key(name, who, window, index)
    cache.add(key, 0, timeout=window + MINUTE)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: count afresh
        cache.set(key, 1, timeout=window + MINUTE)
        count = 1
    return Hit(key, count, limit, (index + 1) * window - now)


def release(counted: Hit) -> None:
    """Give back a counted request that did not happen (a refused submission)."""
    try:
        cache.decr(counted.key)
    except ValueError:  # already expired
        pass


def wait_text(seconds: float) -> str:
    """ "1 phút", "45 phút", "3 giờ": how long to wait, rounded up."""
    minutes = max(1, math.ceil(seconds / 60))
    return f"{minutes} phút" if minutes <= 90 else f"{math.ceil(minutes / 60)} giờ"


# --------------------------------------------------------------------------- the look-up
def check_lookup_rate(address: str) -> None:
    """Tra cứu per client address: so many a minute and a day."""
    for window, limit in ((MINUTE, settings.EOFFICE_LOOKUP_PER_MINUTE), (DAY, settings.EOFFICE_LOOKUP_PER_DAY)):
        counted = hit("lookup", address, limit=limit, window=window)
        if not counted.allowed:
            raise RateLimited(
                f"Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau {wait_text(counted.retry_after)}.",
                retry_after=counted.retry_after,
            )


def _code_id(code: str) -> str:
    # The look-up ignores case, so must the lock: "abc" and "ABC" are one code to guess.
    return (code or "").strip().upper()


def _lock_key(code: str, address: str) -> str:
    return _key("lock", _code_id(code), address)


def _guard_key(code: str) -> str:
    return _key("guard", _code_id(code))


def check_code_lock(code: str, address: str) -> None:
    """Tạm khóa tra cứu: refused, whatever the phone, while the code is locked for this address."""
    until = cache.get(_lock_key(code, address))
    now = clock()
    if until is not None and until > now:
        raise RateLimited(
            f"Mã hồ sơ này đang tạm khóa tra cứu vì đã nhập sai nhiều lần. Vui lòng thử lại sau {wait_text(until - now)}.",
            retry_after=until - now,
            code="locked",
        )


def record_failure(code: str, address: str) -> None:
    """One wrong try on `code` from `address`: the last allowed one locks the code for
    that address, at once while the code is guarded; many from everywhere guard it."""
    lock = settings.EOFFICE_LOOKUP_LOCK_MINUTES * MINUTE
    limit = settings.EOFFICE_LOOKUP_FAILURES_PER_CODE
    mine = hit("failure", f"{_code_id(code)}\x1f{address}", limit=limit, window=HOUR)
    everyone = hit("failure-all", _code_id(code), limit=settings.EOFFICE_LOOKUP_FAILURES_PER_CODE_ALL, window=HOUR)
    if everyone.count >= everyone.limit:
        cache.set(_guard_key(code), clock() + lock, timeout=lock + MINUTE)
    guarded = (cache.get(_guard_key(code)) or 0) > clock()
    if mine.count >= limit or guarded:
        cache.set(_lock_key(code, address), clock() + lock, timeout=lock + MINUTE)
        logger.warning("Public look-up of dossier code %r locked for %s (guarded: %s)", code, address, guarded)


def clean_phone_last4(value) -> str:
    """Bốn số cuối điện thoại: exactly four digits (spaces around allowed)."""
    digits = str(value or "").strip()
    if not re.fullmatch(r"\d{4}", digits):
        raise ValidationFailed(PHONE_LAST4_INVALID, fields={"phone_last4": [PHONE_LAST4_INVALID]})
    return digits


def guarded_status(address: str, code: str, phone_last4: str) -> dict:
    """The public status of the dossier `code` whose phone ends in `phone_last4`,
    counted against the address's and the code's limits. Raises RateLimited,
    or DossierNotFound for an unknown code and a wrong phone alike."""
    check_lookup_rate(address)
    code = (code or "").strip()[: CODE_MAX_LENGTH + 1]  # a longer one cannot exist; still one failure
    check_code_lock(code, address)
    found = public_status(code, phone_last4)
    if found is None:
        record_failure(code, address)
        raise DossierNotFound(NOT_FOUND)
    return found


# --------------------------------------------------------------------------- online submission
def reserve_submission(address: str) -> Hit:
    """Nộp hồ sơ trực tuyến: EOFFICE_SUBMISSIONS_PER_HOUR per address. The caller
    releases the reservation when the submission is refused, so only dossiers
    actually filed count."""
    counted = hit("submission", address, limit=settings.EOFFICE_SUBMISSIONS_PER_HOUR, window=HOUR)
    if not counted.allowed:
        release(counted)
        raise RateLimited(
            "Đã có quá nhiều hồ sơ được nộp từ địa chỉ mạng này trong một giờ. "
            f"Vui lòng thử lại sau {wait_text(counted.retry_after)} hoặc nộp trực tiếp tại Bộ phận một cửa.",
            retry_after=counted.retry_after,
        )
    return counted
