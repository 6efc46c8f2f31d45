"""The credentials of POST /api/v1/auth/token/: a person who must use
two-factor sign-in (or has turned it on) sends the code too, or gets no key:
a password alone opens no door the login page keeps shut."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer

from eoffice.twofactor import services
from eoffice.twofactor.policy import requires_two_factor


class TwoFactorTokenSerializer(AuthTokenSerializer):
    otp = serializers.CharField(
        label=_("Mã xác thực"),
        required=False,
        write_only=True,
        max_length=32,
        help_text=_("6 chữ số trong ứng dụng xác thực, hoặc một mã khôi phục (tài khoản dùng xác thực hai lớp)."),
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        user = attrs["user"]
        if not (services.enrolled(user) or requires_two_factor(user)):
            return attrs
        if not services.enrolled(user):
            raise serializers.ValidationError({"otp": "Tài khoản cần thiết lập xác thực hai lớp trên trang web trước."})
        if not attrs.get("otp"):
            raise serializers.ValidationError({"otp": "Tài khoản này cần mã xác thực hai lớp."})
        attempt = services.verify(user, attrs["otp"])
        if attempt.device is None:
            wait = f" Thử lại sau {attempt.wait_seconds} giây." if attempt.wait_seconds else ""
            raise serializers.ValidationError({"otp": "Mã xác thực không đúng hoặc đã hết hạn." + wait})
        return attrs
