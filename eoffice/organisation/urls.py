from django.contrib.auth import views as auth_views
from django.urls import path

from eoffice.organisation import views
from eoffice.organisation.passwords import PasswordChange

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", PasswordChange.as_view(), name="password-change"),
    path("co-quan/", views.agency_switch, name="agency-switch"),
]
