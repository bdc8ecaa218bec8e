"""User text into Paragraph markup: escaped, drawable, and what could not be drawn is told."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from nextcall.export.pdf_fonts import BOLD, ITALIC, MARKER, REGULAR, fonts
from nextcall.export.pdf_layout import DocumentBuilder
from nextcall.export.pdf_text import TextGuard

HOSTILE = [
    "S&P 500",
    "<b>unclosed",
    "0.1 <A <0.9",
    '<img src="/etc/hostname"/>',
    '<font color="[[x]]">x</font>',
    "a &amp; b &lt; c",
    "]]> <![CDATA[",
    "<para>",
]


def _pdf_text(doc: DocumentBuilder) -> str:
    out = io.BytesIO()
    doc.write(out)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def guard() -> TextGuard:
    return TextGuard(fonts())


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_prints_literally(guard: TextGuard, text: str) -> None:
    para = Paragraph(guard.markup(text))  # would raise on bad markup
    assert "".join(para.getPlainText().split()) == "".join(text.split())


def test_hostile_text_in_a_real_pdf_prints_literally_and_reads_no_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[str] = []
    real_open = open

    def spy(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    from datetime import date

    doc = DocumentBuilder("t", "footer", date(2026, 11, 20))
    for text in HOSTILE:
        doc.add(doc.text(text))
    extracted = "".join(_pdf_text(doc).split())
    for text in HOSTILE:
        assert "".join(text.split()) in extracted
    assert not any("hostname" in path for path in opened)


def test_newlines_become_line_breaks(guard: TextGuard) -> None:
    assert guard.markup("one\ntwo\r\nthree\rfour") == "one<br/>two<br/>three<br/>four"


def test_controls_are_dropped_and_tabs_become_spaces(guard: TextGuard) -> None:
    assert guard.clean("a\x00b\x07c\td\x7f") == "abc d"
    assert not guard.missing


def test_accented_latin_cyrillic_and_greek_are_covered(guard: TextGuard) -> None:
    text = "Señora Müller · Привет · Καλημέρα · Nguyễn"
    assert guard.clean(text) == text
    assert guard.missing_note() is None


def test_missing_characters_get_a_marker_and_a_note(guard: TextGuard) -> None:
    cleaned = guard.clean("Hi 你好 🙂!")
    assert cleaned == f"Hi {MARKER}{MARKER} {MARKER}!"
    note = guard.missing_note()
    assert note is not None
    assert "3 characters" in note
    assert "U+4F60" in note and "U+1F642" in note
    assert MARKER in note


def test_coverage_is_per_face() -> None:
    found = fonts()
    only_regular = next(
        cp for cp in sorted(found.coverage[REGULAR] - found.coverage[ITALIC]) if cp > 0x100
    )
    char = chr(only_regular)
    guard = TextGuard(found)
    assert guard.clean(char, REGULAR) == char
    assert guard.clean(char, ITALIC) == MARKER
    assert found.coverage[BOLD]


def test_document_ends_with_the_note_when_characters_were_replaced() -> None:
    from datetime import date

    doc = DocumentBuilder("t", "footer", date(2026, 11, 20))
    doc.add(doc.text("Interviewer: 山田 said hello"))
    text = _pdf_text(doc)
    assert "About this document" in text
    assert "U+5C71" in text


def test_document_without_missing_characters_has_no_note() -> None:
    from datetime import date

    doc = DocumentBuilder("t", "footer", date(2026, 11, 20))
    doc.add(doc.text("Plain text, Ελληνικά, кириллица"))
    text = _pdf_text(doc)
    assert "About this document" not in text
    assert "Ελληνικά" in text and "кириллица" in text
    assert "Page 1 of 1" in text
