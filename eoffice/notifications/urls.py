from django.urls import path

from eoffice.notifications import views

urlpatterns = [
    path("", views.notification_list, name="notifications"),
    path("<int:pk>/mo/", views.notification_open, name="notification-open"),
    path("da-doc/", views.mark_all_read, name="notifications-read-all"),
    path("cai-dat/", views.preferences, name="notification-settings"),
]
