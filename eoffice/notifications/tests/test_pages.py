import re

import pytest
from django.test import Client
from django.urls import reverse

from eoffice.notifications.models import Channel, Notification, Preference
from eoffice.notifications.services import notify, unread_count

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_bell_shows_the_unread_count_with_its_accessible_name(cast):
    notify([cast.leader], agency=cast.office, kind="incoming.submitted", title="Văn bản đến số 7", url="/van-ban-den/")
    notify([cast.leader], agency=cast.office, kind="incoming.submitted", title="Văn bản đến số 8", url="/van-ban-den/")
    page = client_for(cast.leader).get(reverse("inbox")).content.decode()
    assert 'aria-label="Thông báo, 2 chưa đọc"' in page
    assert '<span class="bell-count" aria-hidden="true">2</span>' in page


def test_no_badge_without_unread(cast):
    page = client_for(cast.clerk).get(reverse("inbox")).content.decode()
    assert 'aria-label="Thông báo"' in page
    assert "bell-count" not in page


def test_the_bell_costs_one_query(cast, django_assert_num_queries):
    from django.template import Context, Template
    from django.test import RequestFactory

    from eoffice.notifications.context_processors import bell

    request = RequestFactory().get("/")
    request.user = cast.leader
    context = bell(request)
    with django_assert_num_queries(1):
        Template("{{ bell_unread }}{% if bell_unread %}!{% endif %}").render(Context(context))


def test_the_list_marks_unread_and_filters(cast):
    first, second = (
        notify([cast.head], agency=cast.office, kind="incoming.assigned", title=t, url="/van-ban-den/")[0]
        for t in ("Việc thứ nhất", "Việc thứ hai")
    )
    Notification.objects.filter(pk=first.pk).update(read_at=second.created_at)
    client = client_for(cast.head)
    everything = client.get(reverse("notifications")).content.decode()
    assert "Việc thứ nhất" in everything and "Việc thứ hai" in everything
    assert everything.count('class="item is-unread"') == 1
    unread = client.get(reverse("notifications") + "?loc=chua-doc").content.decode()
    assert "Việc thứ hai" in unread and "Việc thứ nhất" not in unread


def test_opening_an_item_marks_it_read_and_goes_to_the_record(cast):
    [row] = notify([cast.head], agency=cast.office, kind="incoming.assigned", title="Việc", url="/van-ban-den/")
    response = client_for(cast.head).get(reverse("notification-open", args=[row.pk]))
    assert response.status_code == 302 and response["Location"] == "/van-ban-den/"
    assert unread_count(cast.head) == 0


def test_another_persons_notification_is_not_found_and_stays_unread(cast):
    [row] = notify([cast.head], agency=cast.office, kind="incoming.assigned", title="Việc", url="/van-ban-den/")
    assert client_for(cast.specialist).get(reverse("notification-open", args=[row.pk])).status_code == 404
    assert unread_count(cast.head) == 1


def test_an_outside_url_is_not_followed(cast):
    [row] = notify([cast.head], agency=cast.office, kind="k.x", title="Việc", url="https://example.com/")
    response = client_for(cast.head).get(reverse("notification-open", args=[row.pk]))
    assert response["Location"] == reverse("notifications")


def test_mark_all_read_is_a_post_of_ones_own(cast):
    notify([cast.head, cast.specialist], agency=cast.office, kind="incoming.assigned", title="Việc")
    client = client_for(cast.head)
    assert client.get(reverse("notifications-read-all")).status_code == 405
    client.post(reverse("notifications-read-all"))
    assert unread_count(cast.head) == 0 and unread_count(cast.specialist) == 1


def test_preferences_default_to_the_digest_and_are_saved(cast):
    client = client_for(cast.head)
    page = client.get(reverse("notification-settings")).content.decode()
    assert len(re.findall(r'value="digest"[^>]*checked', page)) == 5  # every group
    data = {"incoming": "immediate", "outgoing": "none", "onestop": "digest", "operations": "digest", "other": "digest"}
    assert client.post(reverse("notification-settings"), data).status_code == 302
    assert Preference.objects.get(user=cast.head, group="incoming").channel == Channel.IMMEDIATE
    refused = client.post(reverse("notification-settings"), {**data, "incoming": "sms"})
    assert refused.status_code == 200 and "has-error" in refused.content.decode()
