"""Serving: 50 clients against the server `make run` starts, on the demo office.

Set-up, as `make run` does it: `migrate`, `load_demo` (about 300 incoming
documents; EOFFICE_2FA_ROLES empty, so nobody is asked for a second factor),
`search_repair`, `collectstatic`, then supervisord with deploy/supervisord.conf:
gunicorn (deploy/gunicorn.conf.py, its workers and threads from the CPU count)
and the job worker, EOFFICE_DEBUG=0, on a free port. The run starts once /readyz
answers and the worker has emptied the queue `load_demo` filled.

50 clients (threads of this process), each with its own keep-alive connection
and cookies like a browser, sign in as the office's clerk, unit heads and
specialists (in turn), then for a fixed time loop over: the inbox, the page of
an incoming document that person may see (picked at random among
`IncomingDocument.objects.visible_to(actor)`), and a search for a word of
those documents' subjects. Baseline, same clients, same sessions, same server,
right after: /healthz for as long. Each request is timed from sending to the
last byte; an error is any answer but 200, or a failed connection (a keep-alive
connection the server had closed is opened again and the request sent once
more, as browsers do: counted as a retry, not an error).

Also: the audit rows written meanwhile (reads and searches are logged once per
person, record or search words and hour, each row chained to the last by its
hash) and whether `audit_verify` still passes afterwards."""

import http.client
import os
import random
import re
import runpy
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 50
PASSWORD = "bench-demo-password"  # noqa: S105 - the demo users' password in the throw-away database
KINDS = ("inbox", "document", "search")


def use_make_run_settings() -> None:
    """The environment `make run` serves with, before Django reads it: the
    default job queue and search (the bench's own defaults are for the other
    sections), no debug, no second factor for the bench's clients."""
    for name in ("EOFFICE_TASKS", "EOFFICE_SEARCH_BACKEND"):
        os.environ.pop(name, None)
    os.environ.update(EOFFICE_DEBUG="0", EOFFICE_2FA_ROLES="", DEMO_PASSWORD=PASSWORD)


# ------------------------------------------------------------------ clients


class Client:
    """One browser: a keep-alive connection and its cookies."""

    def __init__(self, port: int, username: str):
        self.port, self.username = port, username
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None
        self.retries = 0
        self.turn = 0  # the next request of the mixed workload

    def send(self, path: str, body: bytes | None = None, headers: dict | None = None) -> tuple[int, bytes]:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        method = "POST" if body is not None else "GET"
        while True:
            reused = self.connection is not None
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                self.connection.request(method, path, body, headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except ConnectionError:  # the server closed an idle connection: open another, once
                self.close()
                if not reused:
                    raise
                self.retries += 1
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value
        if response.will_close:
            self.close()
        return response.status, data

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def sign_in(self) -> float:
        started = time.perf_counter()
        _, page = self.send("/dang-nhap/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token is None:
            raise RuntimeError("no CSRF token on the sign-in page")
        form = {"csrfmiddlewaretoken": token[1].decode(), "username": self.username, "password": PASSWORD, "next": ""}
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        status, _ = self.send("/dang-nhap/", urlencode(form).encode(), headers)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"{self.username} could not sign in (HTTP {status})")
        return time.perf_counter() - started


def run_load(clients: list[Client], paths, seconds: float) -> dict:
    """Every client asks `paths(client, rng)`'s (kind, path) in a loop for `seconds`."""
    samples: dict[str, list[float]] = {}
    errors: dict[str, Counter] = {}
    lock = threading.Lock()
    ready = threading.Barrier(len(clients) + 1)
    ends: list[float] = []
    start = 0.0

    def work(client: Client, seed: int) -> None:
        rng, mine, failed = random.Random(seed), [], []
        ready.wait()
        while time.perf_counter() < start + seconds:
            kind, path = paths(client, rng)
            began = time.perf_counter()
            try:
                status, _ = client.send(path)
                error = None if status == 200 else f"HTTP {status}"
            except (OSError, http.client.HTTPException) as exc:
                client.close()
                error = type(exc).__name__
            mine.append((kind, time.perf_counter() - began))
            if error:
                failed.append((kind, error))
        with lock:
            ends.append(time.perf_counter())
            for kind, took in mine:
                samples.setdefault(kind, []).append(took)
            for kind, error in failed:
                errors.setdefault(kind, Counter())[error] += 1

    for client in clients:
        client.close()  # idle since the sign-in: the server may have closed it
        client.retries = 0
    threads = [threading.Thread(target=work, args=(c, n)) for n, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    start = time.perf_counter()
    ready.wait()
    for thread in threads:
        thread.join()
    elapsed = max(ends) - start
    return _summary(samples, errors, elapsed, sum(c.retries for c in clients))


def _summary(samples: dict[str, list[float]], errors: dict[str, Counter], elapsed: float, retries: int) -> dict:
    from bench.measure import timing

    kinds = {}
    for kind, times in samples.items():
        failed = sum(errors.get(kind, Counter()).values())
        kinds[kind] = {
            "requests": len(times),
            "errors": failed,
            "error_kinds": dict(errors.get(kind, Counter())),
            "per_s": round((len(times) - failed) / elapsed, 1),
            **timing(times),
        }
    every = [t for times in samples.values() for t in times]
    failed = sum(k["errors"] for k in kinds.values())
    return {
        "seconds": round(elapsed, 1),
        "requests": len(every),
        "errors": failed,
        "retries": retries,
        "per_s": round((len(every) - failed) / elapsed, 1),
        "all": timing(every),
        "kinds": kinds,
    }


# ------------------------------------------------------------------- server


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def make_run_server(log):
    """supervisord as `make run` starts it (gunicorn and the job worker); yields
    the port and a count of the web workers gunicorn has started so far (it
    replaces one after max_requests)."""
    port = _free_port()
    var = Path(os.environ["EOFFICE_VAR_DIR"])
    env = os.environ | {"PORT": str(port), "EOFFICE_ROOT": str(ROOT), "EOFFICE_BIN": str(Path(sys.executable).parent)}
    path = var / "serving-server.log"
    output = path.open("w")
    server = subprocess.Popen(  # noqa: S603 - supervisord of our virtualenv, our config file
        [str(Path(sys.executable).parent / "supervisord"), "-c", "deploy/supervisord.conf"],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: nothing is left behind if it does not stop
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if Client(port, "").send("/readyz")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: see {path}")
            time.sleep(0.3)
        yield port, lambda: path.read_text(errors="replace").count("Booting worker")
    finally:
        server.send_signal(signal.SIGTERM)  # supervisord stops both programs
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        output.close()


def _wait_for_queue(log, timeout: float = 300) -> dict:
    """The jobs `load_demo` queued (text extraction, indexing) run in the worker
    at start: wait for it to be idle, so that they do not share the run."""
    from huey.contrib.djhuey import HUEY

    started, queued = time.monotonic(), HUEY.pending_count()
    while HUEY.pending_count() and time.monotonic() - started < timeout:
        time.sleep(1)
    left = HUEY.pending_count()
    log(f"[serving] the worker ran {queued - left} queued jobs in {time.monotonic() - started:.0f} s ({left} left)")
    return {"queued_at_start": queued, "left": left, "seconds": round(time.monotonic() - started, 1)}


# --------------------------------------------------------------------- run


def people() -> list[dict]:
    """The office's people who handle incoming documents, with what each may see."""
    from eoffice.demo.catalog import OFFICE, PEOPLE
    from eoffice.incoming.models import IncomingDocument
    from eoffice.organisation.models import Role, User
    from eoffice.organisation.selectors import build_actor, default_agency

    handlers = {Role.CLERK, Role.UNIT_HEAD, Role.SPECIALIST}
    out = []
    for spec in PEOPLE:
        agency_key, _, role, _ = spec.roles[0]
        if agency_key != OFFICE or role not in handlers:
            continue
        user = User.objects.get(username=spec.username)
        agency = default_agency(user)
        assert agency is not None
        documents = list(IncomingDocument.objects.visible_to(build_actor(user, agency)).values_list("pk", "subject"))
        words = sorted({w for _, subject in documents for w in subject.lower().split() if len(w) >= 4 and w.isalpha()})
        if documents and words:
            out.append({"username": spec.username, "role": role, "pks": [pk for pk, _ in documents], "words": words})
    return out


def _audit_counts() -> Counter:
    from django.db.models import Count

    from eoffice.audit.models import AuditEvent

    return Counter(dict(AuditEvent.objects.order_by().values_list("action").annotate(n=Count("id"))))


def _audit_verify() -> dict:
    from django.core.management import CommandError, call_command

    out, err = StringIO(), StringIO()
    try:
        call_command("audit_verify", stdout=out, stderr=err)
    except CommandError as exc:
        return {"passed": False, "message": f"{exc} {err.getvalue().strip()[:500]}"}
    return {"passed": True, "message": out.getvalue().strip().splitlines()[-1]}


def _timed(log, what: str, *command: str) -> float:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command(*command, stdout=StringIO())
    took = time.perf_counter() - started
    log(f"[serving] {what} in {took:.1f} s")
    return round(took, 1)


def measure_serving(*, seconds: float, log) -> dict:
    from django.db import connection
    from django.urls import reverse

    from bench.measure import percentile
    from eoffice.incoming.models import IncomingDocument

    setup: dict[str, Any] = {
        "migrate_s": _timed(log, "migrated", "migrate", "--noinput"),
        "load_demo_s": _timed(log, "loaded the demo office (load_demo)", "load_demo"),
        "search_repair_s": _timed(log, "search index repaired", "search_repair"),
        "collectstatic_s": _timed(log, "static files collected", "collectstatic", "--noinput"),
        "documents": IncomingDocument.objects.count(),
    }
    cast = people()
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    server = {k: config[k] for k in ("workers", "threads", "worker_class", "keepalive", "max_requests", "max_requests_jitter")}
    inbox, search = reverse("inbox"), reverse("search")
    pages = {p["username"]: p for p in cast}

    def mixed(client: Client, rng: random.Random) -> tuple[str, str]:
        kind = KINDS[client.turn % len(KINDS)]
        client.turn += 1
        mine = pages[client.username]
        if kind == "inbox":
            return kind, inbox
        if kind == "document":
            return kind, reverse("incoming-detail", args=[rng.choice(mine["pks"])])
        return kind, f"{search}?q={quote(rng.choice(mine['words']))}"

    with make_run_server(log) as (port, workers_started):
        setup["queue"] = _wait_for_queue(log)
        connection.close()
        clients = [Client(port, cast[n % len(cast)]["username"]) for n in range(CLIENTS)]
        started = time.perf_counter()
        with ThreadPoolExecutor(CLIENTS) as pool:  # all at once
            logins = list(pool.map(Client.sign_in, clients))
        sign_in = {
            "seconds": round(time.perf_counter() - started, 1),
            "p50_ms": round(percentile([t * 1000 for t in logins], 50), 1),
        }
        log(f"[serving] {CLIENTS} clients signed in at once in {sign_in['seconds']} s; mixed workload for {seconds:.0f} s")
        before, boots = _audit_counts(), workers_started()
        load = {"mixed": run_load(clients, mixed, seconds)}
        during = _audit_counts() - before
        load["mixed"]["worker_restarts"], boots = workers_started() - boots, workers_started()
        log(f"[serving] {_line(load['mixed'])}; /healthz for {seconds:.0f} s")
        load["healthz"] = run_load(clients, lambda client, rng: ("healthz", "/healthz"), seconds)
        load["healthz"]["worker_restarts"] = workers_started() - boots
        log(f"[serving] {_line(load['healthz'])}")
        for client in clients:
            client.close()
    verify = _audit_verify()
    log(f"[serving] audit_verify: {'passed' if verify['passed'] else 'FAILED'}: {verify['message']}")
    mixed_run, healthz = load["mixed"], load["healthz"]
    return {
        "clients": CLIENTS,
        "seconds": seconds,
        "server": server,
        "setup": setup,
        "people": [{"username": p["username"], "role": p["role"], "documents": len(p["pks"])} for p in cast],
        "sign_in": sign_in,
        **load,
        "ratio_mixed_to_healthz_per_s": round(mixed_run["per_s"] / healthz["per_s"], 3),
        "ratio_p95_mixed_to_healthz": round(mixed_run["all"]["p95_ms"] / healthz["all"]["p95_ms"], 2),
        "audit": {
            "access_rows": sum(n for action, n in during.items() if action.startswith("access.")),
            "rows": sum(during.values()),
            "by_action": dict(during),
            "verify": verify,
        },
    }


def _line(run: dict) -> str:
    kinds = ", ".join(f"{k} p95 {v['p95_ms']:.0f} ms" for k, v in run["kinds"].items())
    return (
        f"{run['requests']:,} requests, {run['per_s']}/s, {run['errors']} errors, {run['retries']} retries, "
        f"{run['worker_restarts']} web worker restarts; {kinds}"
    )
