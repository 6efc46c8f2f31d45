"""The groups of notification kinds a person sets preferences for: the part of
the kind before the dot, which is the app that wrote it ("incoming.assigned" is
in "incoming"). A kind of an app not listed here falls in OTHER."""

from django.utils.translation import gettext_lazy as _

GROUPS = {
    "incoming": _("Văn bản đến"),
    "outgoing": _("Văn bản đi"),
    "onestop": _("Hồ sơ một cửa"),
    "operations": _("Lịch công tác, cuộc họp và nhiệm vụ"),
}
OTHER = "other"
LABELS = {**GROUPS, OTHER: _("Thông báo khác")}


def group_of(kind: str) -> str:
    group = kind.split(".", 1)[0]
    return group if group in GROUPS else OTHER
