"""The schedule's pages under /dieu-hanh/ (the app's urls.py includes them)."""

from django.urls import path

from eoffice.operations.schedule import views
from eoffice.operations.schedule.workflow import WEEK

urlpatterns = [
    path("lich-tuan/", views.week_page, name="schedule-week"),
    path("lich-tuan/lap/", views.week_create, name="schedule-week-create"),
    path("lich-tuan/<int:pk>/", views.week_detail, name="schedule-week-detail"),
    path("lich-tuan/<int:pk>/lich.pdf", views.week_pdf, name="schedule-week-pdf"),
    path("lich-tuan/muc/<int:pk>/", views.entry_edit, name="schedule-entry"),
    path("lich-tuan/muc/<int:pk>/huy/", views.entry_cancel, name="schedule-entry-cancel"),
    path("lich-tuan/phong-hop/", views.rooms, name="schedule-rooms"),
    path("lich-tuan/lich-cua-toi/", views.feeds, name="schedule-feeds"),
    # No login: the public entries of published weeks, and the calendar feeds (secret address).
    path("lich-tuan/cong-khai/<int:agency_id>/", views.public_week, name="schedule-public"),
    path("lich/<str:token>.ics", views.feed_ics, name="schedule-feed"),
    *WEEK.urls(),
]
