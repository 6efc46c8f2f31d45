"""The meetings' pages under /dieu-hanh/ (the app's urls.py includes them)."""

from django.urls import path

from eoffice.operations.meetings import views
from eoffice.operations.meetings.workflow import MEETING

urlpatterns = [
    path("cuoc-hop/", views.meeting_list, name="meeting-list"),
    path("cuoc-hop/tao/<int:entry_pk>/", views.meeting_new, name="meeting-create"),
    path("cuoc-hop/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("cuoc-hop/<int:pk>/tai-lieu/<int:paper_pk>/", views.paper, name="meeting-paper"),
    path("cuoc-hop/<int:pk>/bien-ban/tep/", views.minutes, name="meeting-minutes"),
    *MEETING.urls(),
]
