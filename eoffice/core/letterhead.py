"""The words every Vietnamese state document prints at its head, beside the
issuing agency (Nghị định 30/2020/NĐ-CP, Appendix I, boxes 1): Quốc hiệu and
Tiêu ngữ. Used by the outgoing documents' PDF and DOCX and by the one-stop slips."""

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"  # Quốc hiệu
MOTTO = "Độc lập - Tự do - Hạnh phúc"  # Tiêu ngữ
