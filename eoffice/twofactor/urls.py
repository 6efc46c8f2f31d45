from django.urls import path

from eoffice.twofactor import views

urlpatterns = [
    path("", views.verify, name="twofactor-verify"),
    path("thiet-lap/", views.setup, name="twofactor-setup"),
    path("ma-khoi-phuc/", views.codes_renew, name="twofactor-codes"),
]
