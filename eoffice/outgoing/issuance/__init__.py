"""Issuance (ký số, cấp số, ban hành, thu hồi, đính chính): the signed and
numbered document, its delivery to every recipient, its edXML packages."""
