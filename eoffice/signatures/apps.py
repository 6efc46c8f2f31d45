from django.apps import AppConfig


class SignaturesConfig(AppConfig):
    name = "eoffice.signatures"
    verbose_name = "Chữ ký số"
