"""Keys issued before eOffice stored them hashed (Django REST framework's
authtoken kept them in clear): each becomes an ApiToken holding only its
digest, valid EOFFICE_API_TOKEN_DAYS from now, so clients keep working; the
clear rows are deleted."""

from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone
from knox.crypto import hash_token
from knox.settings import CONSTANTS


def hash_old_keys(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    ApiToken = apps.get_model("apitokens", "ApiToken")
    expiry = timezone.now() + timedelta(days=settings.EOFFICE_API_TOKEN_DAYS)
    hashed = [
        ApiToken(
            digest=hash_token(old.key),
            token_key=old.key[: CONSTANTS.TOKEN_KEY_LENGTH],
            user_id=old.user_id,
            expiry=expiry,
            name="Khóa cấp trước khi mã hoá",
        )
        for old in Token.objects.all()
    ]
    ApiToken.objects.bulk_create(hashed)
    Token.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("apitokens", "0001_initial"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [migrations.RunPython(hash_old_keys, migrations.RunPython.noop)]
