from django.apps import AppConfig


class ApiTokensConfig(AppConfig):
    name = "eoffice.apitokens"
    label = "apitokens"
    verbose_name = "Khóa API"
