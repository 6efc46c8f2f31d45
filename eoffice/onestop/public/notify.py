"""The e-mail an applicant gets after filing online, when the office has a mail server
(EOFFICE_EMAIL_HOST) and the applicant gave an address: the code, how to look the
dossier up, and that the appointment comes when the counter receives it."""

from django.conf import settings
from django.core.mail import send_mail

from eoffice.onestop.models import Dossier
from eoffice.onestop.printing.base import lookup_url


def enabled() -> bool:
    return bool(settings.EOFFICE_EMAIL_HOST)


def submission_email(dossier: Dossier) -> tuple[str, str]:
    """(subject, body) of the acknowledgement."""
    subject = f"Đã nhận hồ sơ trực tuyến {dossier.code}"
    body = "\n".join(
        [
            f"Kính gửi Ông/Bà {dossier.applicant_name},",
            "",
            f"{dossier.agency.name} đã nhận hồ sơ Ông/Bà nộp trực tuyến:",
            f"- Thủ tục: {dossier.procedure.name} ({dossier.procedure.code})",
            f"- Mã hồ sơ: {dossier.code}",
            "",
            "Bộ phận một cửa sẽ kiểm tra và tiếp nhận hồ sơ; ngày hẹn trả kết quả có khi hồ sơ được tiếp nhận.",
            f"Tra cứu tình trạng hồ sơ (cần 4 số cuối điện thoại đã khai): {lookup_url(dossier.code)}",
            "",
            "Thư này được gửi tự động, xin không trả lời.",
        ]
    )
    return subject, body


def send_submission_email(dossier: Dossier) -> None:
    if not (enabled() and dossier.email):
        return
    subject, body = submission_email(dossier)
    send_mail(subject, body, None, [dossier.email])
