"""Printable one-stop slips (biểu mẫu một cửa) as PDF: pure functions from a
dossier (and the event holding the slip's data) to bytes, laid out with the
ND30 header and Liberation Serif like the outgoing documents."""

from eoffice.onestop.printing.base import (
    clock_long,
    clock_short,
    lookup_url,
    place_date,
    qr_code,
    timeliness,
    working_days,
)
from eoffice.onestop.printing.control import HandOver, control_sheet_pdf, hand_overs
from eoffice.onestop.printing.forms import (
    apology_pdf,
    receipt_pdf,
    receipt_qr,
    refusal_pdf,
    supplement_pdf,
)

__all__ = [
    "HandOver",
    "apology_pdf",
    "clock_long",
    "clock_short",
    "control_sheet_pdf",
    "hand_overs",
    "lookup_url",
    "place_date",
    "qr_code",
    "receipt_pdf",
    "receipt_qr",
    "refusal_pdf",
    "supplement_pdf",
    "timeliness",
    "working_days",
]
