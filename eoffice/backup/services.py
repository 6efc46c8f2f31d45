"""Back up a whole installation into one archive, and restore it into a new,
empty one (docs/deploy.md, "Sao lưu và phục hồi"). The archive holds
manifest.json, database/<dump>, media/<files> and secrets.enc (the secret key
and the PKI directory, encrypted with the operator's passphrase); the
encrypted part also carries the manifest, so that it cannot be rewritten
without the passphrase."""

import base64
import gzip
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from io import TextIOBase
from pathlib import Path
from typing import Any, cast

import django
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.management import call_command
from django.utils import timezone

from eoffice.backup import database
from eoffice.backup.errors import BackupError
from eoffice.backup.members import (
    DATABASE_DIR,
    MANIFEST,
    MEDIA_DIR,
    SECRETS,
    Entry,
    add_bytes,
    add_file,
    checked_members,
    extract_member,
    files_under,
    safe_name,
)
from eoffice.backup.sealing import SCHEME, seal, unseal

FORMAT = 1
PASSPHRASE_VARIABLE = "EOFFICE_BACKUP_PASSPHRASE"  # noqa: S105 - a variable name
MIN_PASSPHRASE_LENGTH = 12
MAX_EXTRACTED_BYTES = 1024**4  # 1 TiB: far above an agency's files, far below what a crafted archive claims
MAX_MANIFEST_BYTES = 256 * 1024**2
NOT_INCLUDED = {
    "search_index": "dựng lại khi phục hồi (search_rebuild)",
    "job_queue": "tasks.sqlite3 không sao lưu: việc định kỳ tự chạy lại, thư điện tử đang chờ gửi có thể mất",
}


@dataclass(frozen=True)
class Staged:
    """An archive checked and extracted into a private directory, not yet applied."""

    directory: Path
    manifest: dict[str, Any]
    secrets: dict[str, Any]


def read_passphrase(path: str | None) -> str:
    """From the file given, else from EOFFICE_BACKUP_PASSPHRASE (a final newline is not part of it)."""
    try:
        passphrase = Path(path).read_text(encoding="utf-8").rstrip("\r\n") if path else os.environ.get(PASSPHRASE_VARIABLE, "")
    except (OSError, UnicodeError) as exc:
        raise BackupError(f"Không đọc được tệp cụm mật khẩu {path}: {exc}") from None
    if not passphrase:
        raise BackupError(
            "Chưa có cụm mật khẩu (mã hóa khóa bí mật trong bản sao lưu): "
            f"dùng --passphrase-file TỆP hoặc biến môi trường {PASSPHRASE_VARIABLE}."
        )
    return passphrase


# Backup


def create_backup(output: Path, passphrase: str) -> dict[str, Any]:
    """Write the archive (gzip-compressed when the name ends in .gz or .tgz),
    owner-only, under a temporary name renamed at the end: a failed backup
    leaves no half archive that looks whole."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise BackupError(f"Cụm mật khẩu phải có ít nhất {MIN_PASSPHRASE_LENGTH} ký tự.")
    if output.exists():
        raise BackupError(f"Tệp {output} đã có: chọn tên khác (không ghi đè bản sao lưu cũ).")
    partial = output.with_name(f".{output.name}.partial")
    mode = "w:gz" if output.name.endswith((".gz", ".tgz")) else "w"
    try:
        with (
            os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as raw,
            tarfile.open(fileobj=raw, mode=mode) as tar,  # type: ignore[call-overload]  # mode is a literal
            tempfile.TemporaryDirectory(prefix=".eoffice-backup-", dir=output.parent) as work,
        ):
            manifest = _write_members(tar, Path(work), passphrase)
        os.replace(partial, output)
    except OSError as exc:
        raise BackupError(f"Không ghi được bản sao lưu {output}: {exc.strerror or exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _write_members(tar: tarfile.TarFile, work: Path, passphrase: str) -> dict[str, Any]:
    """The database first, then the files: every file a row of the copy names
    exists by then (files are written before their rows and never changed)."""
    manifest = _manifest_head()
    entries = [_add_database(tar, work), *_add_media(tar)]
    manifest["files"] = [entry.as_json() for entry in entries]
    sealed = add_bytes(tar, SECRETS, seal(_secrets_payload(manifest), passphrase))
    manifest["files"].append(sealed.as_json())
    add_bytes(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
    return manifest


def _manifest_head() -> dict[str, Any]:
    now = timezone.now()
    vendor = database.vendor()
    return {
        "format": FORMAT,
        "created_at": timezone.localtime(now).isoformat(timespec="seconds"),
        "created_at_utc": now.astimezone(UTC).isoformat(timespec="seconds"),
        "eoffice_revision": _git_revision(),
        "django": django.get_version(),
        "database": {"vendor": vendor, "member": _database_member(vendor)},
        "migrations": database.applied_migrations(),
        "storage": _storage_description(),
        "secrets": {"member": SECRETS, "encryption": SCHEME, "holds": ["secret_key", "pki/"]},
        "not_included": NOT_INCLUDED,
    }


def _database_member(vendor: str) -> str:
    return f"{DATABASE_DIR}/{database.DUMP_NAMES[vendor]}"


def _add_database(tar: tarfile.TarFile, work: Path) -> Entry:
    name = _database_member(database.vendor())
    path = work / Path(name).name
    database.dump(path)
    return add_file(tar, name, path)


def _add_media(tar: tarfile.TarFile) -> list[Entry]:
    root = _media_root()
    if root is None or not root.is_dir():
        return []
    return [add_file(tar, f"{MEDIA_DIR}/{name}", path) for name, path in files_under(root)]


def _media_root() -> Path | None:
    """The files' directory when they are stored on this machine; None for
    object storage (S3), which the archive does not copy."""
    storage = storages["default"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def _storage_description() -> dict[str, Any]:
    if _media_root() is not None:
        return {"backend": "filesystem", "files_included": True}
    config = cast("dict[str, Any]", settings.STORAGES["default"])
    return {
        "backend": config["BACKEND"],
        "bucket": config.get("OPTIONS", {}).get("bucket_name"),
        "files_included": False,
        "note": "Tệp nằm trong kho đối tượng: sao lưu bằng versioning/replication của kho, không có trong bản sao lưu này.",
    }


def _secrets_payload(manifest: dict[str, Any]) -> bytes:
    """The secret key in effect (from SECRET_KEY, whatever file it was read
    from), every file of <var>/pki, and the manifest as it stands."""
    pki = Path(settings.VAR_DIR) / "pki"
    files = files_under(pki) if pki.is_dir() else []
    payload = {
        "manifest": manifest,
        "secret_key": settings.SECRET_KEY,
        "pki": {name: base64.b64encode(path.read_bytes()).decode() for name, path in files},
    }
    return json.dumps(payload).encode()


def _git_revision() -> str | None:
    """The commit the code was installed from, when it was installed from git."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"],  # noqa: S607 - git from PATH, read only
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


# Restore


def restore_backup(archive: Path, passphrase: str, *, force: bool = False, out: TextIOBase | None = None) -> dict[str, Any]:
    with staged_backup(archive, passphrase, force=force) as backup:
        apply_backup(backup, out)
    return backup.manifest


@contextmanager
def staged_backup(
    archive: Path, passphrase: str, *, force: bool = False, max_bytes: int = MAX_EXTRACTED_BYTES
) -> Iterator[Staged]:
    """Every check a restore makes before it changes anything, in order: the
    members' names and types, the manifest, the passphrase (which also proves
    the manifest), the target, then each member's checksum as it is extracted
    into a private directory under VAR_DIR (the file system of media and pki)."""
    var = Path(settings.VAR_DIR)
    var.mkdir(parents=True, exist_ok=True)
    directory = Path(tempfile.mkdtemp(prefix=".restore-", dir=var))
    try:
        with _reading(archive) as tar:
            members = checked_members(tar, max_bytes=max_bytes)
            manifest, listed = _read_manifest(tar, members)
            secrets = _open_secrets(tar, members[SECRETS], listed[SECRETS], directory, manifest, passphrase)
            _check_target(manifest, listed, force=force)
            _check_free_space(members, directory)
            for name, member in members.items():
                if name not in (MANIFEST, SECRETS):
                    _verified(extract_member(tar, member, directory / name), listed[name])
        yield Staged(directory, manifest, secrets)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@contextmanager
def _reading(archive: Path) -> Iterator[tarfile.TarFile]:
    """The archive open for reading; a truncated or corrupt one gives our message."""
    try:
        with tarfile.open(archive, "r:*") as tar:
            yield tar
    except (OSError, EOFError, tarfile.TarError, zlib.error) as exc:
        if isinstance(exc, OSError) and not isinstance(exc, gzip.BadGzipFile) and exc.filename:
            raise BackupError(f"Lỗi đọc hoặc ghi {exc.filename}: {exc.strerror}") from None
        raise BackupError(f"Bản sao lưu {archive} bị hỏng, không đọc được: {exc}") from None


def _read_manifest(tar: tarfile.TarFile, members: dict[str, tarfile.TarInfo]) -> tuple[dict[str, Any], dict[str, Entry]]:
    member = members.get(MANIFEST)
    if member is None or member.size > MAX_MANIFEST_BYTES:
        raise BackupError("Bản sao lưu không có manifest.json hợp lệ: đây không phải bản sao lưu eOffice.")
    source = tar.extractfile(member)
    try:
        manifest = json.loads(source.read() if source else b"")
        listed = {entry["name"]: Entry(**entry) for entry in manifest["files"]}
        version = manifest["format"]
    except (ValueError, KeyError, TypeError):
        raise BackupError("manifest.json của bản sao lưu bị hỏng.") from None
    if version != FORMAT:
        raise BackupError(f"Bản sao lưu định dạng {version}, phiên bản eOffice này đọc định dạng {FORMAT}.")
    unmatched = sorted(set(listed) ^ (set(members) - {MANIFEST}))
    if unmatched:
        name = unmatched[0]
        where = "có trong manifest.json nhưng thiếu trong bản sao lưu" if name in listed else "không có trong manifest.json"
        raise BackupError(f"Tệp {name} {where}: bản sao lưu không toàn vẹn.")
    if SECRETS not in listed:
        raise BackupError("Bản sao lưu không có secrets.enc (khóa bí mật, khóa ký).")
    return manifest, listed


def _open_secrets(
    tar: tarfile.TarFile,
    member: tarfile.TarInfo,
    entry: Entry,
    directory: Path,
    manifest: dict[str, Any],
    passphrase: str,
) -> dict[str, Any]:
    """Decrypt secrets.enc (checksum first) and compare the manifest with the
    copy sealed inside it: a manifest rewritten to match edited members fails here."""
    _verified(extract_member(tar, member, directory / SECRETS), entry)
    secrets = json.loads(unseal((directory / SECRETS).read_bytes(), passphrase))
    sealed_manifest = {**manifest, "files": [f for f in manifest["files"] if f["name"] != SECRETS]}
    if secrets["manifest"] != sealed_manifest:
        raise BackupError("manifest.json khác với bản được mã hóa kèm theo: bản sao lưu đã bị sửa.")
    for name in secrets["pki"]:
        safe_name(name)
    return dict(secrets)


def _check_target(manifest: dict[str, Any], listed: dict[str, Entry], *, force: bool) -> None:
    archived, here = manifest["database"]["vendor"], database.vendor()
    if archived != here:
        raise BackupError(
            f"Bản sao lưu là cơ sở dữ liệu {archived}, cài đặt này dùng {here}: "
            "không hỗ trợ phục hồi sang loại cơ sở dữ liệu khác (ví dụ SQLite sang PostgreSQL)."
        )
    if _database_member(here) not in listed:
        raise BackupError("Bản sao lưu không có cơ sở dữ liệu.")
    if _media_root() is None and any(name.startswith(f"{MEDIA_DIR}/") for name in listed):
        raise BackupError("Bản sao lưu có tệp đính kèm nhưng cài đặt này lưu tệp trên S3: phục hồi vào cài đặt lưu tệp cục bộ.")
    database.refuse_newer(manifest["migrations"])
    if not force:
        database.refuse_unless_empty()


def _check_free_space(members: dict[str, tarfile.TarInfo], directory: Path) -> None:
    needed, free = sum(member.size for member in members.values()), shutil.disk_usage(directory).free
    if needed > free:
        raise BackupError(f"Không đủ chỗ trống: cần {needed:,} byte, còn {free:,} byte trong {directory.parent}.")


def _verified(written: Entry, listed: Entry) -> None:
    if written != listed:
        raise BackupError(
            f"Tệp {listed.name} trong bản sao lưu bị hỏng hoặc đã bị sửa: SHA-256 hoặc kích thước khác với manifest.json."
        )


def apply_backup(backup: Staged, out: TextIOBase | None = None) -> None:
    """Database, files, secrets, then the schema brought up to this code and
    the search index rebuilt from the restored rows."""
    database.load(backup.directory / _database_member(database.vendor()))
    _restore_media(backup.directory / MEDIA_DIR)
    _restore_secrets(backup.secrets)
    if database.needs_migrate():
        call_command("migrate", interactive=False, stdout=out)
    call_command("search_rebuild", stdout=out)


def _restore_media(staged: Path) -> None:
    root, storage = _media_root(), storages["default"]
    if root is None or not staged.is_dir():
        return
    mode = storage.file_permissions_mode if isinstance(storage, FileSystemStorage) else None
    for name, path in files_under(staged):
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, target)
        os.chmod(target, mode or 0o644)


def _restore_secrets(secrets: dict[str, Any]) -> None:
    var = Path(settings.VAR_DIR)
    _write_private(var, "secret_key", f"{secrets['secret_key']}\n".encode())
    for name, content in secrets["pki"].items():
        _write_private(var, f"pki/{name}", base64.b64decode(content))


def _write_private(root: Path, name: str, data: bytes) -> None:
    """An owner-only file (0600) in owner-only directories (0700), replaced in one rename."""
    path = root
    for part in Path(name).parts[:-1]:
        path /= part
        path.mkdir(mode=0o700, exist_ok=True)
    path /= Path(name).name
    temporary = path.with_name(f".{path.name}.restoring")
    temporary.unlink(missing_ok=True)
    with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
        out.write(data)
    os.replace(temporary, path)
