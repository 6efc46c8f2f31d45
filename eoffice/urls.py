from django.contrib import admin
from django.urls import include, path

from eoffice.exchange import views as exchange_views
from eoffice.search import views as search_views

# The administration pages speak to the office, not of the framework.
admin.site.site_header = admin.site.site_title = "Quản trị eOffice"
admin.site.index_title = "Quản trị hệ thống"

urlpatterns = [
    # Before the admin's own catch-all.
    path("admin/goi-tin-den/<int:pk>/goc.edxml", exchange_views.raw_package, name="exchange-raw"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("eoffice.api_urls")),
    path("", include("eoffice.home.urls")),
    path("", include("eoffice.organisation.urls")),
    path("xac-thuc-hai-lop/", include("eoffice.twofactor.urls")),
    path("khoa-api/", include("eoffice.apitokens.urls")),
    path("nhat-ky/", include("eoffice.auditlog.urls")),
    path("van-ban-den/", include("eoffice.incoming.urls")),
    path("van-ban-di/", include("eoffice.outgoing.urls")),
    path("lich/", include("eoffice.workdays.urls")),
    path("sao-van-ban/", include("eoffice.copies.urls")),
    path("dieu-hanh/", include("eoffice.operations.urls")),
    path("tim-kiem/", search_views.results, name="search"),
    path("thong-bao/", include("eoffice.notifications.urls")),
    path("", include("eoffice.onestop.urls")),
]

handler400 = "eoffice.core.error_views.bad_request"
handler403 = "eoffice.core.error_views.permission_denied"
handler404 = "eoffice.core.error_views.page_not_found"
handler500 = "eoffice.core.error_views.server_error"
