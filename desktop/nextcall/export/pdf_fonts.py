"""The Unicode font family every PDF uses: DejaVu Sans, shipped in resources/fonts.

ReportLab's built-in fonts only cover Latin-1; DejaVu Sans prints accented Latin, Cyrillic,
Greek and much more. The four faces are registered once per process as one family so that
``<b>`` and ``<i>`` in Paragraph markup pick the right face.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from importlib.resources import as_file

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from nextcall.core.resources import resource

FAMILY = "NextCallSans"
REGULAR = "NextCallSans"
BOLD = "NextCallSans-Bold"
ITALIC = "NextCallSans-Oblique"
BOLD_ITALIC = "NextCallSans-BoldOblique"
_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
MARKER = "\ufffd"  # drawn in place of a character the font has no glyph for


@dataclass(frozen=True)
class FontSet:
    """The registered faces and the characters each can draw."""

    coverage: dict[str, frozenset[int]]

    def covers(self, char: str, face: str = REGULAR) -> bool:
        return ord(char) in self.coverage[face]


_lock = threading.Lock()
_fonts: FontSet | None = None


def fonts() -> FontSet:
    """Register the family (first call only) and return what it covers."""
    global _fonts
    with _lock:
        if _fonts is None:
            coverage: dict[str, frozenset[int]] = {}
            for name, filename in _FILES.items():
                with as_file(resource("fonts", filename)) as path:
                    face = TTFont(name, str(path))
                pdfmetrics.registerFont(face)
                # Only the Basic Multilingual Plane: for the few characters beyond it that
                # DejaVu draws, ReportLab writes a text layer that PDF readers cannot decode
                # (copy, search and screen readers would lose them), so they get the marker.
                coverage[name] = frozenset(cp for cp in face.face.charToGlyph if cp <= 0xFFFF)
            pdfmetrics.registerFontFamily(
                FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
            )
            _fonts = FontSet(coverage)
        return _fonts
