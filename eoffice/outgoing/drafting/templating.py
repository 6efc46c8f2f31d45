"""Between the outgoing-document model and the renderer: the Appendix III
starter text a draft begins from, the check that none of it is left unfilled,
and the DocumentLayout of a document."""

from django.conf import settings

from eoffice.core.errors import ValidationFailed
from eoffice.outgoing.register.numbering import format_number, symbol_for
from eoffice.outgoing.rendering import DocumentLayout, Signer, template_for

PLACEHOLDER = "…"


def starter(type_name: str) -> dict:
    """Initial draft fields for a type (mẫu Phụ lục III)."""
    template = template_for(type_name)
    return {
        "type_name": type_name,
        "body": template.starter_body,
        "legal_bases": "\n".join(template.starter_legal_bases),
    }


# The lines of a correcting Công văn (đính chính) that the drafter replaces;
# check_filled refuses them as they are.
CORRECTION_LINES = (
    f"Do sơ suất trong quá trình soạn thảo, văn bản nêu trên có sai sót tại {PLACEHOLDER}",
    f"Nay xin đính chính như sau: {PLACEHOLDER}",
)


def check_filled(document) -> None:
    """Refuse to submit a draft that still has the template's placeholder
    paragraphs, or an empty required part (an empty template field)."""
    template = template_for(document.type_name)
    errors: dict[str, list[str]] = {}
    starter_lines = {line.strip() for line in template.starter_body.splitlines() if PLACEHOLDER in line}
    if document.corrects_id:
        starter_lines |= set(CORRECTION_LINES)
    left = [line for line in document.lines("body") if line in starter_lines]
    if left:
        errors["body"] = [f"Nội dung còn đoạn mẫu chưa điền: “{left[0][:80]}”."]
    if template.recipients_required and not document.lines("recipients_text"):
        errors["recipients_text"] = [f"{document.type_name} cần ghi “Kính gửi”."]
    if template.has_proclamation and not document.lines("legal_bases"):
        errors["legal_bases"] = [f"{document.type_name} cần có căn cứ ban hành."]
    if errors:
        raise ValidationFailed("Dự thảo còn phần mẫu chưa điền, chưa thể trình.", fields=errors)


def layout_for(document) -> DocumentLayout:
    """What the renderer prints for this document, numbered or not."""
    agency = document.agency
    parent = agency.parent.name.upper() if agency.parent_id else ""
    settings_row = getattr(agency, "outgoing_settings", None)
    archive = f"VT, {document.drafting_unit.abbreviation}"
    return DocumentLayout(
        type_name=document.type_name,
        parent_agency=parent,
        agency=agency.printed_name,
        place=settings_row.place_name if settings_row else settings.EOFFICE_PLACE_NAME,
        symbol=document.code_notation or symbol_for(document),
        contact=agency.contact_line if template_for(document.type_name).shows_contact else "",
        subject=letter_subject(document.subject) if document.is_letter else document.subject,
        body=document.body,
        signer=Signer(
            authority=document.authority,
            on_behalf_of=document.on_behalf_of.upper(),
            position=document.signer_position.upper(),
            full_name=document.signer.full_name or str(document.signer),
        ),
        number=document.code_number or "",
        issued_on=document.issued_date,
        issuer_title=_issuer_title(document),
        legal_bases=tuple(document.lines("legal_bases")),
        recipients=tuple(document.lines("recipients_text")),
        places=tuple(document.lines("places_text")),
        archive_units=archive,
        copies=document.copies,
        drafter_initials=document.drafter_initials,
        issued_amount=document.issued_amount,  # box 12 prints the copies issued, as the register does
        priority=document.priority,
        confidentiality=document.confidentiality,
        circulation=document.circulation,
    )


def _issuer_title(document) -> str:
    """Quyết định/Nghị quyết name their author above the căn cứ: the signer's
    title and the agency, e.g. "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
    "CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" (never "Chánh Văn
    phòng Văn phòng UBND…")."""
    if not template_for(document.type_name).has_proclamation:
        return ""
    # "TM. Ủy ban nhân dân / KT. Chủ tịch" speaks for the collective, its first line.
    on_behalf = document.on_behalf_of.strip().splitlines()[0] if document.on_behalf_of.strip() else ""
    return issuer_title(on_behalf or document.signer_position, document.agency.name)


def issuer_title(title: str, agency_name: str) -> str:
    agency = agency_name.replace("UBND", "Ủy ban nhân dân")
    # The words the title ends with that the agency's name starts with are said once.
    words, agency_words = title.split(), agency.split()
    for n in range(min(len(words), len(agency_words)), 0, -1):
        if [w.lower() for w in words[-n:]] == [w.lower() for w in agency_words[:n]]:
            agency = " ".join(agency_words[n:])
            break
    return f"{title} {agency}".strip().upper()


def letter_subject(subject: str) -> str:
    """A Công văn prints "V/v <subject>": a subject already starting with
    "V/v" or "Về việc" must not print it twice."""
    text = subject.strip()
    for prefix in ("v/v", "về việc"):
        if text.lower().startswith(prefix + " "):
            return text[len(prefix) :].strip()
    return text


__all__ = ["check_filled", "format_number", "layout_for", "starter"]
