"""A schema-driven fuzz of the whole API (schemathesis, in-process): every operation of
the OpenAPI schema, as a registry clerk, a one-stop counter officer, an administrator
and anonymously, with valid and invalid data, must answer no 5xx and exactly what the
schema says (a documented status code, its content type, a body matching its schema).

Reproducible: Hypothesis is derandomized, so CI sends the same requests every run.
Each request runs in a savepoint rolled back after it (writes are fuzzed too, but every
example sees the same data), with the rate-limit counters emptied. Run it alone:
    pytest -p no:cacheprovider eoffice/core/tests/test_api_fuzz.py
docs/api.md ("Fuzzing the API") says what it checks."""

import json
import logging
import os
import traceback
from datetime import date
from types import SimpleNamespace

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import got_request_exception
from django.db import transaction
from django.test.client import ClientHandler
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from eoffice.apitokens.services import token_issue
from eoffice.conftest import PDF_BYTES, make_pdf, person
from eoffice.core.tests.api_helpers import PASSWORD
from eoffice.incoming.handling.services import incoming_direct, incoming_submit
from eoffice.incoming.receiving.services import incoming_register
from eoffice.incoming.tests.test_api_story import document_fields
from eoffice.onestop.dossiers.services import dossier_request_supplement, dossier_return
from eoffice.onestop.tests.factories import make_onestop, process_to_result, receive, submit_online
from eoffice.organisation.models import Role
from eoffice.outgoing.drafting.services import outgoing_create
from eoffice.outgoing.issuance.services import outgoing_sign
from eoffice.outgoing.review.services import outgoing_approve, outgoing_submit
from eoffice.outgoing.tests.conftest import draft_data, issue_through, office  # noqa: F401 - office is a fixture

pytestmark = pytest.mark.django_db

# Examples per operation and user; EOFFICE_FUZZ_SCALE=10 for a deeper run by hand.
SCALE = int(os.environ.get("EOFFICE_FUZZ_SCALE", "1"))
EXAMPLES = {GenerationMode.POSITIVE: 10 * SCALE, GenerationMode.NEGATIVE: 5 * SCALE}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SLIPS = ["receipt", "control-sheet", "supplement", "refusal", "apology"]


def the_schema() -> dict:
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


class DjangoApp:
    """Django as a WSGI application on the test database: Django's test handler keeps
    the test's connection open (the plain WSGI handler would close it after each request)."""

    def __init__(self) -> None:
        self.handler = ClientHandler(enforce_csrf_checks=False)

    def __call__(self, environ, start_response):
        response = self.handler(environ)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        headers = [*response.items(), *(("Set-Cookie", c.output(header="").strip()) for c in response.cookies.values())]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        return [content]


def build_data(people):
    """The test cast with one of everything the API shows: incoming documents registered,
    submitted and directed (an open assignment), outgoing documents drafted (with an
    attachment), signed and issued, dossiers received, submitted online and returned;
    an administrator."""
    c = make_onestop(people)
    c.admin = person("quantri", c.office, Role.ADMIN, position="Quản trị hệ thống")
    c.admin.is_superuser = True
    c.admin.save()
    clerk = c.actor(c.clerk)
    registered = incoming_register(actor=clerk, data=_incoming(code_number="125"), files=[make_pdf()])
    submitted = incoming_register(actor=clerk, data=_incoming(code_number="126"))
    incoming_submit(actor=clerk, document=submitted, leader=c.leader)
    directed = incoming_register(actor=clerk, data=_incoming(code_number="127"))
    incoming_submit(actor=clerk, document=directed, leader=c.leader)
    incoming_direct(actor=c.actor(c.leader), document=directed, opinion="Giao Phòng Tổng hợp", lead_unit=c.tonghop)
    draft = outgoing_create(actor=c.actor(c.specialist), data=draft_data(), signer=c.leader, files=[make_pdf()])
    signed = signed_draft(c)
    issued = issue_through(c)
    returned = receive(c)
    process_to_result(c, returned)
    dossier_return(actor=c.actor(c.one_stop), dossier=returned)
    ready = receive(c)
    process_to_result(c, ready)
    waiting = receive(c)
    dossier_request_supplement(actor=c.actor(c.one_stop), dossier=waiting, items=["Bản vẽ"], reason="Thiếu bản vẽ")
    dossiers = [receive(c), submit_online(c), returned, ready, waiting]
    return SimpleNamespace(
        cast=c,
        ids={
            "incoming": [registered.pk, submitted.pk, directed.pk],
            "assignments": list(directed.assignments.values_list("pk", flat=True)),
            "outgoing": [draft.pk, signed.pk, issued.pk],
            "attachments": list(draft.attachments.values_list("pk", flat=True)),
            "dossiers": [d.pk for d in dossiers],
            "dossier_codes": [d.code for d in dossiers],
            "procedure_codes": [c.procedure.code],
        },
    )


def signed_draft(c):
    document = outgoing_create(actor=c.actor(c.specialist), data=draft_data(), signer=c.leader)
    outgoing_submit(actor=c.actor(c.specialist), document=document)
    outgoing_approve(actor=c.actor(c.head), document=document)
    outgoing_approve(actor=c.actor(c.checker), document=document)
    return outgoing_sign(actor=c.actor(c.leader), document=document)


def _incoming(**overrides):
    data = document_fields(**overrides)
    for key in ("issued_date", "arrival_date", "due_date"):
        data[key] = date.fromisoformat(data[key])
    return data


def known_values(path: str, data) -> dict[str, list]:
    """Values of the path parameters of `path` that name real objects."""
    ids = data.ids
    if path.startswith("/api/v1/public/"):
        return {"code": ids["dossier_codes"]}
    if path.startswith("/api/v1/procedures/"):
        return {"code": ids["procedure_codes"]}
    section = path.split("/")[3]
    values = {"id": ids.get(section, [])}
    if "{attachment_pk}" in path:
        values["attachment_pk"] = ids["attachments"]
    if "{kind}" in path:
        values["kind"] = SLIPS
    return values


def real_fields(data) -> dict[str, list]:
    """Values of query and body fields that a random string would almost never hit:
    people, a published procedure, the citizen's phone digits, a year, a real file."""
    return {
        "leader": ["chanhvp"],
        "user": ["chuyenvien", "truongphong"],
        "username": ["vanthu", "motcua"],
        "password": [PASSWORD],
        "phone_last4": ["5678"],
        "procedure": data.ids["procedure_codes"],
        "year": [2026, "2026"],
        "file": [PDF_BYTES],
        "files": [[PDF_BYTES]],
        "result_file": [PDF_BYTES],
        "X-Eoffice-Agency": [str(data.cast.office.pk)],
    }


FILE_FIELDS = {"file", "files", "result_file"}


def file_fields(operation) -> set[str]:
    """The file parts of the operation's multipart body, as the schema names them."""
    content = operation.definition.raw.get("requestBody", {}).get("content", {})
    ref = content.get("multipart/form-data", {}).get("schema", {}).get("$ref", "")
    properties = operation.schema.raw_schema["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {}).get("properties", {})
    return {name for name, field in properties.items() if "binary" in json.dumps(field)} & FILE_FIELDS


def with_real_values(case, values: dict, files: set[str]):
    """`case` with the real values of the fields it has; its file parts (sent as multipart
    only) always get the PDF, so that uploads are fuzzed past the type check."""
    for container in (case.headers, case.query, case.body):
        if isinstance(container, dict):
            container.update({name: value for name, value in values.items() if name in container and name not in FILE_FIELDS})
    if files and isinstance(case.body, dict) and (case.media_type or "").startswith("multipart/"):
        case.body.update({name: values[name] for name in files})
    return case


def cases(operation, mode, data):
    """Generated cases; in half of them the path names objects that exist and, for valid
    data, the fields of real_fields() hold real values and files are real."""
    generated = operation.as_strategy(generation_mode=mode)
    known = {name: values for name, values in known_values(operation.path, data).items() if values}
    names = {p.name for p in operation.path_parameters}
    if not names <= set(known):
        return generated
    files = file_fields(operation) if mode is GenerationMode.POSITIVE else set()
    media_type = "multipart/form-data" if files else None
    path = st.fixed_dictionaries({name: st.sampled_from(known[name]) for name in names})
    real = path.flatmap(lambda params: operation.as_strategy(generation_mode=mode, path_parameters=params, media_type=media_type))
    if mode is GenerationMode.POSITIVE:
        fields = st.fixed_dictionaries({name: st.sampled_from(v) for name, v in real_fields(data).items()})
        real = st.tuples(real, fields).map(lambda pair: with_real_values(*pair, files))
    return st.one_of(generated, real)


def fuzz(operation, mode, headers, data, app, errors):
    """Every example of `operation`; each failure appended to `errors` (no shrinking:
    the first failing request is reported as sent)."""
    found: set[str] = set()

    @settings(
        max_examples=EXAMPLES[mode],
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases(operation, mode, data))
    def run(case):
        cache.clear()
        server_errors: list[str] = []

        def record(sender, request=None, **kwargs):
            server_errors.append(traceback.format_exc())

        got_request_exception.connect(record)
        try:
            with transaction.atomic():
                response = case.call(app=app, headers=headers)
                transaction.set_rollback(True)
            case.validate_response(response, checks=CHECKS)
        except FailureGroup as failure:
            key = " | ".join(sorted({type(f).__name__ + ":" + f.title for f in failure.exceptions}))
            if key not in found:
                found.add(key)
                errors.append(f"{operation.label} [{mode.value}]\n{failure}\n{''.join(server_errors)}")
        finally:
            got_request_exception.disconnect(record)

    try:
        run()
    except Unsatisfiable:
        # No invalid request exists for an operation without parameters or body.
        assert mode is GenerationMode.NEGATIVE, operation.label


@pytest.fixture(scope="module")
def api_schema(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        schema = schemathesis.openapi.from_dict(the_schema())
    schema.config.generation.update(with_security_parameters=False, allow_x00=False)
    return schema


@pytest.fixture
def quiet_logs():
    """Thousands of refused requests: their warnings would bury the report."""
    loggers = [logging.getLogger(name) for name in ("django.request", "eoffice.errors")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.mark.usefixtures("quiet_logs")
@pytest.mark.parametrize("username", ["vanthu", "motcua", "quantri", None], ids=["clerk", "counter", "admin", "anonymous"])
def test_no_operation_answers_a_server_error_or_breaks_the_schema(api_schema, office, username):  # noqa: F811
    data = build_data(office)
    headers = {}
    if username:
        user = getattr(data.cast, {"vanthu": "clerk", "motcua": "one_stop", "quantri": "admin"}[username])
        headers["Authorization"] = f"Token {token_issue(user)[1]}"
    app = DjangoApp()
    errors: list[str] = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        for mode in EXAMPLES:
            fuzz(operation, mode, headers, data, app, errors)
    assert not errors, f"{len(errors)} failures:\n\n" + "\n\n".join(errors)
