from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "eoffice.organisation"
    verbose_name = "Tổ chức"
