"""Meetings (cuộc họp): Part 2 of the operations app."""
