"""What every API endpoint shares."""


def validated(serializer_class, request, partial: bool = False) -> dict:
    """The request body through a serializer; DRF answers 400 with each field's
    Vietnamese problem when it is not valid (eoffice.core.api_errors)."""
    serializer = serializer_class(data=request.data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
