from django.apps import AppConfig


class OutgoingConfig(AppConfig):
    name = "eoffice.outgoing"
    verbose_name = "Văn bản đi"
