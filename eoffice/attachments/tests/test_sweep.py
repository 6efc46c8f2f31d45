"""Orphan files (bytes a rolled-back transaction left in storage) are found and
deleted once old enough; a file a record holds, or a fresh one, never is."""

import os
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import transaction

from eoffice.attachments.models import StoredFile
from eoffice.attachments.services import stored_file_from_bytes
from eoffice.attachments.sweep import orphans, sweep

pytestmark = pytest.mark.django_db


def age(name: str, hours: int) -> None:
    then = time.time() - hours * 3600
    os.utime(default_storage.path(name), (then, then))


def rolled_back_store(data: bytes) -> str:
    """A file stored inside a transaction that then fails: its row goes, its bytes stay."""
    names = []
    with pytest.raises(RuntimeError), transaction.atomic():
        names.append(stored_file_from_bytes(data=data, extension="pdf", content_type="application/pdf").file.name)
        raise RuntimeError("the step failed")
    assert not StoredFile.objects.filter(file=names[0]).exists() and default_storage.exists(names[0])
    return names[0]


def test_an_old_orphan_is_deleted_and_nothing_else(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    settings.MEDIA_ROOT = tmp_path
    kept = stored_file_from_bytes(data=b"%PDF-1.4 kept", extension="pdf", content_type="application/pdf").file.name
    old, fresh = rolled_back_store(b"%PDF-1.4 old"), rolled_back_store(b"%PDF-1.4 fresh")
    for name in (kept, old):
        age(name, 48)
    age(fresh, 2)
    assert list(orphans(older_than=timedelta(hours=24))) == [old]
    assert sweep(older_than=timedelta(hours=24)) == (1, len(b"%PDF-1.4 old")) and default_storage.exists(old)  # counted only
    out = StringIO()
    call_command("sweep_files", "--delete", stdout=out)
    assert "Đã xóa 1 tệp" in out.getvalue()
    assert not default_storage.exists(old) and default_storage.exists(fresh) and default_storage.exists(kept)
    with StoredFile.objects.get(file=kept).file.open("rb") as handle:
        assert handle.read() == b"%PDF-1.4 kept"


def test_the_command_refuses_a_grace_period_under_an_hour():
    with pytest.raises(CommandError, match="giao dịch đang chạy"):
        call_command("sweep_files", "--hours", "0")


def test_only_the_stored_files_directory_is_swept(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    settings.MEDIA_ROOT = tmp_path / "empty"
    assert list(orphans()) == []  # no files/ directory yet
    other = default_storage.save("other/readme.txt", ContentFile(b"x"))
    age(other, 48)
    assert list(orphans()) == [] and default_storage.exists(other)
