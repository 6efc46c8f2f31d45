from django.apps import AppConfig


class OnestopConfig(AppConfig):
    name = "eoffice.onestop"
    verbose_name = "Một cửa"

    def ready(self):
        from eoffice.onestop import search  # noqa: F401 - registers the search source
