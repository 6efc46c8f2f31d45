from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.routers import DefaultRouter

from eoffice.incoming.api import AssignmentViewSet, IncomingViewSet, RegistryQueueViewSet
from eoffice.workdays.api import WorkingDaysView

router = DefaultRouter()
router.register("incoming", IncomingViewSet, basename="api-incoming")
router.register("assignments", AssignmentViewSet, basename="api-assignments")
router.register("registry-queue", RegistryQueueViewSet, basename="api-registry-queue")

urlpatterns = [
    path("auth/token/", ObtainAuthToken.as_view(), name="api-token"),
    path("calendar/working-days/", WorkingDaysView.as_view(), name="api-working-days"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    *router.urls,
]
