from django.urls import path

from eoffice.auditlog import views

urlpatterns = [
    path("", views.event_list, name="audit-log"),
    path("xuat.csv", views.export_csv, name="audit-log-csv"),
    path("xuat.xlsx", views.export_xlsx, name="audit-log-xlsx"),
]
