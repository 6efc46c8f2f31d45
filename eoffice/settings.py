"""eOffice settings. Every deployment value comes from the environment (see README)."""

from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from eoffice.env import (
    database_from_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_networks,
    env_office_hours,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("EOFFICE_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("EOFFICE_DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is not set. Set it in the environment (make run sets a local one).")
    SECRET_KEY = "insecure-development-key"  # noqa: S105 - only with EOFFICE_DEBUG
ALLOWED_HOSTS = env_list("EOFFICE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
# The reverse proxies in front of the application (nginx): only for requests coming
# from one of them is X-Forwarded-For read, for the audit log and the rate limits.
EOFFICE_TRUSTED_PROXIES = env_networks("EOFFICE_TRUSTED_PROXIES")
CSRF_TRUSTED_ORIGINS = env_list("EOFFICE_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",  # only until migration apitokens 0002 has hashed its old keys
    "knox",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "huey.contrib.djhuey",
    "eoffice.core",
    "eoffice.audit",
    "eoffice.organisation",
    "eoffice.workdays",
    "eoffice.registers",
    "eoffice.attachments",
    "eoffice.signatures",
    "eoffice.incoming",
    "eoffice.outgoing",
    "eoffice.exchange",
    "eoffice.twofactor",
    "eoffice.apitokens",
    "eoffice.auditlog",
    "eoffice.search",
    "eoffice.onestop",
    "eoffice.notifications",
    "eoffice.operations",
    "eoffice.copies",
    "eoffice.backup",
    "eoffice.home",
    "eoffice.demo",
]
AUTH_USER_MODEL = "organisation.User"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the application server itself (no CDN, no web server needed).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "eoffice.core.middleware.VietnameseByDefaultMiddleware",
    "eoffice.core.middleware.CleanInputMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signed-in answers are not stored by caches (ASVS 8.2.1); after auth, which it reads.
    "eoffice.core.middleware.PrivatePagesNotStoredMiddleware",
    "eoffice.core.middleware.ApiResponsesAsAttachmentMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "eoffice.twofactor.middleware.RequireTwoFactor",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "eoffice.core.csp.AdminInlineStyles",
    "django_htmx.middleware.HtmxMiddleware",
    "eoffice.audit.middleware.RequestContextMiddleware",
    # Reads, downloads, exports and searches of signed-in people (audit/access.py).
    "eoffice.audit.access.AccessAuditMiddleware",
    # Last: answers a locked-out login with our message (organisation/lockout.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "eoffice.urls"
WSGI_APPLICATION = "eoffice.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "eoffice" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "eoffice.organisation.context_processors.current_agency",
                "eoffice.incoming.context_processors.packages_waiting",
                "eoffice.outgoing.context_processors.waiting_count",
                "eoffice.onestop.context_processors.onestop_menu",
                "eoffice.notifications.context_processors.bell",
            ],
        },
    },
]

DATABASES = {"default": database_from_url("DATABASE_URL", f"sqlite:///{VAR_DIR / 'eoffice.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's validators (their messages in Vietnamese); the length is the agency's choice.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "eoffice.organisation.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("EOFFICE_PASSWORD_MIN_LENGTH", 10, minimum=8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling (django-axes): after EOFFICE_LOGIN_FAILURES wrong passwords for
# one account, or from one address, logins are refused for EOFFICE_LOCKOUT_MINUTES,
# the right password too; administrators see and lift locks in /admin/axes/.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("EOFFICE_LOGIN_FAILURES", 10, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("EOFFICE_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = env_list("EOFFICE_LOCKOUT_BY", ["username", "ip_address"])
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "eoffice.organisation.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "eoffice.organisation.lockout.locked_out"
AXES_VERBOSE = False
# Browser security headers. Content-Security-Policy (django-csp): scripts, styles,
# images and fonts from this site only, nothing inline (the pages' behaviour is in
# static files: core/static/eoffice/forms.js), no plugins, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# EOFFICE_HTTPS=1 when users reach eOffice over HTTPS (directly or through a proxy
# that sets X-Forwarded-Proto): cookies only over HTTPS, HSTS for a year, http:// redirected.
EOFFICE_HTTPS = env_bool("EOFFICE_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = EOFFICE_HTTPS
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if EOFFICE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = EOFFICE_HTTPS
if EOFFICE_HTTPS:  # cookies bound to this host, over HTTPS, for the whole site (ASVS 3.4.4)
    SESSION_COOKIE_NAME, CSRF_COOKIE_NAME = "__Host-sessionid", "__Host-csrftoken"
SECURE_SSL_REDIRECT = EOFFICE_HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # the load balancer asks over plain HTTP
if EOFFICE_HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Two-factor sign-in (eoffice/twofactor): the roles that must type a TOTP code
# after the password. "admin" includes Django staff; "signer" anyone holding a
# personal signing key. Empty: nobody is made to (anyone may still opt in).
EOFFICE_2FA_ROLES = env_list("EOFFICE_2FA_ROLES", ["leader", "admin", "signer"])
OTP_TOTP_ISSUER = env_str("EOFFICE_2FA_ISSUER", "eOffice")
# A session ends after EOFFICE_SESSION_IDLE_MINUTES without a request (every
# request renews it) and when the browser closes.
SESSION_COOKIE_AGE = 60 * env_int("EOFFICE_SESSION_IDLE_MINUTES", 30, minimum=5)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "eoffice" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Tom Select, the searchable pickers' widget (core/static/eoffice/picker.js), as the
# PyPI package django-tomselect ships it: only its static files are used, served from
# this site under static/tomselect/ (no app, no CDN).
_TOMSELECT = find_spec("django_tomselect")
if _TOMSELECT is None or not _TOMSELECT.submodule_search_locations:
    raise ImproperlyConfigured("django-tomselect is missing: pip install -c constraints.txt -r requirements.txt")
STATICFILES_DIRS = [("tomselect", Path(_TOMSELECT.submodule_search_locations[0]) / "static" / "django_tomselect")]
# `make run` collects them into STATIC_ROOT; without that (tests, `make dev`)
# WhiteNoise finds them where the apps keep them.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

# File storage: local files by default, S3-compatible object storage to scale out.
STORAGE_BACKEND = env_choice("EOFFICE_STORAGE", "local", {"local", "s3"})
if STORAGE_BACKEND == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("EOFFICE_S3_BUCKET", "eoffice"),
            "endpoint_url": env_str("EOFFICE_S3_ENDPOINT", "") or None,
            "access_key": env_str("EOFFICE_S3_ACCESS_KEY", ""),
            "secret_key": env_str("EOFFICE_S3_SECRET_KEY", ""),
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: size limit per file, in megabytes.
EOFFICE_MAX_UPLOAD_MB = env_int("EOFFICE_MAX_UPLOAD_MB", 50, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A file over EOFFICE_MAX_UPLOAD_MB, or a body over EOFFICE_MAX_REQUEST_MB, is refused
# while it streams in, before it is all written to disk.
EOFFICE_MAX_REQUEST_MB = env_int("EOFFICE_MAX_REQUEST_MB", 200, minimum=1)
FILE_UPLOAD_HANDLERS = [
    "eoffice.core.uploads.UploadSizeCap",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# What an uploaded file may expand into (eoffice/attachments/archives.py).
EOFFICE_UNZIPPED_MAX_MB = env_int("EOFFICE_UNZIPPED_MAX_MB", 200, minimum=1)  # all parts of a DOCX/XLSX
EOFFICE_UNZIPPED_XML_MAX_MB = env_int("EOFFICE_UNZIPPED_XML_MAX_MB", 25, minimum=1)  # its XML, which parsers load
EOFFICE_ZIP_MAX_ENTRIES = env_int("EOFFICE_ZIP_MAX_ENTRIES", 2000, minimum=10)
EOFFICE_IMAGE_MAX_PIXELS = env_int("EOFFICE_IMAGE_MAX_PIXELS", 80_000_000, minimum=1_000_000)  # A3 at 600 dpi: 70 M
EOFFICE_EXTRACTED_TEXT_MAX_CHARS = env_int("EOFFICE_EXTRACTED_TEXT_MAX_CHARS", 1_000_000, minimum=1000)
# Uploads scanned by clamd when named ("unix:///run/clamav/clamd.ctl", "tcp://host:3310"); off when empty.
EOFFICE_CLAMD = env_str("EOFFICE_CLAMD", "")
if EOFFICE_CLAMD and not EOFFICE_CLAMD.startswith(("unix://", "tcp://")):
    raise ImproperlyConfigured(f"EOFFICE_CLAMD={EOFFICE_CLAMD!r}: expected unix:///path/to/clamd.ctl or tcp://host:3310.")
EOFFICE_CLAMD_TIMEOUT = env_int("EOFFICE_CLAMD_TIMEOUT", 60, minimum=1)

# Background jobs: an embedded SQLite queue by default, Redis to scale out,
# "immediate" runs jobs in-process (tests). Both queues honour task priorities
# (plain RedisHuey does not: PriorityRedisHuey needs Redis 5 or later), so the long
# OCR jobs go after the short ones; several thread workers (the jobs wait on
# Tesseract, the database or mail, not on Python) so one OCR does not stop the rest.
TASKS_BACKEND = env_choice("EOFFICE_TASKS", "sqlite", {"sqlite", "redis", "immediate"})
_HUEY_CONSUMER = {"workers": env_int("EOFFICE_JOB_WORKERS", 4, minimum=1), "worker_type": "thread"}
if TASKS_BACKEND == "redis":
    HUEY = {
        "huey_class": "huey.PriorityRedisHuey",
        "name": "eoffice",
        "immediate": False,
        "connection": {"url": env_str("EOFFICE_REDIS_URL", "redis://127.0.0.1:6379/0")},
        "consumer": _HUEY_CONSUMER,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "eoffice",
        "immediate": TASKS_BACKEND == "immediate",
        "filename": str(VAR_DIR / "tasks.sqlite3"),
        "consumer": _HUEY_CONSUMER,
    }
    if TASKS_BACKEND == "sqlite":
        VAR_DIR.mkdir(parents=True, exist_ok=True)
# A job still unfinished this long after it was queued is taken for lost with its
# worker and queued again by a periodic sweep (attachments/requeue.py).
EOFFICE_JOB_STALE_MINUTES = env_int("EOFFICE_JOB_STALE_MINUTES", 15, minimum=0)

# Cache: the public pages' rate limits (onestop/public/ratelimit.py) and the API throttles count in it.
# "locmem" is one process's memory (embedded, one process); "redis" is shared by every process and server.
CACHE_BACKEND = env_choice("EOFFICE_CACHE", "locmem", {"locmem", "redis"})
# "figures" holds what background jobs compute for the pages to read (the leaders' panels,
# eoffice/home/leaders.py): it must be shared by the worker and the web processes, so the
# embedded default keeps it in files under the var directory, and Redis when Redis is the cache.
if CACHE_BACKEND == "redis":
    _REDIS_CACHE = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("EOFFICE_REDIS_URL", "redis://127.0.0.1:6379/0"),
    }
    CACHES: dict[str, dict[str, Any]] = {
        "default": {**_REDIS_CACHE, "KEY_PREFIX": "eoffice"},
        "figures": {**_REDIS_CACHE, "KEY_PREFIX": "eoffice-figures"},
    }
else:
    # Room for many counters: culling at the default 300 entries would forget locks under a flood.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "eoffice",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
        "figures": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache" / "figures"),
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
    }
# Reads, downloads, exports and searches are logged once per person, view, record
# (or search words) and this many seconds; 0 logs every one (audit/access.py).
EOFFICE_AUDIT_ACCESS_WINDOW = env_int("EOFFICE_AUDIT_ACCESS_WINDOW", 3600, minimum=0)
# Public dossier look-up (tra cứu hồ sơ) and online submission (nộp hồ sơ trực tuyến): limits per
# client address; wrong phone digits allowed per dossier code and address an hour before the code
# is locked for that address for EOFFICE_LOOKUP_LOCK_MINUTES; wrong tries on a code from all
# addresses an hour before each address has one try on it (onestop/public/ratelimit.py); and the
# upload limits of the public form.
EOFFICE_LOOKUP_PER_MINUTE = env_int("EOFFICE_LOOKUP_PER_MINUTE", 10, minimum=1)
EOFFICE_LOOKUP_PER_DAY = env_int("EOFFICE_LOOKUP_PER_DAY", 100, minimum=1)
EOFFICE_LOOKUP_FAILURES_PER_CODE = env_int("EOFFICE_LOOKUP_FAILURES_PER_CODE", 5, minimum=1)
EOFFICE_LOOKUP_FAILURES_PER_CODE_ALL = env_int("EOFFICE_LOOKUP_FAILURES_PER_CODE_ALL", 20, minimum=1)
EOFFICE_LOOKUP_LOCK_MINUTES = env_int("EOFFICE_LOOKUP_LOCK_MINUTES", 60, minimum=1)
EOFFICE_SUBMISSIONS_PER_HOUR = env_int("EOFFICE_SUBMISSIONS_PER_HOUR", 5, minimum=1)
EOFFICE_PUBLIC_UPLOAD_MAX_MB = env_int("EOFFICE_PUBLIC_UPLOAD_MAX_MB", 20, minimum=1)
EOFFICE_PUBLIC_UPLOAD_TOTAL_MB = env_int("EOFFICE_PUBLIC_UPLOAD_TOTAL_MB", 100, minimum=1)
EOFFICE_PUBLIC_UPLOAD_MAX_FILES = env_int("EOFFICE_PUBLIC_UPLOAD_MAX_FILES", 20, minimum=1)

# Days before a deadline that count as "due soon" (sắp đến hạn), in working days.
EOFFICE_DUE_SOON_DAYS = env_int("EOFFICE_DUE_SOON_DAYS", 2, minimum=0)
# Working days a leader has to direct a submitted document (urgent ones: same day).
EOFFICE_REVIEW_DAYS = env_int("EOFFICE_REVIEW_DAYS", 1, minimum=0)
# A specialist's completion of a unit's lead task waits for the unit head's
# acceptance (chấp nhận) before the incoming document is done; off: it is done at once.
EOFFICE_INCOMING_HEAD_ACCEPTS = env_bool("EOFFICE_INCOMING_HEAD_ACCEPTS", True)
# Tasks (nhiệm vụ): working days before the deadline that count as due soon (reminded once),
# and the calendar days past the deadline after which an overdue task is shown as long overdue.
EOFFICE_TASK_DUE_SOON_DAYS = env_int("EOFFICE_TASK_DUE_SOON_DAYS", 3, minimum=0)
EOFFICE_TASK_OVERDUE_AGEING_DAYS = env_int("EOFFICE_TASK_OVERDUE_AGEING_DAYS", 30, minimum=1)
# The leaders' home page panels (late documents, tasks and dossiers by unit) are
# agency-wide figures recomputed by a background job every this many minutes and
# read from the cache (eoffice/home/leaders.py).
EOFFICE_LEADER_PANELS_MINUTES = env_int("EOFFICE_LEADER_PANELS_MINUTES", 5, minimum=1)
# The weekly schedule (operations/schedule): the units (by abbreviation) whose staff
# draft it, and the positions of the leaders who approve and publish it ("*": any
# leader of the agency). Who does it is local practice, not law.
EOFFICE_SCHEDULE_DRAFT_UNITS = env_list("EOFFICE_SCHEDULE_DRAFT_UNITS", ["TH"])
EOFFICE_SCHEDULE_APPROVERS = env_list("EOFFICE_SCHEDULE_APPROVERS", ["Chánh Văn phòng"])
# Who acts for a request (user + agency): core's workflow views ask this
# function, so core needs no import of the organisation app.
EOFFICE_ACTOR_RESOLVER = "eoffice.organisation.access.current_actor"
EOFFICE_PLACE_NAME = env_str("EOFFICE_PLACE_NAME", "Hải Phòng")
# The serif documents embed (core/fonts.py): Liberation Serif unless Times New Roman is there.
EOFFICE_FONT_DIR = env_str("EOFFICE_FONT_DIR", "")
# The address citizens reach the site at: printed slips carry look-up links and QR codes to it.
EOFFICE_PUBLIC_URL = env_str("EOFFICE_PUBLIC_URL", "http://127.0.0.1:8000")
# E-mail (the acknowledgement of an online submission): off unless a mail server is named.
EOFFICE_EMAIL_HOST = env_str("EOFFICE_EMAIL_HOST", "")
EMAIL_HOST = EOFFICE_EMAIL_HOST or "localhost"
EMAIL_PORT = env_int("EOFFICE_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EOFFICE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("EOFFICE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EOFFICE_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env_str("EOFFICE_EMAIL_FROM", "eoffice@localhost")
# How mail leaves (notifications, the acknowledgement): "smtp" when a mail server is
# named, else one file per message under <var>/mail ("console" with EOFFICE_DEBUG).
EOFFICE_EMAIL_BACKEND = env_choice(
    "EOFFICE_EMAIL_BACKEND", "smtp" if EOFFICE_EMAIL_HOST else ("console" if DEBUG else "file"), {"smtp", "file", "console"}
)
EMAIL_BACKEND = f"django.core.mail.backends.{EOFFICE_EMAIL_BACKEND.replace('file', 'filebased')}.EmailBackend"
EMAIL_FILE_PATH = env_str("EOFFICE_EMAIL_DIR", str(VAR_DIR / "mail"))
# The notifications' daily digest goes at this hour (local time) to whoever has one.
EOFFICE_DIGEST_HOUR = env_int("EOFFICE_DIGEST_HOUR", 7, minimum=0)
if EOFFICE_DIGEST_HOUR > 23:
    raise ImproperlyConfigured(f"EOFFICE_DIGEST_HOUR={EOFFICE_DIGEST_HOUR}: expected an hour, 0 to 23.")
# One-stop deadlines are counted in half-day slots (buổi sáng, buổi chiều) of these office hours.
EOFFICE_ONESTOP_HOURS = env_office_hours("EOFFICE_ONESTOP_HOURS", "07:30-11:30,13:30-17:00")

# Digital signatures (docs/signatures.md): an RFC 3161 timestamp server makes
# signatures PAdES B-T; extra trusted root certificates beside <var>/pki/trust.
EOFFICE_TSA_URL = env_str("EOFFICE_TSA_URL", "")
EOFFICE_TRUST_DIR = env_str("EOFFICE_TRUST_DIR", "")
# Search (docs/search.md): "tantivy" (embedded, the index in a directory);
# "postgres" (full text in the default database, which must be PostgreSQL);
# "off" only for benchmarks of other parts.
EOFFICE_SEARCH_BACKEND = env_choice("EOFFICE_SEARCH_BACKEND", "tantivy", {"tantivy", "postgres", "off"})
if EOFFICE_SEARCH_BACKEND == "postgres" and "postgresql" not in DATABASES["default"]["ENGINE"]:
    raise ImproperlyConfigured("EOFFICE_SEARCH_BACKEND=postgres needs DATABASE_URL=postgres://…; use 'tantivy' with SQLite.")
EOFFICE_SEARCH_DIR = Path(env_str("EOFFICE_SEARCH_DIR", str(VAR_DIR / "search")))
EOFFICE_OCR_MAX_PAGES = env_int("EOFFICE_OCR_MAX_PAGES", 50, minimum=1)  # pages OCR'd per file; the rest skipped
# Document exchange (docs/edxml.md): "outbox" (a folder), "http" (the peers
# configured in the admin) or the dotted path of a transport class.
EOFFICE_EXCHANGE_TRANSPORT = env_str("EOFFICE_EXCHANGE_TRANSPORT", "outbox")
# A package that fails is sent again after 1, 2, 4 … minutes (at most an hour
# apart) until this many attempts, then waits in the dead letters.
EOFFICE_EXCHANGE_SEND_ATTEMPTS = env_int("EOFFICE_EXCHANGE_SEND_ATTEMPTS", 10, minimum=1)
EOFFICE_EXCHANGE_RETRY_SECONDS = env_int("EOFFICE_EXCHANGE_RETRY_SECONDS", 60, minimum=1)
EOFFICE_EXCHANGE_OUTBOX_DIR = env_str("EOFFICE_EXCHANGE_OUTBOX_DIR", "") or None
# Received packages: the inbox folder the worker polls, and the size cap of one
# package (the base64 of one file at EOFFICE_MAX_UPLOAD_MB is 4/3 larger).
EOFFICE_EXCHANGE_INBOX_DIR = env_str("EOFFICE_EXCHANGE_INBOX_DIR", "") or None
EOFFICE_EXCHANGE_MAX_PACKAGE_MB = env_int("EOFFICE_EXCHANGE_MAX_PACKAGE_MB", 100, minimum=1)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "eoffice.apitokens.auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "eoffice.core.parsers.SafeJSONParser",
        "eoffice.core.parsers.CleanFormParser",
        "eoffice.core.parsers.CleanMultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "eoffice.core.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "eoffice.core.api_errors.exception_handler",
    "DATE_INPUT_FORMATS": ["iso-8601"],
}
# API keys (eoffice/apitokens, django-rest-knox): stored as SHA-512 digests, valid
# EOFFICE_API_TOKEN_DAYS at most, EOFFICE_API_TOKENS_PER_USER valid keys a person.
EOFFICE_API_TOKEN_DAYS = env_int("EOFFICE_API_TOKEN_DAYS", 90, minimum=1)
EOFFICE_API_TOKENS_PER_USER = env_int("EOFFICE_API_TOKENS_PER_USER", 10, minimum=1)
KNOX_TOKEN_MODEL = "apitokens.ApiToken"  # noqa: S105 - a model name, not a secret
# knox's own migrations create its default token table even when swapped out; we never use it.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=EOFFICE_API_TOKEN_DAYS),
    "TOKEN_PREFIX": "eo_",  # recognisable in a leaked file or a secret scanner
    "AUTH_HEADER_PREFIX": "Token",  # the header clients already send
    "USER_SERIALIZER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "eOffice API",
    "DESCRIPTION": "API của Hệ thống văn phòng điện tử eOffice.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One readable name per choice set wherever it appears (fields of the same name
    # with different choices would otherwise get hashed names such as "Status90eEnum").
    "ENUM_NAME_OVERRIDES": {
        "DossierStatusEnum": "eoffice.onestop.models.Status",
        "ApplicantKindEnum": "eoffice.onestop.models.ApplicantKind",
        "ProcedureLevelEnum": "eoffice.onestop.models.Level",
        "SatisfactionEnum": "eoffice.onestop.models.Satisfaction",
        "IncomingStatusEnum": "eoffice.incoming.models.Status",
        "OutgoingStatusEnum": "eoffice.outgoing.models.Status",
        "IncomingTypeNameEnum": "eoffice.core.choices.INCOMING_TYPE_CHOICES",
        "OutgoingTypeNameEnum": "eoffice.outgoing.drafting.validation.TYPE_NAMES",
        "DocumentPriorityEnum": "eoffice.core.choices.Priority",
        "TaskStatusEnum": "eoffice.operations.models.TaskStatus",
        "TaskPriorityEnum": "eoffice.operations.models.TaskPriority",
        "TaskExtensionStatusEnum": "eoffice.operations.models.ExtensionStatus",
        "MeetingStatusEnum": "eoffice.operations.models.MeetingStatus",
        "MeetingReplyEnum": "eoffice.operations.models.Reply",
        "WeekStatusEnum": "eoffice.operations.models.schedule.WeekStatus",
        "NotificationChannelEnum": "eoffice.notifications.models.Channel",
        "DossierChannelEnum": "eoffice.onestop.models.Channel",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("EOFFICE_LOG_LEVEL", "WARNING")},
}
