from django.urls import path

from eoffice.outgoing.documents import views
from eoffice.outgoing.drafting import views as drafting_views
from eoffice.outgoing.register import views as register_views
from eoffice.outgoing.workflow import DOCUMENT

urlpatterns = [
    path("", views.document_list, name="outgoing-list"),
    path("soan-thao/", drafting_views.create, name="outgoing-create"),
    path("kiem-tra-chu-ky/", views.verify, name="signature-verify"),
    path("<int:pk>/", views.detail, name="outgoing-detail"),
    path("<int:pk>/sua/", drafting_views.edit, name="outgoing-edit"),
    path("<int:pk>/van-ban.pdf", views.pdf, name="outgoing-pdf"),
    path("<int:pk>/trang/<int:number>.png", views.page_image, name="outgoing-page"),
    path("<int:pk>/van-ban.docx", views.docx, name="outgoing-docx"),
    path("<int:pk>/tep/<int:attachment_pk>/", views.attachment_file, name="outgoing-file"),
    path("<int:pk>/goi-tin/<int:recipient_pk>/", views.package, name="outgoing-package"),
    *DOCUMENT.urls(),
    path("so-dang-ky/", register_views.register_book, name="outgoing-register-book"),
    path("so-dang-ky.xlsx", register_views.register_book_xlsx, name="outgoing-register-xlsx"),
    path("so-dang-ky.pdf", register_views.register_book_pdf, name="outgoing-register-pdf"),
]
