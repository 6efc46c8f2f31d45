"""Background jobs of the one-stop app (huey finds them in <app>.tasks)."""

from huey.contrib.djhuey import db_task

from eoffice.onestop.models import Dossier
from eoffice.onestop.public.notify import send_submission_email


@db_task(retries=3, retry_delay=60)
def submission_email_task(dossier_id: int) -> None:
    """A mail server that is down delays the acknowledgement, never the filing."""
    dossier = Dossier.objects.select_related("agency", "procedure").filter(pk=dossier_id).first()
    if dossier is not None:
        send_submission_email(dossier)
