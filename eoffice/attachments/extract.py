import unicodedata

import docx
from pypdf import PdfReader


def extract_text(fh, extension: str) -> str:
    if extension == "pdf":
        reader = PdfReader(fh)
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    elif extension == "docx":
        document = docx.Document(fh)
        text = "\n".join(p.text for p in document.paragraphs)
    else:
        return ""
    return unicodedata.normalize("NFC", text).strip()
