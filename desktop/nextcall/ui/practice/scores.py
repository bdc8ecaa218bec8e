"""Test scores: log typing speed (words per minute, accuracy), English test scores and exam
results, optionally tied to an application's exam milestone, and see the trend."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nextcall.core import practice as core
from nextcall.core.errors import NextCallError, ValidationError
from nextcall.services import practice as service
from nextcall.services.application_list import picker_items
from nextcall.services.database import Database
from nextcall.services.typing_test import typing_target
from nextcall.ui.common import theme
from nextcall.ui.common.forms import buddy_label, with_error
from nextcall.ui.common.operations import Change, announce, report_failure, run_op
from nextcall.ui.practice.charts import LineChart


class ScoresPage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.rows: list[service.ScoreRow] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)

        box = QGroupBox(self.tr("Log a result"))
        box.setMaximumWidth(330)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.kind = QComboBox()
        for kind in core.TEST_KINDS:
            self.kind.addItem(kind.label, kind.key)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form.addRow(buddy_label(self.tr("&Test"), self.kind), self.kind)
        self.value = QLineEdit()
        value_box, self.value_error, _c = with_error(self.value)
        self.value_label = buddy_label(self.tr("&Words per minute"), self.value)
        form.addRow(self.value_label, value_box)
        self.accuracy = QLineEdit()
        self.accuracy.setPlaceholderText(self.tr("e.g. 95"))
        accuracy_box, self.accuracy_error, _c = with_error(self.accuracy)
        self.accuracy_box = accuracy_box
        self.accuracy_label = buddy_label(self.tr("&Accuracy (%)"), self.accuracy)
        form.addRow(self.accuracy_label, accuracy_box)
        self.taken_on = QLineEdit("today")
        self.taken_on.setPlaceholderText(self.tr("today, 3 Nov, 2026-11-03"))
        date_box, self.date_error, _c = with_error(self.taken_on)
        form.addRow(buddy_label(self.tr("Ta&ken on"), self.taken_on), date_box)
        self.application = QComboBox()
        self.application.setAccessibleName(self.tr("Application"))
        form.addRow(
            buddy_label(self.tr("For an a&pplication (optional)"), self.application),
            self.application,
        )
        self.notes = QLineEdit()
        self.notes.setPlaceholderText(self.tr("Which test, what was hard"))
        form.addRow(buddy_label(self.tr("&Notes"), self.notes), self.notes)
        self.add_button = QPushButton(self.tr("Log the score"))
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add_score)
        form.addRow(self.add_button)
        self.errors = {
            "value": self.value_error,
            "accuracy": self.accuracy_error,
            "taken_on": self.date_error,
        }
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(12, 0, 0, 0)
        head = QHBoxLayout()
        self.title = QLabel("")
        theme.heading(self.title, 1)
        head.addWidget(self.title, 1)
        self.filter = QComboBox()
        self.filter.setAccessibleName(self.tr("Which scores to show"))
        for kind in core.TEST_KINDS:
            self.filter.addItem(kind.label, kind.key)
        self.filter.currentIndexChanged.connect(lambda _i: self._show())
        head.addWidget(self.filter)
        column.addLayout(head)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        column.addWidget(self.summary)
        self.chart = LineChart((0.0, 100.0), accessible_name="Test scores over time")
        column.addWidget(self.chart, 3)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setAccessibleName(self.tr("Logged scores"))
        self.table.setHeaderLabels(
            [self.tr("Date"), self.tr("Result"), self.tr("Application"), self.tr("Notes")]
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.header()
        for index in range(3):
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        column.addWidget(self.table, 2)
        row = QHBoxLayout()
        row.addStretch(1)
        self.delete_button = QPushButton(self.tr("Delete score"))
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.delete_score)
        self.table.currentItemChanged.connect(
            lambda *_a: self.delete_button.setEnabled(self.table.currentItem() is not None)
        )
        row.addWidget(self.delete_button)
        column.addLayout(row)
        layout.addWidget(right, 1)
        self._kind_changed()
        self.reload()

    # -- data ----------------------------------------------------------------------------------

    def reload(self) -> None:
        keep = self.application.currentData()
        self.application.clear()
        self.application.addItem(self.tr("Not tied to an application"), None)
        for item in picker_items(self.db):
            self.application.addItem(item.label, item.id)
        index = self.application.findData(keep)
        self.application.setCurrentIndex(max(index, 0))
        self.rows = service.logged_scores(self.db)
        self._show()

    def select_kind(self, key: str) -> None:
        for combo in (self.kind, self.filter):
            index = combo.findData(key)
            if index >= 0:
                combo.setCurrentIndex(index)
        self.value.setFocus()

    def _kind_changed(self) -> None:
        kind = core.score_kind(self.kind.currentData())
        self.value_label.setText(f"&{kind.value_label}")
        self.value.setPlaceholderText("e.g. 40" if kind.key == "typing" else "e.g. 78")
        self.accuracy_label.setVisible(kind.has_accuracy)
        self.accuracy_box.setVisible(kind.has_accuracy)
        index = self.filter.findData(kind.key)
        if index >= 0:
            self.filter.setCurrentIndex(index)

    def _show(self) -> None:
        kind = core.score_kind(self.filter.currentData())
        rows = [r for r in self.rows if r.kind == kind.key]
        self.title.setText(kind.label)
        self.table.clear()
        for r in reversed(rows):
            item = QTreeWidgetItem([f"{r.taken_on:%d %b %Y}", r.result, r.company, r.notes])
            item.setData(0, Qt.ItemDataRole.UserRole, r.id)
            item.setToolTip(3, r.notes)
            self.table.addTopLevelItem(item)
        self.delete_button.setEnabled(False)
        if not rows:
            self.summary.setText(
                self.tr(
                    "No {label} logged yet. Log each practice test: seeing the "
                    "line go up is the best motivation, and exams are similar "
                    "from company to company."
                ).format(label=kind.label.lower())
            )
            self.chart.hide()
            return
        first, last = rows[0], rows[-1]
        text = f"Latest: {last.result} on {last.taken_on:%d %b %Y}."
        if len(rows) > 1:
            change = last.value - first.value
            unit = " " + kind.unit if kind.unit not in ("%", "points") else ""
            text += (
                f" {'Up' if change >= 0 else 'Down'} {abs(change):g}{unit} since the first of "
                f"{len(rows)} ({first.taken_on:%d %b})."
            )
        self.summary.setText(text)
        top = max(r.value for r in rows)
        ceiling = kind.max_value if kind.key == "exam" else max(10.0, top * 1.25)
        guides: list[tuple[str, float]] = []
        if kind.key == "typing":  # the target line (Settings)
            target = float(typing_target(self.db))
            guides.append((self.tr("Target: {n} net wpm").format(n=f"{target:g}"), target))
            ceiling = max(ceiling, target * 1.25)
        self.chart.y_range = (0.0, ceiling)
        lines = [(kind.value_label, [(r.taken_on, r.value) for r in rows])]
        if kind.has_accuracy and any(r.accuracy is not None for r in rows):
            self.chart.y_range = (0.0, max(ceiling, 100.0))
            lines.append(
                ("Accuracy (%)", [(r.taken_on, r.accuracy) for r in rows if r.accuracy is not None])
            )
        self.chart.set_lines(lines, guides=guides)
        self.chart.show()

    # -- actions -------------------------------------------------------------------------------

    def add_score(self) -> None:
        for label in self.errors.values():
            label.hide()
        data = service.ScoreInput(
            kind=self.kind.currentData(),
            value=self.value.text(),
            accuracy=self.accuracy.text()
            if core.score_kind(self.kind.currentData()).has_accuracy
            else "",
            taken_on=self.taken_on.text(),
            application_id=self.application.currentData(),
            notes=self.notes.text(),
        )
        try:
            service.add_test_score(self.db, data)
        except ValidationError as exc:
            label = self.errors.get(exc.field or "", self.value_error)
            label.setText(str(exc))
            label.show()
            return
        except NextCallError as exc:
            report_failure(self, exc, self.tr("Not saved"))
            return
        announce(self.db, {Change.PRACTICE}, self)
        self.value.clear()
        self.accuracy.clear()
        self.notes.clear()
        self.rows = service.logged_scores(self.db)
        self._show()
        self.changed.emit()

    def delete_score(self) -> None:
        item = self.table.currentItem()
        if item is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete the score"),
            self.tr("Delete the score of {item}: {item1}?").format(
                item=item.text(0), item1=item.text(1)
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        score_id = int(item.data(0, Qt.ItemDataRole.UserRole))
        run_op(
            self,
            self.db,
            lambda: service.delete_test_score(self.db, score_id),
            {Change.PRACTICE},
            self.tr("Not deleted"),
        )
        self.rows = service.logged_scores(self.db)
        self._show()
        self.changed.emit()
