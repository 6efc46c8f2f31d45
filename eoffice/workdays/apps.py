from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class WorkdaysConfig(AppConfig):
    name = "eoffice.workdays"
    verbose_name = "Lịch làm việc"

    def ready(self) -> None:
        from eoffice.workdays.models import CalendarOverride
        from eoffice.workdays.services import forget_overrides

        # Every way a row changes (services, admin, a test's ORM call) forgets the cached calendar.
        post_save.connect(forget_overrides, sender=CalendarOverride, dispatch_uid="workdays_forget_save")
        post_delete.connect(forget_overrides, sender=CalendarOverride, dispatch_uid="workdays_forget_delete")
