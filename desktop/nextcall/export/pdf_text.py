"""User text on its way into ReportLab Paragraph markup: escaped, drawable, accounted for.

Paragraph parses a small XML dialect, so text such as ``S&P`` or ``<b>unclosed`` would print
wrong or raise, and ``<img src=...>`` would read a local file. Every piece of user text goes
through :meth:`TextGuard.markup`, which escapes ``&``, ``<`` and ``>``, turns newlines into line
breaks, drops control characters and replaces characters the font cannot draw with a visible
marker, remembering them so the document can say so at its end.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from nextcall.export.pdf_fonts import MARKER, REGULAR, FontSet

# Characters with no visible form that must not reach the layout: C0/C1 controls (newline and
# tab are handled first), and the soft hyphen, which ReportLab would treat as a break hint.
_INVISIBLE = {"Cc", "Cs"}
# Right-to-left letters and digits would print unshaped and in the wrong order (the PDF writer
# lays text out left to right), so they are treated like characters the font lacks: a marker
# and a note, rather than a line nobody can read.
_RTL = {"R", "AL", "AN"}
_NEEDS_CARE = re.compile(r"[^\x20-\x7e\n]")


class TextGuard:
    """Escapes user text for one document and collects the characters it had to replace."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self.missing: dict[str, int] = {}

    def clean(self, text: str, face: str = REGULAR) -> str:
        """The text as it will print: drawable characters, markers for the rest."""
        if not _NEEDS_CARE.search(text):
            return text  # printable ASCII and newlines: every face draws it as it is
        out: list[str] = []
        for char in text.replace("\r\n", "\n").replace("\r", "\n"):
            if char == "\n":
                out.append("\n")
            elif char == "\t":
                out.append(" ")
            elif char == "\u00ad":
                continue
            elif unicodedata.category(char) in _INVISIBLE:
                if unicodedata.category(char) == "Cs":
                    self._miss(char, out)
                continue
            elif self.fonts.covers(char, face) and unicodedata.bidirectional(char) not in _RTL:
                out.append(char)
            else:
                self._miss(char, out)
        return "".join(out)

    def _miss(self, char: str, out: list[str]) -> None:
        self.missing[char] = self.missing.get(char, 0) + 1
        out.append(MARKER)

    def markup(self, text: str, face: str = REGULAR) -> str:
        """Paragraph markup that prints ``text`` literally."""
        return escape(self.clean(text, face)).replace("\n", "<br/>")

    def missing_note(self, limit: int = 40) -> str | None:
        """A sentence naming the characters that were replaced, or None when there were none."""
        if not self.missing:
            return None
        shown = [
            f"{_visible(char)} (U+{ord(char):04X})"
            for char in sorted(self.missing, key=lambda c: (-self.missing[c], ord(c)))[:limit]
        ]
        more = len(self.missing) - len(shown)
        tail = f", and {more} more" if more > 0 else ""
        total = sum(self.missing.values())
        return (
            f"{total} character{'s' if total != 1 else ''} in your text could not be printed "
            f"in this document and show as {MARKER}: {', '.join(shown)}{tail}. The font has no "
            "shape for them, or they belong to a right-to-left script, which PDFs from NextCall "
            "cannot lay out yet. They are kept unchanged in NextCall."
        )


def _visible(char: str) -> str:
    """How to name a character the font lacks (the name, since the glyph cannot be shown)."""
    return unicodedata.name(char, "unnamed character").lower()
