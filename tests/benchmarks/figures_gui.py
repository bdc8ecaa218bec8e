"""In-process Qt figures: the Applications tab against the usual way, both visible.

Subject: the app's ``ApplicationsTab`` (SQL-fed ``ApplicationTableModel`` in its ``QTableView``).
Baseline, "the usual way": every row loaded from the database into a ``QStandardItemModel``,
shown through a ``QSortFilterProxyModel`` (filter on all columns, case-insensitive) in a
``QTableView`` of the same size. Each timed step ends once the view has painted its new
pixels: ``processEvents()`` delivers what the step posted, the view's own paint among it, and a
synchronous ``viewport().repaint()`` follows only when that did not paint, so every step pays for
exactly one paint, as a user's keystroke does (two paints a step would time the second as work).
"""

from __future__ import annotations

import gc
import time
from dataclasses import replace
from typing import Any

from harness import Samples, Settings, alternate
from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel, QUndoStack
from PySide6.QtWidgets import QApplication, QTableView

from nextcall.services.application_list import (
    ApplicationQuery,
    count_applications,
    list_applications,
)
from nextcall.services.database import Database
from nextcall.ui.applications.application_model import (
    COLUMNS,
    COUNT_DELAY_MS,
    days_ago,
    due_text,
    format_date,
    milestone_text,
)
from nextcall.ui.applications.tab import ApplicationsTab

WIDTH, HEIGHT = 1180, 640
WIDTHS = (180, 160, 210, 84, 110, 96, 150, 100)


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0


class _Paints(QObject):
    """Counts the paint events of each viewport it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[int, int] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.counts[id(watched)] = self.counts.get(id(watched), 0) + 1
        return False


_PAINTS = _Paints()


def _watch(view: QTableView) -> None:
    _PAINTS.counts[id(view.viewport())] = 0  # an id may be a deleted view's
    view.viewport().installEventFilter(_PAINTS)


def _painted(view: QTableView) -> int:
    return _PAINTS.counts.get(id(view.viewport()), 0)


def _to_pixels(app: QApplication, view: QTableView, painted_before: int) -> None:
    """Deliver what the step posted; paint now only if that did not paint the view."""
    app.processEvents()
    if _painted(view) == painted_before:
        view.viewport().repaint()


def _settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


class Usual:
    """The usual way: every row in a QStandardItemModel behind a QSortFilterProxyModel."""

    def __init__(self, db: Database) -> None:
        today = db.clock.today()
        total = count_applications(db, ApplicationQuery())
        rows = list_applications(db, ApplicationQuery(), 0, max(total, 1))
        self.source = QStandardItemModel(0, len(COLUMNS))
        self.source.setHorizontalHeaderLabels([title for _key, title in COLUMNS])
        append = self.source.appendRow
        for r in rows:
            append(
                [
                    QStandardItem(r.company),
                    QStandardItem(r.position),
                    QStandardItem(milestone_text(r)),
                    QStandardItem(r.status.capitalize()),
                    QStandardItem(due_text(r.next_follow_up_at, today)),
                    QStandardItem(format_date(r.applied_on)),
                    QStandardItem(r.account_type),
                    QStandardItem(days_ago(r.last_contact_on, today)),
                ]
            )
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.source)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(30)
        for column, width in enumerate(WIDTHS):
            self.view.setColumnWidth(column, width)
        self.view.resize(WIDTH, HEIGHT)
        self.view.show()
        _watch(self.view)

    def close(self) -> None:
        self.view.close()
        self.view.setModel(None)  # type: ignore[arg-type]
        self.view.deleteLater()
        del self.view, self.proxy, self.source


class Subject:
    """The app's Applications tab over the profile."""

    def __init__(self, db: Database) -> None:
        self.undo = QUndoStack()
        self.tab = ApplicationsTab(db, self.undo)
        self.tab.resize(WIDTH, HEIGHT)
        self.tab.show()
        _watch(self.tab.table)

    def close(self) -> None:
        self.tab.close()
        self.tab.deleteLater()
        del self.tab


def _prefixes(word: str) -> list[str]:
    return [word[:n] for n in range(1, len(word) + 1)]


def measure(app: QApplication, db: Database, word: str, settings: Settings) -> dict[str, Any]:
    """Every in-process Qt figure for one profile; returns named samples."""
    out: dict[str, Any] = {}
    keep: dict[str, Any] = {}

    # -- first rows: open the tab vs load everything and show it ------------------------------
    def open_subject(_n: int) -> float:
        if "subject" in keep:
            keep.pop("subject").close()
            _settle(app)
        gc.collect()
        painted = 0  # a new view, watched from its start
        started = time.perf_counter()
        subject = Subject(db)
        _to_pixels(app, subject.tab.table, painted)
        elapsed = _ms(started)
        keep["subject"] = subject
        return elapsed

    def open_usual(_n: int) -> float:
        if "usual" in keep:
            keep.pop("usual").close()
            _settle(app)
        gc.collect()
        painted = 0
        started = time.perf_counter()
        usual = Usual(db)
        _to_pixels(app, usual.view, painted)
        elapsed = _ms(started)
        keep["usual"] = usual
        return elapsed

    heavy = replace(settings, runs=min(settings.runs, 5))
    out["first_rows"] = alternate(open_subject, open_usual, heavy)
    subject: Subject = keep["subject"]
    usual: Usual = keep["usual"]
    table = subject.tab.table
    model = subject.tab.model
    _settle(app)

    # -- filter keystroke -------------------------------------------------------------------------
    typed = _prefixes(word)

    def filter_subject(n: int) -> float:
        gc.collect()
        painted = _painted(table)
        started = time.perf_counter()
        model.set_query(replace(model.query, search=typed[n % len(typed)]))
        _to_pixels(app, table, painted)
        return _ms(started)

    def filter_usual(n: int) -> float:
        gc.collect()
        painted = _painted(usual.view)
        started = time.perf_counter()
        usual.proxy.setFilterFixedString(typed[n % len(typed)])
        _to_pixels(app, usual.view, painted)
        return _ms(started)

    out["filter"] = alternate(filter_subject, filter_usual, settings)
    model.set_query(replace(model.query, search=""))
    usual.proxy.setFilterFixedString("")
    _settle(app)

    # -- sort a column (cycling through every column, both directions) -----------------------
    def order(n: int) -> tuple[int, Qt.SortOrder]:
        ascending = (n // len(COLUMNS)) % 2 == 0
        return n % len(COLUMNS), (
            Qt.SortOrder.AscendingOrder if ascending else Qt.SortOrder.DescendingOrder
        )

    # A header click sets the sort indicator, which makes the view sort the model once.
    # (QTableView.sortByColumn would sort twice: through the indicator and directly.)
    def sort_subject(n: int) -> float:
        column, direction = order(n)
        gc.collect()
        painted = _painted(table)
        started = time.perf_counter()
        table.horizontalHeader().setSortIndicator(column, direction)
        _to_pixels(app, table, painted)
        return _ms(started)

    def sort_usual(n: int) -> float:
        column, direction = order(n)
        gc.collect()
        painted = _painted(usual.view)
        started = time.perf_counter()
        usual.view.horizontalHeader().setSortIndicator(column, direction)
        _to_pixels(app, usual.view, painted)
        return _ms(started)

    out["sort"] = alternate(
        sort_subject, sort_usual, replace(settings, runs=max(settings.runs, len(COLUMNS)))
    )
    table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)
    _settle(app)

    # -- visible-row work: repaint, and scrolling to the next page -----------------------------
    def repaint_subject(_n: int) -> float:
        started = time.perf_counter()
        table.viewport().repaint()
        return _ms(started)

    def repaint_usual(_n: int) -> float:
        started = time.perf_counter()
        usual.view.viewport().repaint()
        return _ms(started)

    out["repaint"] = alternate(repaint_subject, repaint_usual, replace(settings, runs=15))

    def page_subject(_n: int) -> float:
        model.set_query(model.query)  # back to the first page (untimed)
        # The full count runs COUNT_DELAY_MS after a refresh (35 ms at 100k rows): let it land
        # before the clock starts, or the figure times the count instead of the next page.
        deadline = time.perf_counter() + 3 * COUNT_DELAY_MS / 1000
        while time.perf_counter() < deadline:
            app.processEvents()
        _settle(app)
        gc.collect()
        painted = _painted(table)
        started = time.perf_counter()
        before = model.rowCount()
        table.scrollToBottom()  # reaching the end of the loaded rows fetches the next page
        _to_pixels(app, table, painted)
        elapsed = _ms(started)
        out["page_rows"] = (before, model.rowCount())
        return elapsed

    def page_usual(n: int) -> float:
        usual.view.scrollToTop()
        _settle(app)
        gc.collect()
        painted = _painted(usual.view)
        started = time.perf_counter()
        last = min(usual.proxy.rowCount() - 1, 200 * (1 + n % 3))
        usual.view.scrollTo(usual.proxy.index(last, 0))
        _to_pixels(app, usual.view, painted)
        return _ms(started)

    out["page"] = alternate(page_subject, page_usual, settings)

    subject.close()
    usual.close()
    keep.clear()
    _settle(app)
    gc.collect()
    return out


__all__ = ["Samples", "measure"]
