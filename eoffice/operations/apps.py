from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "eoffice.operations"
    verbose_name = "Điều hành tác nghiệp"
