from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin
from django.http import HttpRequest

from eoffice.workdays.models import CalendarOverride
from eoffice.workdays.services import calendar_override_remove, calendar_override_set

if TYPE_CHECKING:
    from eoffice.organisation.models import User


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # ModelAdmin[...] fails at run time without django-stubs-ext
    """Goes through the service so that open deadlines are recomputed and audited."""

    list_display = ["date", "is_working", "name", "legal_basis", "created_by"]
    fields = ["date", "is_working", "name", "legal_basis"]

    def save_model(self, request: HttpRequest, obj: CalendarOverride, form: Any, change: bool) -> None:
        saved = calendar_override_set(
            day=obj.date, is_working=obj.is_working, name=obj.name, legal_basis=obj.legal_basis, actor=cast("User", request.user)
        )
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: CalendarOverride) -> None:
        calendar_override_remove(override=obj, actor=cast("User", request.user))
