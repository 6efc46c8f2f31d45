from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "eoffice.registers"
    verbose_name = "Sổ văn bản"
