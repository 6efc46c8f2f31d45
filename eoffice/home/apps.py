from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "eoffice.home"
    verbose_name = "Trang chủ"
