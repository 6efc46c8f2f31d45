from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "eoffice.workdays"
    verbose_name = "Lịch làm việc"
