from django.apps import AppConfig


class AuditLogConfig(AppConfig):
    name = "eoffice.auditlog"
    label = "auditlog"
    verbose_name = "Trang nhật ký hệ thống"
