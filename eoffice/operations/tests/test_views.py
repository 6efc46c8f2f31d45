"""The pages: list, create (also from an incoming document), task page and its steps, the book."""

from datetime import timedelta

import pytest
from django.urls import reverse

from eoffice.operations.models import Task, TaskStatus

pytestmark = pytest.mark.django_db


def client_for(client, user):
    client.force_login(user)
    return client


def test_list_tabs_and_filters(client, crew):
    task = crew.task()
    crew.task(title="Việc của Phòng Kinh tế", lead_unit=crew.kinhte)
    page = client_for(client, crew.head).get(reverse("operations:task-list"))
    assert page.status_code == 200 and task.title in page.content.decode()
    assert "Phòng Kinh tế" not in page.content.decode().split("<tbody>")[1]
    everyone = client_for(client, crew.leader).get(reverse("operations:task-list") + "?tab=all&overdue=on")
    assert everyone.status_code == 200 and "Không có nhiệm vụ nào" in everyone.content.decode()


def test_the_list_shows_open_tasks_first_ongoing_after_dated_then_completed_accepted_cancelled(client, crew):
    statuses = [TaskStatus.CANCELLED, TaskStatus.ACCEPTED, TaskStatus.COMPLETED, TaskStatus.IN_PROGRESS, TaskStatus.ASSIGNED]
    for status in statuses:  # the same deadline: only the status decides
        Task.objects.filter(pk=crew.task(title=f"Nhiệm vụ {status.label}").pk).update(status=status)
    crew.task(title="Nhiệm vụ thường xuyên", ongoing=True)  # open, no deadline: after the open ones that have one
    page = client_for(client, crew.leader).get(reverse("operations:task-list") + "?tab=all").content.decode()
    titles = [f"Nhiệm vụ {status.label}" for status in statuses] + ["Nhiệm vụ thường xuyên"]
    shown = sorted(titles, key=page.index)
    assert shown[2:] == ["Nhiệm vụ thường xuyên"] + [f"Nhiệm vụ {s.label}" for s in statuses[2::-1]]
    assert set(shown[:2]) == {f"Nhiệm vụ {TaskStatus.ASSIGNED.label}", f"Nhiệm vụ {TaskStatus.IN_PROGRESS.label}"}


def test_create_from_an_incoming_document_prefills_the_source(client, crew):
    from eoffice.conftest import incoming_data
    from eoffice.incoming.models import IncomingDocument
    from eoffice.incoming.receiving.services import incoming_register

    document = incoming_register(actor=crew.actor(crew.clerk), data=incoming_data(), files=[])
    assert isinstance(document, IncomingDocument)
    url = reverse("operations:task-create") + f"?incoming={document.pk}"
    form = client_for(client, crew.leader).get(url)
    assert form.status_code == 200 and document.subject in form.content.decode()
    detail = client.get(reverse("incoming-detail", args=[document.pk]))
    assert reverse("operations:task-create") in detail.content.decode()
    data = {
        "title": document.subject, "assigner": crew.leader.pk, "lead_unit": crew.tonghop.pk, "working_days": 5,
        "priority": "normal", "recurrence": "none", "source_kind": "incoming", "incoming": document.pk,
    }  # fmt: skip
    done = client.post(url, data)
    task = Task.objects.get()
    assert done.status_code == 302 and task.incoming == document


def test_create_refused_keeps_the_input(client, crew):
    data = {
        "title": "Việc gấp", "assigner": crew.leader.pk, "lead_unit": crew.tonghop.pk, "priority": "urgent",
        "recurrence": "none", "source_kind": "leader", "deadline": (crew.today - timedelta(days=2)).isoformat(),
    }  # fmt: skip
    page = client_for(client, crew.leader).post(reverse("operations:task-create"), data)
    assert (
        page.status_code == 400
        and "Hạn không được trước ngày hôm nay" in page.content.decode()
        and "Việc gấp" in page.content.decode()
    )
    assert not Task.objects.exists()
    assert client_for(client, crew.specialist).get(reverse("operations:task-create")).status_code == 403


def test_the_page_offers_the_steps_and_a_step_refused_shows_why(client, crew):
    task = crew.task()
    page = client_for(client, crew.head).get(reverse("operations:task-detail", args=[task.pk]))
    body = page.content.decode()
    assert 'data-step="start"' in body and 'data-step="accept"' not in body
    url = reverse("operations:task-request-extension", args=[task.pk])
    refused = client.post(url, {"extension-deadline": task.deadline.isoformat(), "extension-reason": "Cần thêm"})
    assert refused.status_code == 400 and "sau hạn hiện tại" in refused.content.decode()
    assert client.post(reverse("operations:task-start", args=[task.pk])).status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS


def test_another_agency_gets_404(client, crew):
    task = crew.task()
    client_for(client, crew.other_leader)
    assert client.get(reverse("operations:task-detail", args=[task.pk])).status_code == 404
    assert client.post(reverse("operations:task-start", args=[task.pk])).status_code == 404


def test_book_page_and_xlsx(client, crew):
    crew.task()
    page = client_for(client, crew.leader).get(reverse("operations:task-book"))
    assert page.status_code == 200 and "Phòng Tổng hợp" in page.content.decode()
    xlsx = client.get(reverse("operations:task-book-xlsx"))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client_for(client, crew.specialist).get(reverse("operations:task-book")).status_code == 403
