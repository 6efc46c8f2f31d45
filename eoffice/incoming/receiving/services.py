"""Vào sổ văn bản đến: the registry registers a document that arrived (on
paper or electronically), with its files, in one transaction that writes the
processing trace and the audit log. Views, the API, the demo loader and tests
all call these."""

from collections.abc import Iterable
from typing import Any, cast

from django.core.files.base import File
from django.db import transaction

from eoffice.attachments.services import stored_file_create
from eoffice.core.choices import Confidentiality
from eoffice.core.errors import require
from eoffice.core.text import nfc
from eoffice.incoming.duplicates import refuse_duplicate
from eoffice.incoming.models import INPUT_FIELDS, IncomingAttachment, IncomingDocument
from eoffice.incoming.trace import grant_access, write_trace
from eoffice.incoming.validation import check_incoming_data
from eoffice.organisation.selectors import Actor, today
from eoffice.registers.models import RegisterKind
from eoffice.registers.services import register_take_number


@transaction.atomic
def incoming_register(
    *, actor: Actor, data: dict[str, Any], files: Iterable["File[bytes]"] = (), confirm_duplicate: bool = False
) -> IncomingDocument:
    """Vào sổ văn bản đến: validate, take the next arrival number, store files.
    Any failure rolls back everything, including the arrival number."""
    require(actor.is_clerk, "Chỉ văn thư mới được vào sổ văn bản đến.")
    data = {key: nfc(data[key]) for key in INPUT_FIELDS if key in data and data[key] is not None}
    registered_on = today()
    data.setdefault("arrival_date", registered_on)
    check_incoming_data(data, today=registered_on)
    if not confirm_duplicate:
        refuse_duplicate(agency=actor.agency, data=data, action="vào sổ")
    secret = data.get("confidentiality", 0) > Confidentiality.NORMAL
    kind = RegisterKind.INCOMING_SECRET if secret else RegisterKind.INCOMING
    # ND30 Art.22 §2: numbered in the order of receipt, in the register of the year
    # it is registered. A paper document registered late keeps its real arrival
    # date, but its number follows those registered before it: the order of the
    # register never depends on a typed date.
    register_id, number = register_take_number(agency=actor.agency, kind=kind, year=registered_on.year)
    document = IncomingDocument.objects.create(
        agency=actor.agency, register_id=register_id, arrival_number=number, registered_by=actor.user, **data
    )
    for upload in files:
        attachment_add(actor=actor, document=document, upload=upload, trace=False)
    grant_access(document, [actor.user], actor)
    write_trace(document, actor, "register", f"Vào sổ văn bản đến, số đến {number}")
    return document


def attachment_add(*, actor: Actor, document: IncomingDocument, upload: "File[bytes]", trace: bool = True) -> IncomingAttachment:
    stored = stored_file_create(upload=upload)
    name = cast(str, upload.name)  # stored_file_create accepted it: an upload always carries a name
    attachment = IncomingAttachment.objects.create(
        document=document, stored_file=stored, filename=nfc(name)[:255], uploaded_by=actor.user
    )
    if trace:
        write_trace(document, actor, "attach", f"Đính kèm tệp {attachment.filename}")
    return attachment
