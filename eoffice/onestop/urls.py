"""Pages of the one-stop app. The public catalogue (no login) is in catalogue/views.py."""

from django.urls import path

from eoffice.onestop.catalogue import views as catalogue_views
from eoffice.onestop.dossiers import views
from eoffice.onestop.dossiers.workflow import DOSSIER
from eoffice.onestop.public import views as public_views
from eoffice.onestop.statistics import views as stats_views

app_name = "onestop"

urlpatterns = [
    path("thu-tuc/", catalogue_views.procedure_list, name="procedure-list"),
    path("thu-tuc/<str:code>/", catalogue_views.procedure_detail, name="procedure-detail"),
    path("thu-tuc/<str:code>/mau/<int:paper_id>/", catalogue_views.procedure_form, name="procedure-form"),
    # Public (no login): dossier look-up and rating, online submission (public/views.py).
    path("tra-cuu-ho-so/", public_views.lookup, name="dossier-lookup"),
    path("tra-cuu-ho-so/danh-gia/", public_views.rate, name="dossier-rate"),
    path("thu-tuc/<str:code>/nop-ho-so/", public_views.submit, name="dossier-submit"),
    path("nop-ho-so/<str:dossier_code>/", public_views.submitted, name="dossier-submitted"),
    path("nop-ho-so/<str:dossier_code>/giay-tiep-nhan.pdf", public_views.receipt, name="dossier-submitted-receipt"),
    # Staff pages (login required): the work list, the counter, the dossier page and its steps.
    path("mot-cua/", views.dossier_list, name="list"),
    path("mot-cua/tiep-nhan/", views.receive, name="receive"),
    path("mot-cua/so-theo-doi/", views.book, name="book"),
    path("mot-cua/so-theo-doi.xlsx", views.book_xlsx, name="book-xlsx"),
    # Thống kê (statistics/views.py): leaders, one-stop officers and administrators.
    path("mot-cua/thong-ke/", stats_views.statistics, name="statistics"),
    path("mot-cua/thong-ke.xlsx", stats_views.statistics_download, name="statistics-xlsx"),
    path("mot-cua/<int:pk>/", views.detail, name="detail"),
    path("mot-cua/<int:pk>/phieu/<slug:kind>/", views.slip, name="slip"),
    path("mot-cua/<int:pk>/giay-to/<int:paper_pk>/", views.paper_file, name="paper-file"),
    path("mot-cua/<int:pk>/ket-qua/", views.result_file, name="result-file"),
    *DOSSIER.urls(),
]
