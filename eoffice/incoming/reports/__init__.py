"""Registers and reports of incoming documents (ND30 Appendix IV): the registers
on screen and as XLSX, the follow-up register, the handling slip and the
lateness report."""
