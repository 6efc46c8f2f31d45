from django.apps import AppConfig


class TwoFactorConfig(AppConfig):
    name = "eoffice.twofactor"
    label = "twofactor"
    verbose_name = "Xác thực hai lớp"
