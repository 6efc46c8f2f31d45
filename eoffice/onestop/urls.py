"""Pages of the one-stop app. The public catalogue (no login) is in catalogue_views."""

from django.urls import path

from eoffice.onestop import catalogue_views

app_name = "onestop"

urlpatterns = [
    path("thu-tuc/", catalogue_views.procedure_list, name="procedure-list"),
    path("thu-tuc/<str:code>/", catalogue_views.procedure_detail, name="procedure-detail"),
    path("thu-tuc/<str:code>/mau/<int:paper_id>/", catalogue_views.procedure_form, name="procedure-form"),
]
