"""What every API endpoint shares."""

from typing import Any

from rest_framework.request import Request
from rest_framework.serializers import BaseSerializer


def validated(serializer_class: type[BaseSerializer[Any]], request: Request, partial: bool = False) -> dict[str, Any]:
    """The request body through a serializer; DRF answers 400 with each field's
    Vietnamese problem when it is not valid (eoffice.core.api_errors)."""
    serializer = serializer_class(data=request.data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
