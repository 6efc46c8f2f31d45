"""gunicorn for `make run` and production: threaded workers sized from the CPU
count, each setting overridable from the environment (see docs/deploy.md)."""

import multiprocessing
import os

wsgi_app = "eoffice.wsgi:application"
bind = os.environ.get("EOFFICE_BIND") or f"127.0.0.1:{os.environ.get('PORT') or '8000'}"
# The embedded cache (EOFFICE_CACHE=locmem) lives in one process's memory: the
# rate limits, API throttles and double-submit guards count there, so it gets
# one process with many threads. With Redis shared by every process, processes
# for the CPU-bound work (PDF rendering, signing): 2 × cores + 1, at most 9.
_SHARED_CACHE = os.environ.get("EOFFICE_CACHE", "locmem") == "redis"
workers = int(os.environ.get("EOFFICE_WORKERS") or (min(2 * multiprocessing.cpu_count() + 1, 9) if _SHARED_CACHE else 1))
threads = int(os.environ.get("EOFFICE_THREADS") or (4 if _SHARED_CACHE else 16))
worker_class = "gthread"
backlog = 2048  # a burst of clients waits for a thread instead of being refused
timeout = int(os.environ.get("EOFFICE_REQUEST_TIMEOUT") or 120)  # a long PDF to sign, a register to print
graceful_timeout = 30
keepalive = 5
max_requests, max_requests_jitter = 5000, 500  # recycle workers: no slow leak lives for ever
control_socket_disable = True  # nothing to control from outside: supervisord restarts it
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
