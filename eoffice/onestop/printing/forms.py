"""Four of the one-stop slips (biểu mẫu một cửa, Thông tư 01/2018/TT-VPCP, replaced by Thông tư 03/2025/TT-VPCP): the receipt,
the supplement request, the refusal and the apology (the control sheet is in
control.py). Each function takes a dossier (and the event that holds the
slip's data) and returns PDF bytes. No "Mẫu số" line: the forms' numbering is
unconfirmed."""

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from eoffice.core.fonts import register_fonts
from eoffice.core.text import nfc
from eoffice.onestop.models import ApplicantKind, EventKind
from eoffice.onestop.printing.base import (
    BLANK,
    CONTENT_W,
    ONE_STOP_UNIT,
    QR_SIZE,
    build_pdf,
    clock_long,
    grid,
    header,
    html,
    labelled,
    lookup_url,
    para,
    person_name,
    qr_code,
    sentence,
    signatures,
    styles,
    title,
    working_days,
)

SIGN_HINT = "(Ký và ghi rõ họ tên)"
DOSSIER_SETS = 1  # a dossier is one set (bộ) of papers; the model counts no more


def _setup():
    fonts = register_fonts()
    return fonts, styles(fonts)


def _check_event(dossier, event, kind: str) -> None:
    """A slip prints its own event: another dossier's or another kind's is a programming error."""
    if event.dossier_id != dossier.pk or event.kind != kind:
        raise ValueError(f"Sự kiện {event.pk} không phải “{EventKind(kind).label}” của hồ sơ {dossier.code}.")


def _applicant(dossier, css) -> list[Flowable]:
    """Người nộp: the organisation and its representative, or the person; then the contacts."""
    body = css["body"]
    rows = []
    if dossier.applicant_kind == ApplicantKind.ORGANISATION and dossier.organisation_name:
        rows += [labelled("Tên tổ chức", dossier.organisation_name, body, bold=True)]
        rows += [labelled("Người đại diện nộp hồ sơ", dossier.applicant_name, body)]
    else:
        rows += [labelled("Họ và tên người nộp", dossier.applicant_name, body, bold=True)]
    if dossier.id_number:
        rows.append(labelled("Số định danh cá nhân/CCCD", dossier.id_number, body))
    rows.append(labelled("Địa chỉ", dossier.address, body))
    contact = dossier.phone + (f"; thư điện tử: {dossier.email}" if dossier.email else "")
    rows.append(labelled("Số điện thoại", contact, body))
    return rows


def procedure_lines(dossier, css, *, channel: bool = False) -> list[Flowable]:
    """Nội dung yêu cầu giải quyết: the procedure's name and code (and how the dossier came in)."""
    procedure = dossier.procedure
    code = procedure.code + (f"; hình thức nộp: {dossier.get_channel_display().lower()}" if channel else "")
    return [
        labelled("Nội dung yêu cầu giải quyết", procedure.name, css["body"], bold=True),
        labelled("Mã thủ tục", code, css["body"]),
    ]


def _addressee(dossier) -> str:
    """ "Ông/Bà Nguyễn Văn A" (and the organisation the person came for)."""
    name = f"Ông/Bà {dossier.applicant_name}"
    if dossier.applicant_kind == ApplicantKind.ORGANISATION and dossier.organisation_name:
        return f"{name} ({dossier.organisation_name})"
    return name


def _papers_table(dossier, css) -> Table:
    """Thành phần hồ sơ: STT, tên giấy tờ, bản chính, bản sao; papers handed in later and
    files sent online (bản điện tử, nothing to count) are marked."""
    head = [Paragraph(text, css["cell_head"]) for text in ("STT", "Tên giấy tờ", "Bản chính", "Bản sao")]
    rows: list[list] = [head]
    for number, paper in enumerate(dossier.papers.all(), start=1):
        name = paper.name + (" (nộp bổ sung)" if paper.supplement else "") + (" (bản điện tử)" if paper.electronic else "")
        counts = ("—", "—") if paper.electronic else (str(paper.originals), str(paper.copies))
        rows.append([para(str(number), css["cell_centred"]), para(name, css["cell"])])
        rows[-1] += [para(count, css["cell_centred"]) for count in counts]
    if len(rows) == 1:
        rows.append(["", para("(Chưa ghi nhận giấy tờ)", css["cell"]), "", ""])
    return grid(rows, [12 * mm, CONTENT_W - 56 * mm, 22 * mm, 22 * mm])


def _code_and_qr(dossier, css) -> Table:
    """Mã hồ sơ in large type beside the QR code of the public look-up page."""
    code = Paragraph(f'Mã hồ sơ: <font size="17"><b>{html(dossier.code)}</b></font>', css["code"])
    qr = [receipt_qr(dossier), para("Quét mã để tra cứu hồ sơ", css["small_hint"])]
    table = Table([[code, qr]], colWidths=[CONTENT_W - QR_SIZE - 10 * mm, QR_SIZE + 10 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 0), (1, 0), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def code_line(dossier, css) -> Paragraph:
    """ "Mã hồ sơ: …" centred under the title."""
    return Paragraph(f"Mã hồ sơ: <b>{html(dossier.code)}</b>", css["centred"])


def receipt_qr(dossier):
    """The QR drawing printed on the receipt: the dossier's look-up URL."""
    return qr_code(lookup_url(dossier.code))


# --------------------------------------------------------------------------- Giấy tiếp nhận
def receipt_pdf(dossier) -> bytes:
    """Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""
    fonts, css = _setup()
    body, agency = css["body"], dossier.agency
    procedure = dossier.procedure
    story: list[Flowable] = [header(agency, fonts, css, dated=dossier.received_at)]
    story += title("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", css)
    story.append(_code_and_qr(dossier, css))
    story.append(para(f"{ONE_STOP_UNIT} – {agency.name} tiếp nhận hồ sơ của:", body))
    story += _applicant(dossier, css)
    story += procedure_lines(dossier, css, channel=True)
    story += [para("1. Thành phần hồ sơ nộp gồm:", body), _papers_table(dossier, css), Spacer(1, 3)]
    story.append(para(f"2. Số lượng hồ sơ: {DOSSIER_SETS:02d} (bộ)", body))
    story.append(para(f"3. Thời gian giải quyết hồ sơ theo quy định: {working_days(procedure.processing_days)}", body))
    story.append(para(f"4. Thời gian nhận hồ sơ: {clock_long(dossier.received_at)}", body))
    appointment = dossier.due_at or dossier.first_due_at
    story.append(Paragraph(f"5. <b>Ngày hẹn trả kết quả: {html(clock_long(appointment))}</b>", body))
    story.append(para(f"6. Tra cứu tình trạng hồ sơ: quét mã QR ở trên hoặc truy cập {lookup_url(dossier.code)}", css["plain"]))
    story.append(
        signatures(
            css,
            ("NGƯỜI NỘP HỒ SƠ", SIGN_HINT, dossier.applicant_name),
            ("NGƯỜI TIẾP NHẬN HỒ SƠ", SIGN_HINT, person_name(dossier.received_by)),
        )
    )
    return build_pdf(story, title_text=f"Giấy tiếp nhận hồ sơ {dossier.code}", author=agency.name)


# --------------------------------------------------------------------------- Phiếu yêu cầu bổ sung
def _items(event) -> list[str]:
    """The papers or corrections asked for: strings, or dicts with a "name"/"text"."""
    items = []
    for item in event.data.get("items") or []:
        text = (item.get("name") or item.get("text") or "") if isinstance(item, dict) else item
        if str(text).strip():
            items.append(nfc(str(text).strip()))
    return items


def supplement_pdf(dossier, event) -> bytes:
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: what is missing, why, whom to ask."""
    _check_event(dossier, event, EventKind.SUPPLEMENT_REQUESTED)
    fonts, css = _setup()
    body, agency = css["body"], dossier.agency
    story: list[Flowable] = [header(agency, fonts, css, dated=event.at)]
    story += title("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", css)
    story.append(code_line(dossier, css))
    story.append(para("Hồ sơ của:", body))
    story += _applicant(dossier, css)
    story += procedure_lines(dossier, css)
    story.append(labelled("Ngày tiếp nhận hồ sơ", clock_long(dossier.received_at), body))
    story.append(para("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:", body))
    story += [para(f"{n}. {text}", css["item"]) for n, text in enumerate(_items(event), start=1)] or [para(BLANK, css["item"])]
    story.append(labelled("Lý do", sentence(event.data.get("reason") or event.note), body))
    contact = person_name(event.actor) or BLANK
    story.append(
        para(
            f"Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với {contact}, "
            f"{ONE_STOP_UNIT} – {agency.name} để được hướng dẫn.",
            body,
        )
    )
    story.append(signatures(css, ("NGƯỜI HƯỚNG DẪN", SIGN_HINT, person_name(event.actor))))
    return build_pdf(story, title_text=f"Phiếu yêu cầu bổ sung hồ sơ {dossier.code}", author=agency.name)


# --------------------------------------------------------------------------- Phiếu từ chối
def refusal_pdf(dossier, event) -> bytes:
    """Phiếu từ chối tiếp nhận giải quyết hồ sơ: the reason."""
    _check_event(dossier, event, EventKind.REFUSED)
    fonts, css = _setup()
    body, agency = css["body"], dossier.agency
    story: list[Flowable] = [header(agency, fonts, css, dated=event.at)]
    story += title("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", css)
    story.append(code_line(dossier, css))
    story.append(para(f"{ONE_STOP_UNIT} – {agency.name} tiếp nhận hồ sơ của:", body))
    story += _applicant(dossier, css)
    story += procedure_lines(dossier, css)
    story.append(
        para(
            "Sau khi xem xét hồ sơ, đối chiếu với các quy định hiện hành, "
            f"{agency.name} từ chối tiếp nhận, giải quyết hồ sơ này vì lý do sau:",
            body,
        )
    )
    story.append(para(sentence(event.note or dossier.refusal_reason) or BLANK, css["reason"]))
    story.append(para("Xin thông báo để Ông/Bà được biết và thực hiện./.", body))
    story.append(signatures(css, ("NGƯỜI TIẾP NHẬN HỒ SƠ", SIGN_HINT, person_name(event.actor))))
    return build_pdf(story, title_text=f"Phiếu từ chối hồ sơ {dossier.code}", author=agency.name)


# --------------------------------------------------------------------------- Phiếu xin lỗi
def _appointment_before(dossier, event) -> datetime | None:
    """The appointment the apology breaks: the last one set by an earlier event, else the first."""
    earlier = [e for e in dossier.events.all() if e.due_at and (e.at, e.pk) < (event.at, event.pk)]
    return earlier[-1].due_at if earlier else dossier.first_due_at


def apology_pdf(dossier, event) -> bytes:
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả: the reason for the delay and the new date."""
    _check_event(dossier, event, EventKind.APOLOGY)
    fonts, css = _setup()
    body, agency = css["body"], dossier.agency
    story: list[Flowable] = [header(agency, fonts, css, dated=event.at)]
    story += title("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", css)
    story.append(para(f"Kính gửi: {_addressee(dossier)}", css["centred"]))
    story.append(Spacer(1, 3 * mm))
    story.append(
        para(
            f"Vào {clock_long(dossier.received_at)}, {agency.name} tiếp nhận hồ sơ của Ông/Bà, mã hồ sơ "
            f"{dossier.code}, nội dung yêu cầu giải quyết: {dossier.procedure.name}.",
            body,
        )
    )
    story.append(para(f"Thời gian hẹn trả kết quả giải quyết hồ sơ: {clock_long(_appointment_before(dossier, event))}.", body))
    story.append(
        para(
            f"Tuy nhiên đến nay, {agency.name} chưa trả kết quả giải quyết hồ sơ cho Ông/Bà. "
            f"Lý do: {sentence(event.note) or BLANK}",
            body,
        )
    )
    story.append(
        Paragraph(
            f"Sự chậm trễ này đã gây phiền hà cho Ông/Bà. {html(agency.name)} xin lỗi Ông/Bà và hẹn trả kết quả "
            f"giải quyết hồ sơ vào <b>{html(clock_long(event.due_at))}</b>.",
            body,
        )
    )
    story.append(para("Xin trân trọng cảm ơn./.", body))
    story.append(signatures(css, ("ĐẠI DIỆN CƠ QUAN", "(Ký, ghi rõ họ tên, đóng dấu)", person_name(event.actor))))
    return build_pdf(story, title_text=f"Phiếu xin lỗi và hẹn lại hồ sơ {dossier.code}", author=agency.name)
