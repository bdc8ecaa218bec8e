"""Text wrapped onto at most two lines (note previews, interview tags): whole words, the rest
cut with "…"; nothing wider than the room given."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from pytestqt.qtbot import QtBot

from nextcall.ui.common.elided_label import two_lines


def test_short_text_stays_on_one_line(qtbot: QtBot) -> None:
    metrics = QFontMetrics(QFont())
    assert two_lines(metrics, "Speak up a little", 1000) == ["Speak up a little"]


def test_long_text_wraps_at_a_space_and_the_rest_is_cut(qtbot: QtBot) -> None:
    metrics = QFontMetrics(QFont())
    text = "Speak up a little: I had to ask you to repeat your answer about the night shift twice"
    width = metrics.horizontalAdvance("Speak up a little: I had to")
    first, second = two_lines(metrics, text, width)
    assert text.startswith(first + " ") and first.endswith("to")
    assert second.endswith("…") and text[len(first) + 1 :].startswith(second[:-1])
    assert all(metrics.horizontalAdvance(line) <= width for line in (first, second))


def test_a_name_that_just_needs_two_lines_is_kept_whole(qtbot: QtBot) -> None:
    metrics = QFontMetrics(QFont())
    text = "2  Reading comprehension"
    width = metrics.horizontalAdvance("comprehension") + 4
    assert " ".join(two_lines(metrics, text, width)) == text
