"""Receiving incoming documents (tiếp nhận, vào sổ): the registry's registration
with its checks, form and page, and the documents another agency of this
installation delivers here."""
