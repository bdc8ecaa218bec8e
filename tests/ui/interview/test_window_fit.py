"""Interview mode opens fully on the screen it is on (1280×720 up to 1600×1000), and its tag
buttons show their whole names ("1 English grammar", not "1 English gram…")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from pytestqt.qtbot import QtBot

from nextcall.services.database import Database
from nextcall.ui.common import screen_fit
from nextcall.ui.interview.window import open_interview

SCREENS = {
    "1600x1000": QRect(0, 0, 1600, 960),
    "1366x768": QRect(0, 0, 1366, 728),
    "1280x720": QRect(0, 0, 1280, 680),
}


@pytest.mark.parametrize("screen", list(SCREENS))
def test_interview_mode_opens_fully_on_screen(
    qtbot: QtBot, db: Database, app_id: int, monkeypatch: pytest.MonkeyPatch, screen: str
) -> None:
    area = SCREENS[screen]
    monkeypatch.setattr(screen_fit, "available_area", lambda _widget=None: area)
    window = open_interview(db, app_id, None)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    margins = screen_fit.frame_margins(window)
    frame = QRect(window.pos(), window.size().grownBy(margins))
    assert area.contains(frame), (frame, area)
    assert window.height() >= window.minimumHeight()
    # Every tag's name in full: wrapped onto two lines where it is long, never cut.
    shown = [b for b in window.legend_buttons if b.isVisible()]
    assert shown
    for button in shown:
        assert "…" not in button.text(), button.text()
        assert button.text().replace("\n", " ") == button.full_text
    window.close()


def test_a_long_tag_name_wraps_inside_its_button(qtbot: QtBot, db: Database, app_id: int) -> None:
    window = open_interview(db, app_id, None)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    button = window.legend_buttons[0]
    button.set_full_text("1  Reading comprehension")
    window.resize(360, window.height())
    qtbot.waitUntil(lambda: "\n" in button.text())
    assert button.text().replace("\n", " ") == "1  Reading comprehension"
    lines = button.text().split("\n")
    assert all(button.fontMetrics().horizontalAdvance(line) <= button.width() for line in lines)
