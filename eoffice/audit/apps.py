from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "eoffice.audit"
    verbose_name = "Nhật ký hệ thống"
