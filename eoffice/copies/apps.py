from django.apps import AppConfig


class CopiesConfig(AppConfig):
    name = "eoffice.copies"
    verbose_name = "Sao văn bản"
