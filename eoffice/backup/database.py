"""The database part of a backup: a consistent copy while the server runs
(SQLite's online backup API, pg_dump), put back into an empty installation
(the file replaced, pg_restore), and the checks around it."""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from eoffice.backup.errors import BackupError

DUMP_NAMES = {"sqlite": "eoffice.sqlite3", "postgresql": "eoffice.pgdump"}
# libpq reads these from the environment; the password never goes on a command line.
PG_OPTIONS = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY"}


def vendor() -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(f"Không hỗ trợ sao lưu cơ sở dữ liệu loại {connection.vendor}.")
    return connection.vendor


def dump(destination: Path) -> None:
    if vendor() == "sqlite":
        _sqlite_copy(Path(connection.settings_dict["NAME"]), destination)
    else:
        _pg_run("pg_dump", "--format=custom", "--no-password", f"--file={destination}")


def load(dump_file: Path) -> None:
    """Replace the configured database with the dump. Django's connections are
    closed first: SQLite must not keep the old file open, PostgreSQL's
    pg_restore must not wait on our locks."""
    if vendor() == "sqlite":
        connections.close_all()
        _sqlite_replace(dump_file, Path(connection.settings_dict["NAME"]))
    else:
        _drop_tables()
        connections.close_all()
        options = ("--clean", "--if-exists", "--no-owner", "--single-transaction", "--no-password")
        _pg_run("pg_restore", *options, f"--dbname={connection.settings_dict['NAME']}", str(dump_file))


def _sqlite_copy(source: Path, destination: Path) -> None:
    """One step of the backup API: a snapshot of one read transaction, which
    writers (WAL mode) do not block. The copy leaves WAL mode so that it is
    one self-contained file. mode=rw: a missing database is an error, not a new file."""
    try:
        with (
            closing(sqlite3.connect(f"{source.as_uri()}?mode=rw", uri=True)) as live,
            closing(sqlite3.connect(destination)) as copy,
        ):
            live.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as exc:
        raise BackupError(f"Không sao chép được cơ sở dữ liệu {source}: {exc}") from None


def _sqlite_replace(dump_file: Path, target: Path) -> None:
    """The old file's write-ahead log and shared memory go too: SQLite would
    otherwise replay the old database's pages onto the restored one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    incoming = target.with_name(f"{target.name}.restoring")
    shutil.move(dump_file, incoming)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(incoming, target)


def _drop_tables() -> None:
    """A target migrated by a newer eOffice may hold tables the dump does not
    know, which `migrate` would then fail to create: the target is emptied
    (only once it was found empty of users, or with --force)."""
    tables = connection.introspection.table_names()
    if tables:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {', '.join(map(connection.ops.quote_name, tables))} CASCADE")


def _pg_run(program: str, *arguments: str) -> None:
    binary = shutil.which(program)
    if binary is None:
        raise BackupError(f"Không tìm thấy {program}: cài gói postgresql-client cùng phiên bản với máy chủ PostgreSQL.")
    done = subprocess.run([binary, *arguments], env=_pg_environment(), capture_output=True, text=True, check=False)  # noqa: S603 - fixed program, our arguments
    if done.returncode != 0:
        raise BackupError(f"{program} thất bại (mã {done.returncode}): {done.stderr.strip()[-2000:]}")


def _pg_environment() -> dict[str, str]:
    """The connection settings of DATABASES as libpq variables; inherited PG*
    variables are dropped so that they cannot point the tool elsewhere."""
    config: dict[str, Any] = connection.settings_dict
    values = {
        "PGDATABASE": config["NAME"],
        "PGHOST": config.get("HOST"),
        "PGPORT": config.get("PORT"),
        "PGUSER": config.get("USER"),
        "PGPASSWORD": config.get("PASSWORD"),
        **{variable: config.get("OPTIONS", {}).get(option) for option, variable in PG_OPTIONS.items()},
    }
    inherited = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    return inherited | {key: str(value) for key, value in values.items() if value}


def refuse_unless_empty() -> None:
    """Restore goes into a new installation: no table at all, or eOffice's
    tables (after `migrate`) without a single user. Anything else is refused,
    a database of another application too."""
    tables = connection.introspection.table_names()
    if not tables:
        return
    users = get_user_model()._meta.db_table
    if users not in tables:
        raise BackupError("Cơ sở dữ liệu đích có bảng nhưng không phải của eOffice: từ chối ghi đè (--force nếu chắc chắn).")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(users)} LIMIT 1")  # noqa: S608 - a quoted table name
        if cursor.fetchone():
            raise BackupError(
                "Cài đặt đích đã có người dùng: chỉ phục hồi vào một cài đặt mới, trống. "
                "Dùng --force để ghi đè toàn bộ dữ liệu hiện có."
            )


def applied_migrations() -> dict[str, str]:
    """The latest applied migration of each app (names are numbered, so the greatest)."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(name, latest.get(app, name))
    return dict(sorted(latest.items()))


def refuse_newer(migrations: dict[str, str]) -> None:
    """An archive whose migrations this code does not have comes from a newer eOffice."""
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    apps = {app for app, _ in known}
    for app, name in migrations.items():
        if app in apps and (app, name) not in known:
            raise BackupError(
                f"Bản sao lưu được tạo bởi phiên bản eOffice mới hơn (có migration {app}.{name} mà bản này không có): "
                "cập nhật eOffice rồi phục hồi lại."
            )


def needs_migrate() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
