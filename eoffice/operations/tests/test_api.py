"""Tasks through /api/v1/tasks/ with tokens: create, list, the steps (done,
409 in the wrong state, 403 by the wrong person, 404 for another agency),
the statistics, and the OpenAPI schema."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator

from eoffice.conftest import PDF_BYTES
from eoffice.core.tests.api_helpers import API, login
from eoffice.operations.models import Task, TaskStatus

pytestmark = pytest.mark.django_db
URL = f"{API}/tasks"


def test_create_list_and_the_whole_story(crew):
    leader, head = login("chanhvp"), login("truongphong")
    body = {"title": "Báo cáo quý", "lead_unit": "TH", "coordinating_units": ["KT"], "working_days": 5, "priority": "urgent"}
    created = leader.post(f"{URL}/", body, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["coordinating_units"] == ["KT"] and created.json()["deadline"]
    assert [t["id"] for t in head.get(f"{URL}/?tab=waiting").json()["results"]] == [pk]
    assert head.post(f"{URL}/{pk}/start/").json()["status"] == TaskStatus.IN_PROGRESS
    upload = SimpleUploadedFile("tien-do.pdf", PDF_BYTES, content_type="application/pdf")
    progress = head.post(
        f"{URL}/{pk}/report-progress/", {"percent": 50, "note": "Một nửa", "files": [upload]}, format="multipart"
    )
    assert progress.status_code == 200, progress.content
    assert progress.json()["reports"][0]["files"] == ["tien-do.pdf"]
    deadline = progress.json()["deadline"]
    later = (Task.objects.get(pk=pk).deadline + timedelta(days=5)).isoformat()
    assert (
        head.post(f"{URL}/{pk}/request-extension/", {"deadline": later, "reason": "Chờ số liệu"}, format="json").status_code
        == 200
    )
    granted = leader.post(f"{URL}/{pk}/grant-extension/", {}, format="json").json()
    assert granted["deadline"] == later and granted["original_deadline"] == deadline
    assert head.post(f"{URL}/{pk}/complete/", {"note": "Xong"}, format="json").json()["status"] == TaskStatus.COMPLETED
    accepted = leader.post(f"{URL}/{pk}/accept/").json()
    assert accepted["status"] == TaskStatus.ACCEPTED
    assert [e["action"] for e in accepted["trace"]][-1] == "accept"


def error(response) -> dict:
    return response.json()["error"]


def test_bad_input_has_the_error_shape(crew):
    leader, head = login("chanhvp"), login("truongphong")
    past = (crew.today - timedelta(days=1)).isoformat()
    refused = leader.post(f"{URL}/", {"title": "Việc", "lead_unit": "TH", "deadline": past}, format="json")
    assert refused.status_code == 400 and "deadline" in error(refused)["fields"] and "đã qua" in error(refused)["message"]
    unknown = leader.post(f"{URL}/", {"title": "Việc", "lead_unit": "ZZ", "ongoing": True}, format="json")
    assert unknown.status_code == 400 and "lead_unit" in error(unknown)["fields"]
    assert not Task.objects.exists()
    pk = leader.post(f"{URL}/", {"title": "Việc", "lead_unit": "TH", "ongoing": True}, format="json").json()["id"]
    not_completed = leader.post(f"{URL}/{pk}/accept/")
    assert not_completed.status_code == 409 and error(not_completed)["code"] == "invalid_state"
    assert head.post(f"{URL}/{pk}/cancel/", {"reason": "x"}, format="json").status_code == 403
    head.post(f"{URL}/{pk}/complete/", {"note": "Xong"}, format="json")
    extension = head.post(f"{URL}/{pk}/request-extension/", {"deadline": "2099-01-01", "reason": "x"}, format="json")
    assert extension.status_code == 409 and "đã hoàn thành" in error(extension)["message"]
    assert (
        login("chuyenvien").post(f"{URL}/", {"title": "Việc", "lead_unit": "TH", "ongoing": True}, format="json").status_code
        == 403
    )
    assert leader.get(f"{URL}/?status=nope").status_code == 400


def test_another_agency_gets_404(crew):
    task = crew.task()
    other = login("giamdoc")
    assert other.get(f"{URL}/{task.pk}/").status_code == 404
    assert other.post(f"{URL}/{task.pk}/start/").status_code == 404
    assert other.get(f"{URL}/").json()["results"] == []


def test_statistics(crew):
    crew.task()
    figures = login("chanhvp").get(f"{API}/tasks/statistics/").json()
    assert figures["total"]["assigned"] == 1 and figures["rows"][0]["unit"] == "Phòng Tổng hợp"
    assert figures["rows"][0]["within_deadline"] == 1
    assert login("chuyenvien").get(f"{API}/tasks/statistics/").status_code == 403


def test_schema_documents_every_task_operation():
    GENERATOR_STATS.reset()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    mine = re.compile(r"TaskViewSet|TaskStatistics|operations[./]")
    assert [message for message in GENERATOR_STATS._warn_cache if mine.search(message)] == []
    paths = schema["paths"]
    for path in ("/api/v1/tasks/", "/api/v1/tasks/{id}/", "/api/v1/tasks/statistics/", "/api/v1/tasks/{id}/grant-extension/"):
        assert path in paths
    assert "requestBody" in paths["/api/v1/tasks/{id}/request-extension/"]["post"]
