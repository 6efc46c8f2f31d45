"""Domain errors raised by services; views and the API turn them into messages."""

from collections.abc import Container
from typing import Any, Protocol

from django.core.exceptions import BadRequest


class ServiceError(Exception):
    """A rule of the domain refused the request. `message` is Vietnamese, for users."""

    status = 400
    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, fields: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
        if code:
            self.code = code


class ValidationFailed(ServiceError):
    code = "invalid"


class BadInput(BadRequest, ServiceError):
    """Request-level input no form reads (a header, an upload mid-stream): pages answer
    with the 400 page showing `message`; the API with its error shape."""

    code = "invalid"

    def __init__(self, message: str, *, fields: dict[str, Any] | None = None) -> None:
        ServiceError.__init__(self, message, fields=fields)


class NotAllowed(ServiceError):
    """The actor may not do this to this object (HTTP 403)."""

    status = 403
    code = "permission_denied"


class InvalidState(ServiceError):
    """The action is not allowed in the document's current state (HTTP 409)."""

    status = 409
    code = "invalid_state"


class Duplicate(ServiceError):
    """Looks like something already recorded; the user may confirm (HTTP 409)."""

    status = 409
    code = "duplicate"


class StorageUnavailable(ServiceError):
    """The file storage refused a write (disk full, S3 unreachable): nothing was kept (HTTP 503)."""

    status = 503
    code = "storage_unavailable"


class Stateful(Protocol):
    """A record with a status field with choices."""

    @property
    def status(self) -> str: ...

    def get_status_display(self) -> str: ...


def require(condition: bool, message: str) -> None:
    """Refuse with NotAllowed (403) unless `condition` holds."""
    if not condition:
        raise NotAllowed(message)


def state_refusal(record: Stateful, allowed: Container[str], action: str) -> InvalidState | None:
    """InvalidState (409) unless `record.status` is in `allowed`; `action` is
    the Vietnamese verb phrase ("trình", "ký", …)."""
    if record.status not in allowed:
        return InvalidState(f"Không thể {action} khi văn bản đang ở trạng thái “{record.get_status_display()}”.")
    return None


def require_state(record: Stateful, allowed: Container[str], action: str) -> None:
    """Refuse with InvalidState (409) unless `record.status` is in `allowed`."""
    refusal = state_refusal(record, allowed, action)
    if refusal is not None:
        raise refusal
