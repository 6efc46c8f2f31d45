"""The operations app's administration: each part registers its own."""

from eoffice.operations.schedule import admin as schedule_admin  # noqa: F401
