from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter
from rest_framework.settings import api_settings

from eoffice.apitokens.api import TokenObtainView, TokenViewSet
from eoffice.copies.api import CopyViewSet
from eoffice.exchange.admin_api import AgencyViewSet, DispatchViewSet, UnknownSendersView
from eoffice.exchange.api import PackageReceiveView
from eoffice.incoming.api import AssignmentViewSet, IncomingViewSet, RegistryQueueViewSet
from eoffice.incoming.receiving.api import PackageViewSet
from eoffice.incoming.reports import api as incoming_registers
from eoffice.incoming.reports.api import IncomingRegisterXlsxView
from eoffice.notifications.api import NotificationViewSet
from eoffice.onestop.catalogue import api as api_procedures
from eoffice.onestop.dossiers.api import DossierViewSet
from eoffice.onestop.public import api as api_public
from eoffice.onestop.statistics.api import DossierStatisticsView
from eoffice.operations.meetings.api import MeetingViewSet
from eoffice.operations.schedule import api as api_schedule
from eoffice.operations.tasking.api import TaskStatisticsView, TaskViewSet
from eoffice.outgoing.api import OutgoingViewSet
from eoffice.search.api import SearchView, SuggestView
from eoffice.workdays.api import WorkingDaysView

router = DefaultRouter()
# JSON only: no ".json" suffix routes, which would also shadow incoming/register.xlsx.
router.include_format_suffixes = False
router.register("incoming", IncomingViewSet, basename="api-incoming")
router.register("assignments", AssignmentViewSet, basename="api-assignments")
router.register("registry-queue", RegistryQueueViewSet, basename="api-registry-queue")
router.register("incoming-packages", PackageViewSet, basename="api-incoming-packages")
router.register("outgoing", OutgoingViewSet, basename="api-outgoing")
router.register("copies", CopyViewSet, basename="api-copies")
router.register("procedures", api_procedures.ProcedureViewSet, basename="api-procedures")
router.register("dossiers", DossierViewSet, basename="api-dossiers")
router.register("tasks", TaskViewSet, basename="api-tasks")
router.register("notifications", NotificationViewSet, basename="api-notifications")
router.register("schedule/weeks", api_schedule.WeekViewSet, basename="api-schedule-weeks")
router.register("schedule/entries", api_schedule.EntryViewSet, basename="api-schedule-entries")
router.register("schedule/rooms", api_schedule.RoomViewSet, basename="api-schedule-rooms")
router.register("meetings", MeetingViewSet, basename="api-meetings")
router.register("auth/tokens", TokenViewSet, basename="api-tokens")
router.register("exchange/agencies", AgencyViewSet, basename="api-exchange-agencies")
router.register("exchange/dispatches", DispatchViewSet, basename="api-exchange-dispatches")

urlpatterns = [
    # Its own parser list would bypass the capped JSON parser.
    path("auth/token/", TokenObtainView.as_view(parser_classes=api_settings.DEFAULT_PARSER_CLASSES), name="api-token"),
    path("incoming/register.xlsx", IncomingRegisterXlsxView.as_view(), name="api-incoming-register-xlsx"),
    path("incoming/register.xlsx/", IncomingRegisterXlsxView.as_view(schema=None)),  # the same, documented once
    path("incoming/register.pdf", incoming_registers.IncomingRegisterPdfView.as_view(), name="api-incoming-register-pdf"),
    path("incoming/follow-book.xlsx", incoming_registers.FollowBookXlsxView.as_view(), name="api-incoming-follow-xlsx"),
    path("incoming/follow-book.pdf", incoming_registers.FollowBookPdfView.as_view(), name="api-incoming-follow-pdf"),
    path("exchange/packages/", PackageReceiveView.as_view(), name="api-exchange-packages"),
    path("exchange/unknown-senders/", UnknownSendersView.as_view(), name="api-exchange-unknown-senders"),
    path("search/", SearchView.as_view(), name="api-search"),
    path("search/suggest/", SuggestView.as_view(), name="api-search-suggest"),
    path("calendar/working-days/", WorkingDaysView.as_view(), name="api-working-days"),
    path("procedures/export.json", api_procedures.ProcedureExportJsonView.as_view(), name="api-procedures-export-json"),
    path("procedures/export.xlsx", api_procedures.ProcedureExportXlsxView.as_view(), name="api-procedures-export-xlsx"),
    path("procedures/import/", api_procedures.ProcedureImportView.as_view(), name="api-procedures-import"),
    # Before the router: its dossiers/{pk}/ route would take "statistics" for an id.
    path("dossiers/statistics/", DossierStatisticsView.as_view(), name="api-dossier-statistics"),
    path("tasks/statistics/", TaskStatisticsView.as_view(), name="api-task-statistics"),  # before the router's tasks/{pk}/
    path("public/dossiers/<str:code>/", api_public.PublicDossierView.as_view(), name="api-public-dossier"),
    path("public/dossiers/<str:code>/rating/", api_public.PublicRatingView.as_view(), name="api-public-dossier-rating"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    *router.urls,
]
