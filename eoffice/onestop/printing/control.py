"""Phiếu kiểm soát quá trình giải quyết hồ sơ: the dossier's way through the
units, one block per hand-over (giao / nhận), built from its steps and events."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from eoffice.core.fonts import register_fonts
from eoffice.core.templatetags.vn import ngay
from eoffice.onestop.models import EventKind
from eoffice.onestop.printing.base import (
    BLANK,
    CONTENT_W,
    ONE_STOP_UNIT,
    build_pdf,
    clock_short,
    grid,
    header,
    html,
    labelled,
    para,
    person_name,
    sentence,
    styles,
    timeliness,
    timeliness_label,
    title,
)
from eoffice.onestop.printing.forms import code_line, procedure_lines

NOTE_EVENTS = {
    EventKind.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung",
    EventKind.SUPPLEMENTED: "Nộp bổ sung",
    EventKind.APOLOGY: "Xin lỗi",
    EventKind.REFUSED: "Từ chối giải quyết",
    EventKind.WITHDRAWN: "Rút hồ sơ",
}


@dataclass
class HandOver:
    """One block of the control sheet: who gave the dossier to whom and when,
    whether the giver handed it over before/on/after its deadline, and what
    happened to the dossier while the receiver held it."""

    giver: str
    receiver: str
    at: datetime | None
    giver_person: str = ""
    receiver_person: str = ""
    result: str = ""  # Timeliness value
    notes: list[str] = field(default_factory=list)


def _unit_name(step) -> str:
    return step.unit.name if step.unit_id else step.name


def _event_note(event) -> str:
    """ "Xin lỗi ngày 12/01/2026, hẹn trả 16 giờ 00 phút, ngày 15/01/2026: <lý do>." """
    reason = (event.data.get("reason") or event.note) if event.kind == EventKind.SUPPLEMENT_REQUESTED else event.note
    text = f"{NOTE_EVENTS[event.kind]} ngày {ngay(timezone.localdate(event.at))}"
    if event.due_at and event.kind == EventKind.APOLOGY:
        text += f", hẹn trả {clock_short(event.due_at)}"
    return f"{text}: {sentence(reason)}" if reason and reason.strip() else f"{text}."


def hand_overs(dossier) -> list[HandOver]:
    """The blocks of the control sheet, in order: the one-stop unit hands the
    dossier to the first step's unit, each unit to the next, the last back to
    the one-stop unit, and that unit the result to the applicant. Steps not
    started yet have no block; the slip is printed again as they happen."""
    steps = list(dossier.steps.all())
    started = [step for step in steps if step.started_at]
    blocks: list[HandOver] = []
    giver, giver_person, giver_result = ONE_STOP_UNIT, person_name(dossier.received_by), ""
    for step in started:
        handed_by = person_name(step.handed_by) or giver_person
        block = HandOver(giver, _unit_name(step), step.started_at, handed_by, person_name(step.done_by), giver_result)
        blocks.append(block)
        if step.note:
            block.notes.append(step.note)
        giver, giver_person, giver_result = _unit_name(step), person_name(step.done_by), timeliness(step.finished_at, step.due_at)
    if started and started[-1].finished_at and len(started) == len(steps):
        blocks.append(
            HandOver(giver, ONE_STOP_UNIT, dossier.finished_at or started[-1].finished_at, giver_person, "", giver_result)
        )
    if dossier.returned_at:
        returned = [e for e in dossier.events.all() if e.kind == EventKind.RETURNED]
        who = person_name(returned[-1].actor) if returned else ""
        receiver = f"Người nộp: {dossier.organisation_name or dossier.applicant_name}"
        blocks.append(HandOver(ONE_STOP_UNIT, receiver, dossier.returned_at, who, dossier.applicant_name, dossier.timeliness))
    _attach_notes(dossier, blocks)
    return blocks


def _attach_notes(dossier, blocks: list[HandOver]) -> None:
    """Each noted event goes to the last hand-over before it (or the first block)."""
    if not blocks:
        blocks.append(HandOver(ONE_STOP_UNIT, "(chưa chuyển xử lý)", None, person_name(dossier.received_by)))
    for event in dossier.events.all():
        if event.kind not in NOTE_EVENTS:
            continue
        earlier = [block for block in blocks if block.at and block.at <= event.at]
        (earlier[-1] if earlier else blocks[0]).notes.append(_event_note(event))


def _notes_html(notes: list[str]) -> str:
    """One note as it is; several as a dashed list."""
    if len(notes) == 1:
        return html(notes[0])
    return "<br/>".join(f"- {html(note)}" for note in notes)


def _control_rows(dossier, css) -> list[list]:
    cell, centred = css["cell"], css["cell_centred"]
    hanging = ParagraphStyle("hanging", parent=cell, leftIndent=4 * mm, firstLineIndent=-4 * mm)
    head = [
        Paragraph(text, css["cell_head"])
        for text in (
            "TÊN CƠ QUAN, ĐƠN VỊ",
            "THỜI GIAN GIAO, NHẬN HỒ SƠ",
            "KẾT QUẢ GIẢI QUYẾT HỒ SƠ<br/><i>(Trước hạn/ đúng hạn/ quá hạn)</i>",
            "GHI CHÚ",
        )
    ]
    rows = [head]
    for number, block in enumerate(hand_overs(dossier), start=1):
        units = [
            Paragraph(f"{number}. Giao: <b>{html(block.giver)}</b>", hanging),
            Paragraph(f"Nhận: <b>{html(block.receiver)}</b>", hanging),
        ]
        when = [
            # "10 giờ 00 phút," / "ngày 05/01/2026": the break where a reader expects it.
            Paragraph(html(clock_short(block.at)).replace(", ngày", ",<br/>ngày"), cell),
            Paragraph(f"Người giao: {html(block.giver_person or BLANK)}", hanging),
            Paragraph(f"Người nhận: {html(block.receiver_person or BLANK)}", hanging),
        ]
        notes = Paragraph(_notes_html(block.notes), cell)
        rows.append([units, when, para(timeliness_label(block.result), centred), notes])
    return rows


def control_sheet_pdf(dossier) -> bytes:
    """Phiếu kiểm soát quá trình giải quyết hồ sơ: one block per hand-over."""
    fonts = register_fonts()
    css = styles(fonts)
    body, agency = css["body"], dossier.agency
    story: list[Flowable] = [header(agency, fonts, css, dated=None, with_date=False)]
    story += title("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", css)
    story.append(code_line(dossier, css))
    story += [para("(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)", css["hint"]), Spacer(1, 2 * mm)]
    story.append(labelled("Người nộp", dossier.organisation_name or dossier.applicant_name, body))
    story += procedure_lines(dossier, css)
    story.append(labelled("Cơ quan giải quyết hồ sơ", dossier.procedure.implementing_agency, body))
    story.append(labelled("Thời gian nhận hồ sơ", clock_short(dossier.received_at), body))
    story.append(labelled("Ngày hẹn trả kết quả", clock_short(dossier.due_at or dossier.first_due_at), body))
    story.append(Spacer(1, 3 * mm))
    story.append(grid(_control_rows(dossier, css), [44 * mm, 48 * mm, 24 * mm, CONTENT_W - 116 * mm]))
    return build_pdf(story, title_text=f"Phiếu kiểm soát hồ sơ {dossier.code}", author=agency.name)
