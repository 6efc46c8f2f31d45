from django.urls import path

from eoffice.workdays import views

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("<int:pk>/bo/", views.override_remove, name="calendar-override-remove"),
]
