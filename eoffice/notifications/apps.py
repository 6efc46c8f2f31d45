from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "eoffice.notifications"
    verbose_name = "Thông báo"
