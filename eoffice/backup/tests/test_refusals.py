"""What a restore refuses, before it changes anything: an archive of this test
database (made in-process) and altered copies of it. Only the checks run
(staged_backup); nothing is applied to the test database."""

import io
import json
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from eoffice.backup.errors import BackupError
from eoffice.backup.services import create_backup, staged_backup
from eoffice.organisation.models import User

PASSPHRASE = "một cụm mật khẩu đủ dài"
MEDIA_FILE = "media/files/ab/van-ban.pdf"

pytestmark = pytest.mark.django_db


@pytest.fixture
def var(settings, tmp_path) -> Path:
    var = tmp_path / "var"
    settings.VAR_DIR, settings.MEDIA_ROOT = var, var / "media"
    (var / "media" / "files" / "ab").mkdir(parents=True)
    (var / "media" / "files" / "ab" / "van-ban.pdf").write_bytes(b"%PDF-1.4 noi dung van ban")
    (var / "pki" / "ca").mkdir(parents=True)
    (var / "pki" / "ca" / "root.key.pem").write_bytes(b"-----BEGIN PRIVATE KEY-----")
    return var


@pytest.fixture
def archive(var, tmp_path) -> Path:
    path = tmp_path / "eoffice.tar"
    create_backup(path, PASSPHRASE)
    return path


def check(archive: Path, passphrase: str = PASSPHRASE, **options) -> None:
    with staged_backup(archive, passphrase, **options):
        pass


def altered(archive: Path, edit: Callable[[tarfile.TarInfo, bytes], bytes], extra=()) -> Path:
    """A copy of the archive with every member's bytes passed through edit, and extra (TarInfo, bytes) members."""
    target = archive.with_name("altered.tar")
    with tarfile.open(archive) as source, tarfile.open(target, "w") as copy:
        for member in source.getmembers():
            data = edit(member, source.extractfile(member).read())
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
        for member, data in extra:
            copy.addfile(member, io.BytesIO(data))
    return target


def edit_manifest(change: Callable[[dict], None]) -> Callable[[tarfile.TarInfo, bytes], bytes]:
    def edit(member: tarfile.TarInfo, data: bytes) -> bytes:
        if member.name != "manifest.json":
            return data
        manifest = json.loads(data)
        change(manifest)
        return json.dumps(manifest).encode()

    return edit


def test_the_untouched_archive_passes_every_check(archive):
    check(archive)


def test_a_wrong_passphrase_is_refused(archive):
    with pytest.raises(BackupError, match="Sai cụm mật khẩu"):
        check(archive, "không phải cụm mật khẩu này")


def test_a_byte_edited_in_a_member_is_refused_naming_the_member(archive):
    with tarfile.open(archive) as tar:
        offset = tar.getmember(MEDIA_FILE).offset_data
    with archive.open("r+b") as raw:
        raw.seek(offset)
        raw.write(b"X")
    with pytest.raises(BackupError, match=f"Tệp {MEDIA_FILE} trong bản sao lưu bị hỏng hoặc đã bị sửa"):
        check(archive)


def test_a_member_edited_with_its_checksum_rewritten_too_is_refused(archive):
    """The manifest is sealed inside secrets.enc: rewriting both needs the passphrase."""
    import hashlib

    forged = b"%PDF-1.4 noi dung khac"

    def edit(member, data):
        return forged if member.name == MEDIA_FILE else data

    def rewrite(manifest):
        entry = next(entry for entry in manifest["files"] if entry["name"] == MEDIA_FILE)
        entry.update(sha256=hashlib.sha256(forged).hexdigest(), size=len(forged))

    def both(member, data):
        return edit_manifest(rewrite)(member, edit(member, data))

    with pytest.raises(BackupError, match="đã bị sửa"):
        check(altered(archive, both))


def symlink(name: str, target: str) -> tarfile.TarInfo:
    member = tarfile.TarInfo(name)
    member.type, member.linkname = tarfile.SYMTYPE, target
    return member


def regular(name: str, data: bytes = b"x") -> tuple[tarfile.TarInfo, bytes]:
    member = tarfile.TarInfo(name)
    member.size = len(data)
    return member, data


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (regular("../evil.sh"), "../evil.sh"),
        (regular("media/../../evil.sh"), "media/../../evil.sh"),
        (regular("/tmp/evil.sh"), "/tmp/evil.sh"),
        ((symlink("media/files/link", "/etc/passwd"), b""), "media/files/link"),
        (regular("pki/ca/root.key.pem"), "pki/ca/root.key.pem"),  # nowhere an archive may write
    ],
)
def test_a_member_outside_the_archive_places_or_not_a_plain_file_is_refused(archive, var, extra, named):
    with pytest.raises(BackupError, match=f"'{named}'"):
        check(altered(archive, lambda member, data: data, extra=[extra]))
    assert not (var.parent / "evil.sh").exists()


def test_an_archive_larger_than_the_cap_is_refused(archive):
    with pytest.raises(BackupError, match="quá giới hạn"):
        check(archive, max_bytes=1000)


def test_an_archive_of_another_database_engine_is_refused(archive, monkeypatch):
    """Restored into an installation on the other engine (the target's vendor stands in for it)."""
    from eoffice.backup import database

    made_on = database.vendor()
    monkeypatch.setattr(database, "vendor", lambda: "postgresql" if made_on == "sqlite" else "sqlite")
    with pytest.raises(BackupError, match=f"Bản sao lưu là cơ sở dữ liệu {made_on}.*không hỗ trợ phục hồi sang loại"):
        check(archive)


def test_an_installation_with_users_is_refused_unless_forced(archive):
    User.objects.create_user(username="vanthu", password="matkhau-123")
    with pytest.raises(BackupError, match="đã có người dùng"):
        check(archive)
    check(archive, force=True)


def test_backup_needs_a_passphrase(var, tmp_path, monkeypatch):
    monkeypatch.delenv("EOFFICE_BACKUP_PASSPHRASE", raising=False)
    with pytest.raises(CommandError, match="Chưa có cụm mật khẩu"):
        call_command("backup", output=str(tmp_path / "a.tar"))
    monkeypatch.setenv("EOFFICE_BACKUP_PASSPHRASE", "ngắn")
    with pytest.raises(CommandError, match="ít nhất 12 ký tự"):
        call_command("backup", output=str(tmp_path / "a.tar"))
    assert not list(tmp_path.glob("*a.tar*"))
