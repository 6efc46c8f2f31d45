from django.urls import path

from eoffice.copies import views

urlpatterns = [
    path("", views.register_book, name="copies-register"),
    path("xlsx/", views.register_book_xlsx, name="copies-register-xlsx"),
    path("pdf/", views.register_book_pdf, name="copies-register-pdf"),
    path("tao/", views.copy_new, name="copy-new"),
    path("<int:pk>/", views.copy_detail, name="copy-detail"),
    path("<int:pk>/tep/", views.copy_file, name="copy-file"),
]
