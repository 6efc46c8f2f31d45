"""Active content in a PDF: what a viewer could run or open rather than show.

A PDF served inline opens in the browser's viewer on this site's origin, and
Chrome's viewer refuses to run at all under `Content-Security-Policy: sandbox`.
So each stored PDF is checked once (StoredFile.active_content) and one that
carries JavaScript, a launch or form-submission action, embedded files,
multimedia or an XFA form is only ever served as a download (http.py), to be
opened in a desktop reader whose own settings apply. The check walks the whole
object graph as pypdf decodes it (object streams, escaped names), not the raw
bytes, and is capped: a PDF too large to walk, encrypted or unreadable is treated
as active, never as clean."""

from typing import IO, Any

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# Keys whose presence is active content, with the label users see.
ACTIVE_KEYS = {
    "/JS": "JavaScript",
    "/JavaScript": "JavaScript",
    "/EmbeddedFile": "tệp nhúng",
    "/EmbeddedFiles": "tệp nhúng",
    "/RichMedia": "nội dung đa phương tiện",
    "/XFA": "biểu mẫu XFA",
}
# Action types (/S) that run, open or send something.
ACTIVE_ACTIONS = {
    "/JavaScript": "JavaScript",
    "/Launch": "lệnh mở chương trình",
    "/SubmitForm": "lệnh gửi biểu mẫu",
    "/ImportData": "lệnh nhập dữ liệu",
    "/RichMediaExecute": "nội dung đa phương tiện",
}
MAX_OBJECTS = 200_000
UNCHECKED = "không kiểm tra được"


def active_content(stream: IO[bytes]) -> list[str]:
    """The kinds of active content in the PDF `stream`, sorted; [] for a clean one."""
    try:
        reader = PdfReader(stream, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return [f"{UNCHECKED} (tệp được mã hóa)"]
        return _walk(reader.trailer)
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, RecursionError, OSError):
        return [UNCHECKED]


def _walk(root: Any) -> list[str]:
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack, visited = [root], 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            found.add(f"{UNCHECKED} (quá nhiều đối tượng)")
            break
        if isinstance(node, DictionaryObject):
            found |= _flags(node)
            stack.extend(dict.values(node))  # as stored: references are followed once, above
        elif isinstance(node, ArrayObject):
            stack.extend(list.__iter__(node))
    return sorted(found)


def _flags(node: DictionaryObject) -> set[str]:
    flags = {label for key, label in ACTIVE_KEYS.items() if key in node}
    action = dict.get(node, "/S")
    if isinstance(action, str) and action in ACTIVE_ACTIONS:
        flags.add(ACTIVE_ACTIONS[action])
    return flags
