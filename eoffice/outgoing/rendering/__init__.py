"""Rendering of outgoing documents (văn bản đi) to PDF and DOCX per ND30
Appendix I. Plain dataclasses in, bytes out: no database."""

from eoffice.core.fonts import FontMissing, missing_glyphs, register_fonts
from eoffice.outgoing.rendering.docx import render_docx
from eoffice.outgoing.rendering.layout import (
    Box,
    DocumentLayout,
    Signer,
    body_paragraphs,
    drafter_mark,
    format_issue_date,
    format_number,
    format_number_line,
    legal_basis_lines,
    places_lines,
    recipient_lines,
    signer_lines,
)
from eoffice.outgoing.rendering.pdf import RenderedPdf, render_pdf
from eoffice.outgoing.rendering.templates import TEMPLATES, DocTemplate, template_for

__all__ = [
    "TEMPLATES",
    "Box",
    "DocTemplate",
    "DocumentLayout",
    "FontMissing",
    "RenderedPdf",
    "Signer",
    "body_paragraphs",
    "drafter_mark",
    "format_issue_date",
    "format_number",
    "format_number_line",
    "legal_basis_lines",
    "missing_glyphs",
    "places_lines",
    "recipient_lines",
    "register_fonts",
    "render_docx",
    "render_pdf",
    "signer_lines",
    "template_for",
]
