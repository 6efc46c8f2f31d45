"""Fonts embedded by pyHanko (stamp text, filled number and date lines)."""

import os
import tempfile
import zlib
from pathlib import Path

from eoffice.signatures.models import var_dir


def font_file_1000(source: Path) -> Path | None:
    """`source` rescaled to 1000 units per em, made once per installation (None
    when the font is not installed). pyHanko 0.38 writes glyph widths into the
    PDF in font units, which PDF reads as thousandths of an em: right only for
    1000-unit fonts (CFF). Liberation Serif has 2048, so without this every
    letter would be spaced twice too wide."""
    tag = zlib.crc32(str(source.parent).encode())
    target = var_dir() / "fonts" / f"{source.stem}-{tag:08x}-1000upm.ttf"
    if target.is_file():
        return target
    if not source.is_file():
        return None
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(str(source))
    scale_upem(font, 1000)
    if "FFTM" in font:  # a FontForge timestamp the subsetter only warns about
        del font["FFTM"]
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".tmp", delete=False) as tmp:
        font.save(tmp)
    os.replace(tmp.name, target)  # atomic: concurrent signers never read half a file
    return target
