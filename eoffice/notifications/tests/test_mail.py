from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.template.loader import get_template
from django.utils import timezone

from eoffice.notifications import mail as mail_module
from eoffice.notifications.mail import NotSent, send_digests
from eoffice.notifications.models import Channel, DigestRun, Notification, Preference
from eoffice.notifications.services import mark_read, notify
from eoffice.notifications.tasks import digest_due, digest_task

pytestmark = pytest.mark.django_db
DAY = date(2026, 12, 5)
DIGEST_TEXT = (
    "Kính gửi đồng chí Nguyễn Văn chanhvp,\n"
    "\n"
    "Ngày 05/12/2026, trên eOffice có 3 việc chờ đồng chí:\n"
    "\n"
    "Văn bản đến\n"
    '- Văn bản "A" & <B> (<at>)\n'
    "  http://127.0.0.1:8000/thong-bao/<0>/mo/\n"
    "- Văn bản C's (<at>)\n"
    "  http://127.0.0.1:8000/thong-bao/<2>/mo/\n"
    "\n"
    "Lịch công tác, cuộc họp và nhiệm vụ\n"
    "- Nhiệm vụ quá hạn (<at>)\n"
    "  http://127.0.0.1:8000/thong-bao/<1>/mo/\n"
    "\n"
    "Xem tất cả thông báo: http://127.0.0.1:8000/thong-bao/\n"
    "Chọn cách nhận thư thông báo: http://127.0.0.1:8000/thong-bao/cai-dat/\n"
    "\n"
    "Thư này được gửi tự động, xin không trả lời.\n"
    "\n"
)
DIGEST_HTML = (
    "<!DOCTYPE html>\n"
    '<html lang="vi"><head><meta charset="utf-8"><title>eOffice</title></head>\n'
    '<body style="font-family: Arial, sans-serif; font-size: 15px; color: #1a1a1a">\n'
    "<p>Kính gửi đồng chí Nguyễn Văn chanhvp,</p>\n"
    "<p>Ngày 05/12/2026, trên eOffice có <strong>3</strong> việc chờ đồng chí:</p>\n"
    "\n"
    '<h2 style="font-size: 16px">Văn bản đến</h2>\n'
    "<ul>\n"
    '  <li><a href="http://127.0.0.1:8000/thong-bao/<0>/mo/">'
    "Văn bản &quot;A&quot; &amp; &lt;B&gt;</a> <small>(<at>)</small></li>\n"
    '  <li><a href="http://127.0.0.1:8000/thong-bao/<2>/mo/">Văn bản C&#x27;s</a> <small>(<at>)</small></li>\n'
    "</ul>\n"
    '<h2 style="font-size: 16px">Lịch công tác, cuộc họp và nhiệm vụ</h2>\n'
    "<ul>\n"
    '  <li><a href="http://127.0.0.1:8000/thong-bao/<1>/mo/">Nhiệm vụ quá hạn</a> <small>(<at>)</small></li>\n'
    "</ul>\n"
    '<p><a href="http://127.0.0.1:8000/thong-bao/">Xem tất cả thông báo</a> · '
    '<a href="http://127.0.0.1:8000/thong-bao/cai-dat/">Chọn cách nhận thư thông báo</a></p>\n'
    '<p style="color: #555">Thư này được gửi tự động, xin không trả lời.</p>\n'
    "</body></html>\n"
)


@pytest.fixture
def addressed(cast):
    for user, address in ((cast.leader, "chanhvp@example.vn"), (cast.head, "truongphong@example.vn")):
        user.email = address
        user.save()
    return cast


def waiting(cast, *users, count=1, kind="incoming.assigned"):
    for n in range(count):
        notify(users, agency=cast.office, kind=kind, title=f"Văn bản đến số {n + 1} chờ đồng chí xử lý", url="/van-ban-den/")


def test_the_digest_lists_what_waits_in_vietnamese(addressed):
    waiting(addressed, addressed.leader, count=5)
    assert send_digests(DAY) == 1
    [message] = mail.outbox
    assert message.subject == "eOffice: 5 việc chờ đồng chí ngày 05/12/2026"
    assert message.to == ["chanhvp@example.vn"]
    assert "Kính gửi đồng chí Nguyễn Văn chanhvp" in message.body
    assert "Văn bản đến số 3 chờ đồng chí xử lý" in message.body
    assert "/thong-bao/" in message.body and "/mo/" in message.body
    assert message.alternatives[0].mimetype == "text/html"


def test_running_the_digest_twice_sends_each_mail_once(addressed):
    waiting(addressed, addressed.leader, addressed.head, count=2)
    assert send_digests(DAY) == 2
    assert send_digests(DAY) == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["chanhvp@example.vn", "truongphong@example.vn"]
    assert DigestRun.objects.filter(day=DAY).count() == 2
    assert not Notification.objects.filter(emailed_at__isnull=True).exclude(recipient__email="").exists()


def test_a_retry_after_a_failure_midway_sends_only_what_was_not_sent(addressed):
    waiting(addressed, addressed.leader, addressed.head, count=2)
    real_send = EmailMultiAlternatives.send
    failed = []

    def flaky(message, *args, **kwargs):
        if message.to == ["truongphong@example.vn"] and not failed:
            failed.append(message)
            raise ConnectionRefusedError("mail server down")
        return real_send(message, *args, **kwargs)

    with mock.patch.object(EmailMultiAlternatives, "send", flaky), pytest.raises(NotSent):
        send_digests(DAY)
    assert [m.to for m in mail.outbox] == [["chanhvp@example.vn"]]
    # The failed person's claim was rolled back with the failure: the retry sends it.
    assert not DigestRun.objects.filter(user=addressed.head).exists()
    with mock.patch.object(EmailMultiAlternatives, "send", flaky):
        assert send_digests(DAY) == 1
        assert send_digests(DAY) == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["chanhvp@example.vn", "truongphong@example.vn"]


def test_the_digest_skips_the_read_the_sent_those_without_address_and_other_choices(addressed):
    waiting(addressed, addressed.leader)
    mark_read(addressed.leader)
    waiting(addressed, addressed.specialist)  # no address
    Preference.objects.create(user=addressed.head, group="incoming", channel=Channel.NONE)
    waiting(addressed, addressed.head)
    waiting(addressed, addressed.head, kind="onestop.handed_over")
    assert send_digests(DAY) == 1
    [message] = mail.outbox
    assert message.to == ["truongphong@example.vn"] and message.subject.startswith("eOffice: 1 việc")


def test_the_next_days_digest_holds_only_what_came_since(addressed):
    waiting(addressed, addressed.leader)
    send_digests(DAY)
    waiting(addressed, addressed.leader, count=2)
    assert send_digests(DAY + timedelta(days=1)) == 1
    assert mail.outbox[-1].subject == "eOffice: 2 việc chờ đồng chí ngày 06/12/2026"


def test_immediate_mail_after_commit_once(addressed, django_capture_on_commit_callbacks):
    Preference.objects.create(user=addressed.head, group="incoming", channel=Channel.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        waiting(addressed, addressed.head, addressed.leader)
    [message] = mail.outbox
    assert message.to == ["truongphong@example.vn"]
    assert message.subject == "eOffice: Văn bản đến số 1 chờ đồng chí xử lý"
    assert send_digests(DAY) == 1  # the leader's; the head's was sent already
    assert mail.outbox[-1].to == ["chanhvp@example.vn"]


def test_a_rolled_back_step_sends_nothing(addressed, django_capture_on_commit_callbacks):
    from django.db import transaction

    Preference.objects.create(user=addressed.head, group="incoming", channel=Channel.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        waiting(addressed, addressed.head)
        raise RuntimeError("the step failed")
    assert mail.outbox == [] and not Notification.objects.exists()


def test_the_job_runs_on_the_queue_at_the_configured_hour(addressed, settings):
    settings.EOFFICE_DIGEST_HOUR = 7
    assert digest_due(datetime(2026, 12, 5, 0, 0))  # huey's naive UTC: 07:00 in Hà Nội
    assert not digest_due(datetime(2026, 12, 5, 0, 1))
    assert digest_due(timezone.make_aware(datetime(2026, 12, 5, 7, 0)))
    waiting(addressed, addressed.leader)
    digest_task.call_local()
    assert len(mail.outbox) == 1


def test_the_digest_mail_word_for_word(addressed):
    """The text and the HTML of a digest, escaping included (ids and times
    replaced by placeholders)."""
    notify([addressed.leader], agency=addressed.office, kind="incoming.assigned", title='Văn bản "A" & <B>', url="/a/")
    notify([addressed.leader], agency=addressed.office, kind="operations.task_overdue", title="Nhiệm vụ quá hạn", url="/b/")
    notify([addressed.leader], agency=addressed.office, kind="incoming.assigned", title="Văn bản C's", url="/c/")
    send_digests(DAY)
    [message] = mail.outbox
    ids = [str(n.pk) for n in Notification.objects.order_by("id")]
    times = {f"{timezone.localtime(n.created_at):%d/%m/%Y %H:%M}" for n in Notification.objects.all()}

    def placeholders(text):
        for n, pk in enumerate(ids):
            text = text.replace(f"/{pk}/mo/", f"/<{n}>/mo/")
        for at in times:
            text = text.replace(at, "<at>")
        return text

    assert placeholders(message.body) == DIGEST_TEXT
    assert placeholders(message.alternatives[0].content) == DIGEST_HTML


def test_people_in_several_batches_each_get_their_mail(addressed, monkeypatch):
    monkeypatch.setattr(mail_module, "PEOPLE_PER_BATCH", 1)
    waiting(addressed, addressed.leader, addressed.head, count=3)
    assert send_digests(DAY) == 2
    assert sorted(m.subject for m in mail.outbox) == ["eOffice: 3 việc chờ đồng chí ngày 05/12/2026"] * 2
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_a_digest_claimed_by_another_run_meanwhile_is_not_sent_again(addressed):
    waiting(addressed, addressed.leader)
    [(user, rows)] = list(mail_module._waiting(DAY, timezone.now()))
    DigestRun.objects.create(user=addressed.leader, day=DAY, count=1)  # the other run, after this one read
    templates = {name: get_template(f"notifications/email/digest.{name}") for name in ("txt", "html")}
    assert mail_module._send_batch(DAY, [(user, rows)], timezone.now(), templates) == (0, [])
    assert mail.outbox == [] and Notification.objects.filter(emailed_at__isnull=True).count() == 1
