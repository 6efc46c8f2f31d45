from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "eoffice.exchange"
    verbose_name = "Liên thông văn bản"
