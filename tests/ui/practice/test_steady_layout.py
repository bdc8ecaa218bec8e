"""The Practice tab holds steady and shows its words whole at 1366x768: the sub-tab bar stays
where it is on every sub-tab, and Prepared answers' confidence words are never clipped."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QSettings
from PySide6.QtWidgets import QApplication, QTabBar
from pytestqt.qtbot import QtBot

from nextcall.services.database import Database
from nextcall.ui.practice.bank_tree import RATING_WORDS, rating_word
from nextcall.ui.practice.tab import ANSWERS, PAGES, PracticeTab
from nextcall.ui.shell.main_window import MainWindow

MakeTab = Callable[..., PracticeTab]


def sub_tab_bar(tab: PracticeTab) -> QTabBar:
    """The bar that names the Practice pages, wherever the tab keeps it."""
    bars = [
        bar
        for bar in tab.findChildren(QTabBar)
        if bar.isVisible() and [bar.tabText(i) for i in range(bar.count())] == list(PAGES)
    ]
    assert len(bars) == 1
    return bars[0]


def test_the_sub_tab_bar_stays_put_on_every_sub_tab(qtbot: QtBot, make_tab: MakeTab) -> None:
    tab = make_tab()
    qtbot.waitUntil(lambda: tab.suggestions.plan is not None)
    where: dict[str, int] = {}
    for index, name in enumerate(PAGES):
        tab.show_page(index)
        QApplication.processEvents()
        bar = sub_tab_bar(tab)
        assert bar.currentIndex() == index
        where[name] = bar.mapTo(tab, QPoint(0, 0)).y()
    assert len(set(where.values())) == 1, where
    assert tab.banner.isVisible()  # the reminder of what to practise next is still there


def test_clicking_the_bar_shows_the_page(qtbot: QtBot, make_tab: MakeTab) -> None:
    tab = make_tab()
    sub_tab_bar(tab).setCurrentIndex(ANSWERS)
    assert tab.pages.currentWidget() is tab.answers


def test_the_confidence_words_are_whole_at_1366_by_768(qtbot: QtBot, db: Database) -> None:
    window = MainWindow(db, QSettings(str(db.paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.practice)
    window.practice.show_page(ANSWERS)
    page = window.practice.answers
    label = page.rating_words
    splitter = label.parentWidget()
    while splitter is not None and type(splitter).__name__ != "QSplitter":
        splitter = splitter.parentWidget()
    assert splitter is not None
    for sizes in (None, [10_000, 1]):  # as opened, and with the question list dragged wide
        if sizes is not None:
            splitter.setSizes(sizes)  # type: ignore[attr-defined]
        for value in (None, *RATING_WORDS):
            page._show_rating(value)
            QApplication.processEvents()
            text = label.text()
            assert text == (rating_word(value) if value else "not rated yet")
            assert label.isVisible()
            needed = label.fontMetrics().horizontalAdvance(text)
            assert label.width() >= needed, (sizes, text, label.width(), needed)
            assert label.width() >= label.minimumSizeHint().width()
    window.practice.shutdown()
