from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "eoffice.demo"
    verbose_name = "Dữ liệu mẫu"
