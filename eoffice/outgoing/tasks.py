from huey.contrib.djhuey import db_task

from eoffice.outgoing.models import Delivery, Recipient


class NotSent(Exception):
    """Raised so that huey retries a package the transport refused."""


@db_task(retries=3, retry_delay=60)
def send_package_task(recipient_id: int) -> None:
    recipient = Recipient.objects.select_related("agency", "package").filter(pk=recipient_id).first()
    if recipient is not None:
        from eoffice.outgoing.delivery import send_package

        if send_package(recipient=recipient).status == Delivery.FAILED:
            raise NotSent(f"edXML package {recipient.message_id} not sent")
