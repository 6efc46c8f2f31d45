from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "eoffice.organisation"
    verbose_name = "Tổ chức"

    def ready(self):
        from eoffice.organisation import lockout  # noqa: F401 - audits each lockout
