"""Outgoing documents as users read them: the work list and its tabs, the
document page, its PDF, DOCX and page images; the signature check."""
