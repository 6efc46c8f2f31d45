"""Members of a backup archive: written with their SHA-256 in one read,
and read back only when they are plain files with safe relative names."""

import hashlib
import io
import os
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from eoffice.backup.errors import BackupError

MANIFEST = "manifest.json"
SECRETS = "secrets.enc"
DATABASE_DIR, MEDIA_DIR = "database", "media"
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Entry:
    """One member as the manifest lists it."""

    name: str
    sha256: str
    size: int

    def as_json(self) -> dict[str, str | int]:
        return {"name": self.name, "sha256": self.sha256, "size": self.size}


class _HashingReader:
    """Hashes what tarfile reads, so a file is read once while it is archived."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size)
        self.digest.update(chunk)
        return chunk


def _info(name: str, size: int) -> tarfile.TarInfo:
    """Owner-only mode, no user or group names of the machine that made it."""
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, 0o600, int(time.time())
    return info


def add_file(tar: tarfile.TarFile, name: str, path: Path) -> Entry:
    with path.open("rb") as raw:
        size = os.fstat(raw.fileno()).st_size
        reader = _HashingReader(raw)
        tar.addfile(_info(name, size), reader)  # tarfile only calls read()
    return Entry(name, reader.digest.hexdigest(), size)


def add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> Entry:
    tar.addfile(_info(name, len(data)), io.BytesIO(data))
    return Entry(name, hashlib.sha256(data).hexdigest(), len(data))


def files_under(root: Path) -> list[tuple[str, Path]]:
    """(relative POSIX name, path) of every file under root, sorted; symbolic
    links to directories are not followed, so nothing outside root is taken."""
    found = []
    for directory, _, names in os.walk(root):
        for name in names:
            path = Path(directory, name)
            if path.is_file():
                found.append((path.relative_to(root).as_posix(), path))
    return sorted(found)


def checked_members(tar: tarfile.TarFile, *, max_bytes: int) -> dict[str, tarfile.TarInfo]:
    """The archive's members by name, refusing what extraction could abuse:
    links, devices, directories, absolute or `..` names, repeated names, and
    a total size over max_bytes (a small compressed archive may expand hugely)."""
    members: dict[str, tarfile.TarInfo] = {}
    for member in tar.getmembers():
        safe_name(member.name)
        _expected_place(member.name)
        if not member.isreg() or member.issparse():
            raise BackupError(f"Bản sao lưu có mục {member.name!r} không phải tệp thường (liên kết, thư mục…): từ chối.")
        if member.name in members:
            raise BackupError(f"Bản sao lưu có hai mục cùng tên {member.name!r}: từ chối.")
        members[member.name] = member
    total = sum(member.size for member in members.values())
    if total > max_bytes:
        raise BackupError(f"Bản sao lưu giải nén ra {total:,} byte, quá giới hạn {max_bytes:,} byte: từ chối.")
    return members


def safe_name(name: str) -> PurePosixPath:
    """A relative name without `..`, written in its normal form ("a/b", never
    "./a", "a//b", "a\\b"), so that joined to a directory it stays inside it."""
    path = PurePosixPath(name)
    if str(path) != name or "\\" in name or path.is_absolute() or ".." in path.parts:
        raise BackupError(f"Bản sao lưu có mục với đường dẫn không an toàn {name!r}: từ chối.")
    return path


def _expected_place(name: str) -> None:
    path = PurePosixPath(name)
    if name not in (MANIFEST, SECRETS) and not (len(path.parts) > 1 and path.parts[0] in (DATABASE_DIR, MEDIA_DIR)):
        raise BackupError(f"Bản sao lưu có mục lạ {name!r}: từ chối.")


def extract_member(tar: tarfile.TarFile, member: tarfile.TarInfo, destination: Path) -> Entry:
    """Write one member to destination (owner-only) and hash what was written."""
    source = tar.extractfile(member)
    if source is None:  # checked_members admits regular files only
        raise BackupError(f"Không đọc được mục {member.name!r} của bản sao lưu.")
    destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    digest, size = hashlib.sha256(), 0
    with source, os.fdopen(os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return Entry(member.name, digest.hexdigest(), size)
