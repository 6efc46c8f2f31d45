from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "eoffice.backup"
    verbose_name = "Sao lưu và phục hồi"
