from django.apps import AppConfig


class OnestopConfig(AppConfig):
    name = "eoffice.onestop"
    verbose_name = "Một cửa"
