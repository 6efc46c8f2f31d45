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
from eoffice.core.errors import Duplicate, require
from eoffice.core.text import fold, nfc
from eoffice.incoming.models import INPUT_FIELDS, IncomingAttachment, IncomingDocument, Status
from eoffice.incoming.trace import grant_access, write_trace
from eoffice.incoming.validation import check_incoming_data
from eoffice.organisation.models import Agency
from eoffice.organisation.selectors import Actor, today
from eoffice.registers.models import RegisterKind
from eoffice.registers.services import register_take_number


def find_duplicates(*, agency: Agency, data: dict[str, Any]) -> list[dict[str, Any]]:
    """Documents already registered with the same number, symbol, issuer and
    year: the issuer by its name (without case or diacritics) or by its mã định
    danh, so the document's identifier (ND30 Appendix VI III.1.h) matches however
    the name was typed. Plain values, not models: this runs on every registration."""
    number, notation = (data.get("code_number") or "").strip(), (data.get("code_notation") or "").strip()
    if not number and not notation:
        return []
    # Only the indexed columns go to the database: building a longer filter
    # costs more than checking the few rows that share a number in Python.
    rows = IncomingDocument.objects.filter(agency=agency, code_number=number, code_notation=notation).values_list(
        "organ_name", "organ_id", "arrival_number", "arrival_date", "issued_date", "status"
    )
    year, issuer = data["issued_date"].year, fold(data.get("organ_name") or "")
    identifier = (data.get("organ_id") or "").strip()
    return [
        {"organ_name": organ, "arrival_number": arrival_number, "arrival_date": arrival_date}
        for organ, organ_id, arrival_number, arrival_date, issued, status in rows.order_by()
        if issued.year == year and status != Status.RECALLED and (fold(organ) == issuer or identifier == (organ_id or None))
    ]


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
    duplicates = find_duplicates(agency=actor.agency, data=data)
    if duplicates and not confirm_duplicate:
        first = duplicates[0]
        symbol = "/".join(part for part in (data.get("code_number"), data.get("code_notation")) if part)
        raise Duplicate(
            f"Văn bản số {symbol} của {first['organ_name']} đã được vào sổ "
            f"(số đến {first['arrival_number']}, ngày {first['arrival_date']:%d/%m/%Y}). "
            "Nếu đây đúng là văn bản khác, hãy xác nhận để vào sổ.",
            fields={"code_number": ["Trùng số, ký hiệu và cơ quan ban hành (tên hoặc mã định danh)."]},
        )
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
