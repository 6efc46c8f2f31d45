"""Giấy mời chờ trả lời on the home page: the invitations a person (or the unit
they head) has not answered, to meetings still to come; gone once answered,
for a cancelled meeting, and for anyone not invited."""

from django.utils import timezone

from eoffice.home.blocks import waiting_blocks
from eoffice.home.tests.lists import mismatches
from eoffice.operations.meetings import services


def invitations(cast, user):
    blocks = {b.key: b for b in waiting_blocks(cast.actor(user), timezone.localtime())}
    return blocks.get("invitations")


def test_the_invited_units_head_and_the_invited_leader_find_the_invitation(cast, meet):
    block = invitations(cast, cast.kt_head)  # the unit is invited: its head answers
    assert block is not None and block.tallies[0].value == 1
    assert [item.title for item in block.items] == ["Hội nghị tổng kết công tác năm 2026"]
    assert block.items[0].url.endswith(f"/cuoc-hop/{meet.meeting.pk}/") and block.items[0].note == meet.room.name
    assert invitations(cast, meet.vice).tallies[0].value == 1  # invited by name
    assert invitations(cast, cast.kt_specialist) is None  # the unit's staff do not answer for it
    assert invitations(cast, cast.head) is None  # not invited


def test_the_count_is_the_meeting_lists_tab(cast, meet):
    services.meeting_invite(actor=meet.drafter, meeting=meet.meeting, people=[cast.kt_head])  # by name and as head
    block = invitations(cast, cast.kt_head)
    assert block.tallies[0].value == 1 and mismatches(cast.kt_head, [block]) == []


def test_an_answered_invitation_or_a_cancelled_meeting_waits_no_more(cast, meet):
    services.invitation_reply(actor=cast.actor(cast.kt_head), meeting=meet.meeting, reply="attend")
    assert invitations(cast, cast.kt_head) is None
    assert invitations(cast, meet.vice) is not None
    services.meeting_cancel(actor=meet.drafter, meeting=meet.meeting, reason="Lãnh đạo bận việc đột xuất.")
    assert invitations(cast, meet.vice) is None
