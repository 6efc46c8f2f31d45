from django.contrib.auth import views as auth_views
from django.urls import path

from eoffice.organisation import views
from eoffice.organisation.passwords import PasswordChange
from eoffice.organisation.reset import PasswordReset, PasswordResetConfirm

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.SignOut.as_view(), name="logout"),
    path("doi-mat-khau/", PasswordChange.as_view(), name="password-change"),
    path("co-quan/", views.agency_switch, name="agency-switch"),
    path("quen-mat-khau/", PasswordReset.as_view(), name="password-reset"),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html"),
        name="password-reset-done",
    ),
    path("dat-lai-mat-khau/<uidb64>/<token>/", PasswordResetConfirm.as_view(), name="password-reset-confirm"),
    path(
        "dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(template_name="registration/password_reset_complete.html"),
        name="password-reset-complete",
    ),
]
