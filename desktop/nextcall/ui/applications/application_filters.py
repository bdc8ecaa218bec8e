"""The filter row above the applications table: search, status, milestone reached, account and
date applied. Emits the query to run; the table does the rest in SQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QWidget

from nextcall.core.playbook import load_playbook
from nextcall.core.stages import Status
from nextcall.services.application_rows import ApplicationQuery
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP

SEARCH_DELAY_MS = 120
RANGES = (
    (QT_TRANSLATE_NOOP("ApplicationFilters", "Any date"), None),
    (QT_TRANSLATE_NOOP("ApplicationFilters", "Last 7 days"), 7),
    (QT_TRANSLATE_NOOP("ApplicationFilters", "Last 30 days"), 30),
    (QT_TRANSLATE_NOOP("ApplicationFilters", "Last 90 days"), 90),
    (QT_TRANSLATE_NOOP("ApplicationFilters", "This year"), "year"),
    (QT_TRANSLATE_NOOP("ApplicationFilters", "Between…"), "custom"),
)


class ApplicationFilters(QWidget):
    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search (Ctrl+F)"))
        self.search.setToolTip(
            self.tr("Search company, position, account, site and contact names as you type")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.search.setAccessibleName(self.tr("Search applications"))
        row.addWidget(self.search, 3)

        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), ())
        self.status.addItem(self.tr("Open (active or offer)"), ("active", "offer"))
        for status in Status:
            self.status.addItem(status.label, (status.value,))
        self.status.setAccessibleName(self.tr("Filter by status"))
        row.addWidget(self.status)

        self.reached = QComboBox()
        self.reached.addItem(self.tr("Any milestone"), None)
        for milestone in load_playbook().milestones:
            self.reached.addItem(
                self.tr("Reached {name}").format(name=milestone.name.lower()), milestone.key
            )
        self.reached.setAccessibleName(self.tr("Filter by milestone reached"))
        row.addWidget(self.reached)

        self.account = QComboBox()
        self.account.setAccessibleName(self.tr("Filter by account type"))
        self.account.setMinimumContentsLength(14)
        self.account.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.set_accounts([])
        row.addWidget(self.account)

        self.applied = QComboBox()
        for label, value in RANGES:
            self.applied.addItem(self.tr(label), value)
        self.applied.setAccessibleName(self.tr("Filter by date applied"))
        row.addWidget(self.applied)
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit, name in ((self.date_from, "Applied from"), (self.date_to, "Applied until")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
            edit.hide()
            edit.dateChanged.connect(self.changed)
            row.addWidget(edit)
        self.date_from.setDate(QDate(today.year, today.month, 1))
        self.date_to.setDate(QDate(today.year, today.month, today.day))

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self._now)
        for combo in (self.status, self.reached, self.account):
            combo.currentIndexChanged.connect(self.changed)
        self.applied.currentIndexChanged.connect(self._range_changed)

    def _now(self) -> None:
        self._timer.stop()
        self.changed.emit()

    def _range_changed(self) -> None:
        custom = self.applied.currentData() == "custom"
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)
        self.changed.emit()

    def set_accounts(self, accounts: list[str]) -> None:
        current = self.account.currentData()
        self.account.blockSignals(True)
        self.account.clear()
        self.account.addItem(self.tr("All accounts"), None)
        for name in accounts:
            self.account.addItem(name, name)
        index = self.account.findData(current)
        self.account.setCurrentIndex(max(index, 0))
        self.account.blockSignals(False)

    def clear(self) -> None:
        for widget in (self.status, self.reached, self.account, self.applied):
            widget.blockSignals(True)
            widget.setCurrentIndex(0)
            widget.blockSignals(False)
        self.date_from.hide()
        self.date_to.hide()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.changed.emit()

    def apply_to(self, query: ApplicationQuery) -> ApplicationQuery:
        start, end = self._dates()
        return replace(
            query,
            search=" ".join(self.search.text().split()),  # the words, however spaced
            statuses=tuple(self.status.currentData() or ()),
            reached_key=self.reached.currentData(),
            account_type=self.account.currentData(),
            applied_from=start,
            applied_to=end,
        )

    def _dates(self) -> tuple[date | None, date | None]:
        choice = self.applied.currentData()
        if choice is None:
            return None, None
        if choice == "year":
            return date(self._today.year, 1, 1), None
        if choice == "custom":
            start = _to_date(self.date_from.date())
            end = _to_date(self.date_to.date())
            return (start, end) if start <= end else (end, start)
        return self._today - timedelta(days=int(choice) - 1), None


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
