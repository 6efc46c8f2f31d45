from huey.contrib.djhuey import db_task

from eoffice.outgoing.models import Recipient


@db_task(retries=3, retry_delay=60)
def send_package_task(recipient_id: int) -> None:
    recipient = Recipient.objects.select_related("agency", "package").filter(pk=recipient_id).first()
    if recipient is not None:
        from eoffice.outgoing.delivery import send_package

        send_package(recipient=recipient)
