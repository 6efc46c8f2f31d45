from django.urls import path

from eoffice.home import views

urlpatterns = [
    path("", views.home, name="home"),
]
