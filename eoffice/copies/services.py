"""Sao văn bản (ND30 Art.25–27): the registry makes the copy, numbered in the
agency's one series of copies; a copy to paper prints the copy form for the
signer's hand and the seal, a copy to electronic form gets the agency's
digital signature with the information block of Appendix I Part II, I.3."""

from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from eoffice.attachments.services import stored_file_create
from eoffice.audit.services import audit_record
from eoffice.copies import printing
from eoffice.copies.models import CopyForm, CopyMedium, DocumentCopy
from eoffice.copies.selectors import position_of, signers
from eoffice.copies.sources import CopySource
from eoffice.core.errors import NotAllowed, ValidationFailed
from eoffice.core.text import nfc
from eoffice.organisation.models import User
from eoffice.organisation.selectors import Actor
from eoffice.outgoing.rendering.layout import format_issue_date
from eoffice.registers.models import RegisterKind
from eoffice.registers.services import register_take_number
from eoffice.signatures import confirmation
from eoffice.signatures.models import agency_key
from eoffice.signatures.services import sign_pdf, top_right_box


@dataclass(frozen=True)
class CopyRequest:
    """What the registry asks for; see copy_make."""

    form: str
    medium: str
    pages: str = ""
    places: tuple[str, ...] = ()
    amount: int = 1
    signer: User | None = None
    signer_title: str = ""
    note: str = ""
    pin: str = ""


def can_copy(actor: Actor) -> NotAllowed | None:
    if not actor.is_clerk:
        return NotAllowed("Chỉ văn thư cơ quan thực hiện sao văn bản.")
    return None


def check_request(source: CopySource, request: CopyRequest) -> None:
    """Art.25 §1: which forms go from what to what."""
    if request.form not in CopyForm.values or request.medium not in CopyMedium.values:
        raise ValidationFailed("Chọn hình thức sao và định dạng của bản sao.")
    to_electronic = request.medium == CopyMedium.ELECTRONIC
    if request.form == CopyForm.COPY_OF_COPY and source.kind != "original":
        raise ValidationFailed("Sao lục được làm từ một bản sao y: chọn bản sao y trong sổ bản sao.")
    if request.form == CopyForm.TRUE_COPY and source.kind == "original":
        raise ValidationFailed("Từ một bản sao y chỉ làm được bản sao lục.")
    if to_electronic and source.medium == CopyMedium.ELECTRONIC and request.form != CopyForm.EXTRACT:
        raise ValidationFailed(
            "Văn bản điện tử không sao y, sao lục sang định dạng điện tử: gửi chính văn bản điện tử, hoặc trích sao.",
            fields={"medium": ["Văn bản điện tử chỉ sao sang định dạng giấy (hoặc trích sao)."]},
        )
    if request.form == CopyForm.EXTRACT and not request.pages.strip():
        raise ValidationFailed("Trích sao cần ghi các trang được trích.", fields={"pages": ["Ghi các trang, ví dụ 1-2,4."]})
    if not 1 <= request.amount <= 999:
        raise ValidationFailed("Số lượng bản từ 1 đến 999.", fields={"amount": ["Từ 1 đến 999."]})
    if not to_electronic:
        _check_signer(source, request)


def _check_signer(source: CopySource, request: CopyRequest) -> None:
    if request.signer is None or not signers(source.record.agency).filter(pk=request.signer.pk).exists():
        raise ValidationFailed("Bản sao giấy cần người ký là lãnh đạo cơ quan.", fields={"signer": ["Chọn lãnh đạo ký bản sao."]})


@transaction.atomic
def copy_make(*, actor: Actor, source: CopySource, request: CopyRequest) -> DocumentCopy:
    """Number, make and register one copy; a failure leaves no number taken."""
    refusal = can_copy(actor)
    if refusal:
        raise refusal
    check_request(source, request)
    agency = actor.agency
    data = source.data()
    if request.form == CopyForm.EXTRACT:
        data = printing.extract(data, printing.page_indexes(request.pages, printing.page_count(data)))
    now = _now()
    register_id, number = register_take_number(agency=agency, kind=RegisterKind.COPY, year=now.year)
    copy = DocumentCopy(
        agency=agency,
        register_id=register_id,
        number=number,
        code=f"{number:02d}/{request.form}-{agency.short_name}",
        form=request.form,
        medium=request.medium,
        pages=request.pages.replace(" ", ""),
        places_text="\n".join(nfc(p) for p in request.places),
        amount=request.amount,
        signer=request.signer if request.medium == CopyMedium.PAPER else None,
        signer_title=_title(request, agency) if request.medium == CopyMedium.PAPER else "",
        copied_on=now.date(),
        note=request.note,
        created_by=actor.user,
        **source.link(),
    )
    made = _paper(copy, data) if request.medium == CopyMedium.PAPER else _electronic(copy, data, request.pin)
    copy.file = stored_file_create(upload=ContentFile(made, name=f"{copy.code.replace('/', '-')}.pdf"))
    copy.save()
    audit_record(
        actor=actor.user,
        action="copies.make",
        obj=copy,
        agency=agency,
        summary=f"Sao văn bản: {copy.form_words} số {copy.code}",
        data={"source": source.description, "medium": copy.medium},
    )
    return copy


def _now():
    """The clock the copy's number and date come from (a test may set it)."""
    return timezone.localtime()


def _title(request: CopyRequest, agency) -> str:
    title = request.signer_title.strip() or (position_of(request.signer, agency) if request.signer else "")
    return nfc(title.upper())


def _place(agency) -> str:
    settings_row = getattr(agency, "outgoing_settings", None)
    return settings_row.place_name if settings_row else settings.EOFFICE_PLACE_NAME


def _paper(copy: DocumentCopy, data: bytes) -> bytes:
    block = printing.CopyBlock(
        form_words=copy.form_words,
        agency=copy.agency.name.upper(),
        number_line=f"Số: {copy.code}",
        date_line=format_issue_date(_place(copy.agency), copy.copied_on),
        places=tuple(line for line in copy.places_text.splitlines() if line.strip()),
        signer_lines=tuple(line.strip() for line in copy.signer_title.splitlines() if line.strip()),
        signer_name=str(copy.signer) if copy.signer else "",
    )
    return printing.paper_copy(data, block)


def _electronic(copy: DocumentCopy, data: bytes, pin: str) -> bytes:
    """Box 14: the copying agency's signature, no image, the form, the agency
    and the signing time (ISO 8601, +07:00) in size 10 (PL1 Part II, I.3)."""
    key = agency_key(copy.agency)
    if key is None:
        raise ValidationFailed(f"{copy.agency} chưa có chứng thư số của cơ quan để ký bản sao điện tử.")
    confirmation.confirm(key, pin)
    return sign_pdf(
        data=data,
        key=key,
        field_name=f"eoffice_copy_{copy.number}",
        box=top_right_box(data),
        reason=f"{copy.form_words} số {copy.code}",
        location=_place(copy.agency),
        stamp_lines=[copy.form_words, copy.agency.name, "{signing_time}"],
        show_image=False,
    )
