from django.urls import path

from eoffice.outgoing import action_views, register_views, views

urlpatterns = [
    path("", views.document_list, name="outgoing-list"),
    path("soan-thao/", views.create, name="outgoing-create"),
    path("kiem-tra-chu-ky/", views.verify, name="signature-verify"),
    path("<int:pk>/", views.detail, name="outgoing-detail"),
    path("<int:pk>/sua/", views.edit, name="outgoing-edit"),
    path("<int:pk>/van-ban.pdf", views.pdf, name="outgoing-pdf"),
    path("<int:pk>/trang/<int:number>.png", views.page_image, name="outgoing-page"),
    path("<int:pk>/van-ban.docx", views.docx, name="outgoing-docx"),
    path("<int:pk>/tep/<int:attachment_pk>/", views.attachment_file, name="outgoing-file"),
    path("<int:pk>/goi-tin/<int:recipient_pk>/", views.package, name="outgoing-package"),
    path("<int:pk>/trinh/", action_views.submit, name="outgoing-submit"),
    path("<int:pk>/duyet/", action_views.approve, name="outgoing-approve"),
    path("<int:pk>/tra-lai/", action_views.return_, name="outgoing-return"),
    path("<int:pk>/y-kien/", action_views.comment, name="outgoing-comment"),
    path("<int:pk>/ky-so/", action_views.sign, name="outgoing-sign"),
    path("<int:pk>/ban-hanh/", action_views.issue, name="outgoing-issue"),
    path("<int:pk>/thu-hoi/", action_views.recall, name="outgoing-recall"),
    path("<int:pk>/dinh-chinh/", action_views.correct, name="outgoing-correct"),
    path("<int:pk>/gui-lai/<int:recipient_pk>/", action_views.resend, name="outgoing-resend"),
    path("so-dang-ky/", register_views.register_book, name="outgoing-register-book"),
    path("so-dang-ky.xlsx", register_views.register_book_xlsx, name="outgoing-register-xlsx"),
]
