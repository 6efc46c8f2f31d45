from django.urls import path

from eoffice.incoming import views
from eoffice.incoming.receiving import views as receiving_views
from eoffice.incoming.receiving.workflow import PACKAGE
from eoffice.incoming.reports import views as reports_views
from eoffice.incoming.workflow import ASSIGNMENT, DOCUMENT

urlpatterns = [
    path("hop-thu/", views.inbox, name="inbox"),
    path("", views.document_list, name="incoming-list"),
    path("vao-so/", receiving_views.register, name="incoming-register"),
    path("dien-tu/", receiving_views.package_list, name="incoming-packages"),
    path("dien-tu/<int:pk>/", receiving_views.package_page, name="incoming-package"),
    path("dien-tu/<int:pk>/tep/<int:file_pk>/", receiving_views.package_file, name="incoming-package-file"),
    path(
        "dien-tu/<int:pk>/tep/<int:file_pk>/trang/<int:number>/",
        receiving_views.package_file_page,
        name="incoming-package-file-page",
    ),
    path("dien-tu/<int:pk>/goi-tin.edxml", receiving_views.package_raw, name="incoming-package-raw"),
    *PACKAGE.urls(),
    path("<int:pk>/", views.detail, name="incoming-detail"),
    path("<int:pk>/phieu/", reports_views.slip, name="incoming-slip"),
    path("<int:pk>/tep/<int:attachment_pk>/", views.attachment_file, name="incoming-file"),
    path("<int:pk>/tep/<int:attachment_pk>/trang/<int:number>/", views.attachment_page, name="incoming-file-page"),
    path("<int:pk>/tep/<int:attachment_pk>/chu-ky/", views.attachment_signatures, name="incoming-file-signatures"),
    *DOCUMENT.urls(),
    *ASSIGNMENT.urls(),
    path("so-dang-ky/", reports_views.register_book, name="incoming-register-book"),
    path("so-dang-ky.xlsx", reports_views.register_book_xlsx, name="incoming-register-xlsx"),
    path("so-dang-ky.pdf", reports_views.register_book_pdf, name="incoming-register-pdf"),
    path("so-theo-doi/", reports_views.follow_book, name="incoming-follow-book"),
    path("so-theo-doi.xlsx", reports_views.follow_book_xlsx, name="incoming-follow-xlsx"),
    path("so-theo-doi.pdf", reports_views.follow_book_pdf, name="incoming-follow-pdf"),
    path("qua-han/", reports_views.late_report, name="incoming-late"),
]
