"""Pages of the operations app under /dieu-hanh/: each part lists its own."""

from eoffice.operations.schedule.urls import urlpatterns as schedule

app_name = "operations"

urlpatterns = [*schedule]
