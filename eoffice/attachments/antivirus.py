"""Uploads scanned by ClamAV's daemon before they are stored, when EOFFICE_CLAMD
names one: "unix:///run/clamav/clamd.ctl" or "tcp://host:3310" (clamav-client
speaks clamd's INSTREAM protocol). A file found infected is refused with the
threat's name; a scanner that is configured but does not answer refuses the
upload too (503): an office that asked for scanning never stores an unscanned
file. Without EOFFICE_CLAMD nothing is scanned (the embedded default)."""

from typing import IO, BinaryIO, cast
from urllib.parse import urlparse

from clamav_client.clamd import ClamdError, ClamdNetworkSocket, ClamdUnixSocket
from django.conf import settings

from eoffice.core.errors import StorageUnavailable, ValidationFailed


def _client() -> ClamdNetworkSocket:
    address = urlparse(settings.EOFFICE_CLAMD)
    timeout = settings.EOFFICE_CLAMD_TIMEOUT
    if address.scheme == "unix":
        return ClamdUnixSocket(path=address.path, timeout=timeout)
    return ClamdNetworkSocket(host=address.hostname or "127.0.0.1", port=address.port or 3310, timeout=timeout)


def scan_upload(stream: IO[bytes], name: str) -> None:
    """Raise ValidationFailed if clamd finds a threat in `stream`, StorageUnavailable if
    it cannot say; the stream is left at its start."""
    if not settings.EOFFICE_CLAMD:
        return
    stream.seek(0)
    try:
        result = _client().instream(cast(BinaryIO, stream))
    except (ClamdError, OSError) as error:
        raise StorageUnavailable(
            f"Chưa lưu được tệp “{name}”: không kết nối được phần mềm diệt virus của máy chủ để kiểm tra tệp. "
            "Đề nghị thử lại sau hoặc báo quản trị hệ thống."
        ) from error
    finally:
        stream.seek(0)
    status, threat = next(iter(result.values()), ("ERROR", "no answer"))
    if status == "FOUND":
        raise ValidationFailed(
            f"Tệp “{name}” bị từ chối: phần mềm diệt virus phát hiện mã độc ({threat}).",
            fields={"files": [f"Tệp “{name}” chứa mã độc ({threat})."]},
        )
    if status != "OK":
        raise StorageUnavailable(f"Chưa lưu được tệp “{name}”: phần mềm diệt virus báo lỗi khi kiểm tra ({threat}).")
