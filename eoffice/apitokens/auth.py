from datetime import timedelta

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication

from eoffice.apitokens.models import ApiToken

TOUCH_EVERY = timedelta(minutes=1)  # one write a minute at most, not one per request


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, checked against the stored digests; an
    expired key is deleted when it is next presented (knox). Notes the last use."""

    def validate_user(self, auth_token: ApiToken):
        user, token = super().validate_user(auth_token)
        now = timezone.now()
        if token.last_used is None or now - token.last_used > TOUCH_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        return user, token


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "eoffice.apitokens.auth.ApiTokenAuthentication"
    name = "tokenAuth"  # the name the schema gave DRF's token before: clients' configs keep working

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Khóa API, gửi dạng `Token eo_…` (POST /api/v1/auth/token/ cấp khóa).",
        }
