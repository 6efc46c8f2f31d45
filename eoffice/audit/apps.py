from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "eoffice.audit"
    verbose_name = "Nhật ký hệ thống"

    def ready(self):
        from eoffice.audit import signals  # noqa: F401 - connects the receivers
