from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "eoffice.core"
    verbose_name = "Dùng chung"
