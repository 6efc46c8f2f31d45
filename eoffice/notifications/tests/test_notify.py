import pytest

from eoffice.notifications.models import Notification
from eoffice.notifications.services import mark_read, notify, unread_count
from eoffice.organisation.models import Agency, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    agency = Agency.objects.create(name="UBND thành phố")
    return agency, [User.objects.create_user(username=f"u{i}", password="x") for i in range(3)]


def test_notify_writes_one_row_per_person_not_the_actor(people):
    agency, (a, b, c) = people
    rows = notify([a, b, b, None, c], agency=agency, kind="incoming.assigned", title="Văn ba\u0309n mới\x07", exclude=c)
    assert sorted(n.recipient_id for n in rows) == [a.pk, b.pk]
    stored = Notification.objects.get(recipient=a)
    assert stored.title == "Văn bản mới"  # NFC, no control character


def test_mark_read_touches_only_the_users_own(people):
    agency, (a, b, _) = people
    notify([a, b], agency=agency, kind="k", title="t")
    other = Notification.objects.get(recipient=b)
    assert mark_read(a, [other.pk]) == 0
    assert unread_count(b) == 1
    assert mark_read(a) == 1
    assert unread_count(a) == 0
