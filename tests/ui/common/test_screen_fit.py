"""Windows that fit the screen: the arithmetic, with the screens people have (1280×720,
1366×768 with a taskbar, 1600×1000), and real widgets placed on them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from nextcall.ui.common.screen_fit import (
    capped_size,
    clamp_frame,
    clamp_window,
    fill_area,
    fit_dialog,
    place_at_side,
)

LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 less a 40-px taskbar
SMALL = QRect(0, 0, 1280, 680)
LARGE = QRect(0, 0, 1600, 960)
SCREENS = pytest.mark.parametrize("area", [LAPTOP, SMALL, LARGE], ids=["1366", "1280", "1600"])


def test_the_first_window_fills_the_available_area_with_its_frame() -> None:
    frame = QMargins(8, 32, 8, 8)
    inner = fill_area(LAPTOP, frame)
    assert inner == QRect(8, 32, 1350, 688)
    assert inner.marginsAdded(frame) == LAPTOP


def test_a_window_larger_than_the_screen_is_shrunk_and_moved_onto_it() -> None:
    remembered = QRect(300, 200, 1900, 1000)  # from a larger monitor
    fitted = clamp_frame(remembered, LAPTOP)
    assert LAPTOP.contains(fitted)
    assert fitted.size() == LAPTOP.size()
    off_the_edge = QRect(1200, 600, 800, 500)
    moved = clamp_frame(off_the_edge, LAPTOP)
    assert LAPTOP.contains(moved) and moved.size() == off_the_edge.size()
    inside = QRect(10, 10, 800, 500)
    assert clamp_frame(inside, LAPTOP) == inside


def test_capped_size_keeps_within_ninety_percent() -> None:
    assert capped_size(QSize(760, 720), LAPTOP) == QSize(760, 655)
    assert capped_size(QSize(400, 300), LAPTOP) == QSize(400, 300)


def test_a_remembered_window_is_pulled_onto_a_smaller_screen(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.setGeometry(400, 300, 1800, 1000)
    clamp_window(window, LAPTOP)
    frame = window.geometry().marginsAdded(QMargins(8, 32, 8, 8))  # the frame guessed unshown
    assert LAPTOP.contains(frame)


@SCREENS
def test_a_tall_dialog_gets_at_most_ninety_percent_of_the_height(qtbot, area: QRect) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    QVBoxLayout(dialog).addWidget(QLabel("Debrief"))
    fit_dialog(dialog, QSize(760, 900), area)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.height() <= area.height() * 0.9
    assert dialog.width() == 760


@SCREENS
def test_a_side_window_opens_fully_on_screen(qtbot, area: QRect) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.setMinimumSize(360, 480)
    place_at_side(window, QSize(440, 900), area)
    # pos() is the frame's corner; the frame is guessed for a window not shown yet.
    frame = QRect(window.pos(), window.size().grownBy(QMargins(8, 32, 8, 8)))
    assert area.contains(frame), (frame, area)
    assert frame.right() == area.right()  # at the right edge, beside the main window's content
