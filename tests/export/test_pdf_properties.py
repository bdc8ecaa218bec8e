"""Property: any note text exports without raising, and what the font covers comes back out of
the PDF unchanged (pypdf extraction), in order."""

from __future__ import annotations

import io
import unicodedata
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from nextcall.export.pdf_fonts import MARKER, REGULAR, fonts
from nextcall.export.pdf_layout import DocumentBuilder

FONTS = fonts()
RTL = {"R", "AL", "AN"}  # printed as markers: no right-to-left layout in the PDFs
START, END = "\u2590BEGIN\u258c", "\u2590FINISH\u258c"  # unlikely in generated text


def _invisible(c: str) -> bool:
    return c.isspace() or c == "\u00ad" or unicodedata.category(c) in {"Cc", "Zs", "Zl", "Zp"}


def _printable(text: str) -> str:
    """What must come back out, spaces aside: each covered character itself, each character
    the font lacks as the marker; controls and spaces leave no trace."""
    return "".join(
        c if FONTS.covers(c, REGULAR) and unicodedata.bidirectional(c) not in RTL else MARKER
        for c in text
        if not _invisible(c)
    )


def _extracted(text: str) -> str:
    doc = DocumentBuilder("Property", "footer", date(2026, 11, 20))
    doc.add(doc.text(f"{START} {text} {END}"))
    out = io.BytesIO()
    doc.write(out)
    pages = PdfReader(io.BytesIO(out.getvalue())).pages
    whole = "".join(page.extract_text() for page in pages)
    squeezed = "".join(whole.split())
    return squeezed[squeezed.index(START) + len(START) : squeezed.rindex(END)]


# Covered characters (a large share of the samples) mixed with anything at all.
covered = st.sampled_from(sorted(chr(cp) for cp in FONTS.coverage[REGULAR] if cp >= 0x20))
any_text = st.text(
    alphabet=st.one_of(covered, st.characters(exclude_categories=("Cs",))), max_size=120
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_note_text_round_trips_through_the_pdf(text: str) -> None:
    got = "".join(c for c in _extracted(text) if not _invisible(c))
    assert got == _printable(text)


def test_markup_lookalikes_round_trip() -> None:
    for text in ("S&P", "<b>unclosed", "0.1 <A <0.9", '<img src="/etc/hostname"/>'):
        assert _extracted(text) == "".join(text.split())
