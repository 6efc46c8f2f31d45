"""API input and output of the weekly schedule (/api/v1/schedule/…). People are
named by login, units by abbreviation, rooms by id; the rules are the services'."""

from typing import Any

from rest_framework import serializers

from eoffice.core.errors import ValidationFailed
from eoffice.core.workflow import StepBody
from eoffice.operations.models import Room, ScheduleEntry, WeekSchedule
from eoffice.operations.models.schedule import Slot, Visibility
from eoffice.organisation.models import Agency
from eoffice.organisation.selectors import member_named, unit_named


# --------------------------------------------------------------------------- output
class RoomOut(serializers.ModelSerializer):
    keeper = serializers.CharField(source="keeper.username", default=None)

    class Meta:
        model = Room
        fields = ["id", "name", "capacity", "keeper", "active"]


class EntryOut(serializers.ModelSerializer):
    week = serializers.IntegerField(source="week_id")
    starts = serializers.TimeField()
    ends = serializers.TimeField()
    leaders = serializers.SerializerMethodField()
    participant_people = serializers.SerializerMethodField()
    participant_units = serializers.SerializerMethodField()
    accompanying = serializers.SerializerMethodField()
    room = RoomOut(allow_null=True)

    class Meta:
        model = ScheduleEntry
        fields = [
            "id", "week", "date", "slot", "start_time", "end_time", "starts", "ends", "leaders", "content", "place", "room",
            "participants", "participant_people", "participant_units", "preparing_unit", "accompanying", "note",
            "visibility", "changed", "cancelled", "sequence", "updated_at",
        ]  # fmt: skip

    def get_leaders(self, entry) -> list[str]:
        return [user.username for user in entry.leaders.all()]

    def get_participant_people(self, entry) -> list[str]:
        return [user.username for user in entry.participant_people.all()]

    def get_participant_units(self, entry) -> list[str]:
        return [unit.abbreviation for unit in entry.participant_units.all()]

    def get_accompanying(self, entry) -> list[str]:
        return [user.username for user in entry.accompanying.all()]


class WeekOut(serializers.ModelSerializer):
    start = serializers.DateField()
    end = serializers.DateField()
    drafted_by = serializers.CharField(source="drafted_by.username")
    approved_by = serializers.CharField(source="approved_by.username", default=None)
    published_by = serializers.CharField(source="published_by.username", default=None)

    class Meta:
        model = WeekSchedule
        fields = [
            "id", "year", "week", "start", "end", "status", "version", "drafted_by", "submitted_at", "approved_by",
            "approved_at", "published_by", "published_at", "return_reason",
        ]  # fmt: skip


class WeekDetailOut(WeekOut):
    entries = serializers.SerializerMethodField()

    class Meta(WeekOut.Meta):
        fields = [*WeekOut.Meta.fields, "entries"]

    def get_entries(self, week) -> list[dict[str, Any]]:
        return EntryOut(self.context.get("entries", []), many=True).data  # type: ignore[return-value]


# --------------------------------------------------------------------------- input
class WeekIn(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    week = serializers.IntegerField(min_value=1, max_value=53)


class EntryIn(serializers.Serializer):
    """An entry; after publication `notice` is required. `confirm` saves it despite a conflict."""

    date = serializers.DateField()
    slot = serializers.ChoiceField(choices=Slot.choices, required=False, allow_blank=True, default="")
    start_time = serializers.TimeField(required=False, allow_null=True, default=None)
    end_time = serializers.TimeField(required=False, allow_null=True, default=None)
    leaders = serializers.ListField(child=serializers.CharField(max_length=150), required=False, default=list, max_length=20)
    content = serializers.CharField(max_length=5000)
    place = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    room = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)
    participants = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    participant_people = serializers.ListField(
        child=serializers.CharField(max_length=150), required=False, default=list, max_length=200
    )
    participant_units = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False, default=list, max_length=100
    )
    preparing_unit = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    accompanying = serializers.ListField(child=serializers.CharField(max_length=150), required=False, default=list, max_length=50)
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False, default=Visibility.INTERNAL)
    notice = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    confirm = serializers.BooleanField(required=False, default=False)


class EntryCreateIn(EntryIn):
    week = serializers.IntegerField(min_value=1)


def entry_values(agency: Agency, data: dict[str, Any]) -> dict[str, Any]:
    """The service's values from a validated body: names turned into people, units and the room."""
    values = dict(data)
    for key in ("leaders", "participant_people", "accompanying"):
        values[key] = [member_named(agency, name, key) for name in data.get(key, [])]
    values["participant_units"] = [unit_named(agency, code, "participant_units") for code in data.get("participant_units", [])]
    room = data.get("room")
    values["room"] = Room.objects.filter(agency=agency, pk=room).first() if room else None
    if room and values["room"] is None:
        raise ValidationFailed(f"Không có phòng họp số {room} trong cơ quan.", fields={"room": ["Không tìm thấy phòng."]})
    for key in ("week", "notice", "confirm"):
        values.pop(key, None)
    return values


class CancelIn(serializers.Serializer):
    notice = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class WeekReturnIn(StepBody):
    reason = serializers.CharField(max_length=5000)


class RoomIn(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    capacity = serializers.IntegerField(min_value=0, max_value=100000, required=False, default=0)
