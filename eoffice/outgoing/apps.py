from django.apps import AppConfig


class OutgoingConfig(AppConfig):
    name = "eoffice.outgoing"
    verbose_name = "Văn bản đi"

    def ready(self):
        from eoffice.outgoing import search  # noqa: F401 - registers the search source
        from eoffice.outgoing.issuance import delivery, statuses  # noqa: F401 - follow sendings, record statuses received
