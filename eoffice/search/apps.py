from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "eoffice.search"
    label = "search"
    verbose_name = "Tìm kiếm"

    def ready(self):
        from eoffice.search import signals, tasks  # noqa: F401 - connects receivers, registers the job
