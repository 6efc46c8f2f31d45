"""Meeting rooms in the administration (drafters also add them on the rooms page)."""

from django.contrib import admin

from eoffice.operations.models import Room


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "capacity", "keeper", "active"]
    list_filter = ["agency", "active"]
    search_fields = ["name"]
    autocomplete_fields = ["keeper"]
