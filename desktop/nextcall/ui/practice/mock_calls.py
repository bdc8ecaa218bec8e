"""Mock calls: the playbook's scenarios, each with its brief, a drill, and the history of the
user's self-scores with a trend chart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nextcall.core import practice as core
from nextcall.core.playbook import Scenario, load_playbook
from nextcall.services import practice as service
from nextcall.services.database import Database
from nextcall.ui.common import theme
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.operations import Change, run_op
from nextcall.ui.practice.call_drill import CallDrillDialog, brief_html
from nextcall.ui.practice.charts import LineChart
from nextcall.ui.practice.question_drill import clock

ARROWS = {
    "up": QT_TRANSLATE_NOOP("MockCallsPage", "↗ improving"),
    "down": QT_TRANSLATE_NOOP("MockCallsPage", "↘ slipping"),
    "flat": QT_TRANSLATE_NOOP("MockCallsPage", "→ steady"),
}
AVERAGE = QT_TRANSLATE_NOOP("MockCallsPage", "Average")
EVERY_ITEM = QT_TRANSLATE_NOOP("MockCallsPage", "Every rubric item")


def _tr(text: str) -> str:
    return QCoreApplication.translate("MockCallsPage", text)


def scenario_line(scenario: Scenario, runs: list[service.SessionRow]) -> str:
    """'3 calls · last 2.8 / 5 · ↗ improving'."""
    if not runs:
        return _tr("Not tried yet")
    averages = [r.average for r in runs if r.average is not None]
    parts = [(_tr("{n} call") if len(runs) == 1 else _tr("{n} calls")).format(n=len(runs))]
    if averages:
        parts.append(_tr("last {score} / 5").format(score=f"{averages[-1]:.1f}"))
        direction = core.trend(averages)
        if direction:
            parts.append(_tr(ARROWS[direction]))
    return " · ".join(parts)


class MockCallsPage(QWidget):
    changed = Signal()  # a call was saved or deleted
    voice_requested = Signal(int)  # a session id with a recording

    def __init__(
        self,
        db: Database,
        microphone_problem: Callable[[], str | None],
        recorder_factory: Callable[[Any], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.microphone_problem = microphone_problem
        self.recorder_factory = recorder_factory
        self.playbook = load_playbook()
        self.rubric = self.playbook.rubric
        self.runs: list[service.SessionRow] = []
        self.dialog: CallDrillDialog | None = None

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        split = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(split)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Practice scenarios"))
        self.list.setSpacing(2)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(lambda _row: self._show())
        split.addWidget(self.list)

        right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("practiceCallsSplitter")
        right.setChildrenCollapsible(False)
        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(12, 0, 0, 4)
        head = QHBoxLayout()
        self.title = QLabel("")
        self.title.setWordWrap(True)
        theme.heading(self.title, 1)
        head.addWidget(self.title, 1)
        self.start_button = QPushButton(self.tr("Start a mock call…"))
        self.start_button.setDefault(True)
        self.start_button.setToolTip(self.tr("Run this call with a timer, then score yourself"))
        self.start_button.clicked.connect(lambda: self.start_drill())
        head.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(head)
        self.brief = QLabel("")
        self.brief.setWordWrap(True)
        self.brief.setTextFormat(Qt.TextFormat.RichText)
        self.brief.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.brief)
        scroll.setMinimumHeight(80)
        column.addWidget(scroll, 1)
        right.addWidget(top)

        bottom = QWidget()
        column = QVBoxLayout(bottom)
        column.setContentsMargins(12, 4, 0, 0)
        history_head = QHBoxLayout()
        self.history_title = QLabel(self.tr("<b>Your calls</b>"))
        history_head.addWidget(self.history_title, 1)
        self.series = QComboBox()
        self.series.addItems([self.tr(AVERAGE), self.tr(EVERY_ITEM)])
        self.series.setAccessibleName(self.tr("What the chart shows"))
        self.series.currentIndexChanged.connect(lambda _i: self._fill_chart())
        history_head.addWidget(self.series)
        column.addLayout(history_head)
        self.chart = LineChart((1.0, 5.0), accessible_name="Self-scores over time")
        self.chart.setMinimumHeight(150)
        column.addWidget(self.chart, 3)
        self.history = QTreeWidget()
        self.history.setRootIsDecorated(False)
        self.history.setAccessibleName(self.tr("Practice calls of this scenario"))
        self.history.setHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Length"),
                self.tr("Score"),
                self.tr("Weakest"),
                self.tr("Comment"),
            ]
        )
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.history.header()
        for index in range(4):
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.history.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.history.setMinimumHeight(70)
        self.history.setMaximumHeight(150)
        column.addWidget(self.history, 1)
        actions = QHBoxLayout()
        self.empty = QLabel("")
        theme.muted(self.empty)
        actions.addWidget(self.empty, 1)
        self.voice_button = QPushButton(self.tr("Voice check"))
        self.voice_button.setToolTip(self.tr("See the voice check of this call's recording"))
        self.voice_button.clicked.connect(self._voice)
        self.delete_button = QPushButton(self.tr("Delete call"))
        self.delete_button.clicked.connect(self.delete_session)
        actions.addWidget(self.voice_button)
        actions.addWidget(self.delete_button)
        column.addLayout(actions)
        right.addWidget(bottom)
        right.setStretchFactor(0, 2)
        right.setStretchFactor(1, 3)
        right.setSizes([260, 330])
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setSizes([230, 650])
        self.reload()

    # -- showing -------------------------------------------------------------------------------

    def scenario(self) -> Scenario | None:
        row = self.list.currentRow()
        return self.playbook.scenarios[row] if 0 <= row < len(self.playbook.scenarios) else None

    def reload(self) -> None:
        keep = max(self.list.currentRow(), 0)
        self.runs = service.sessions(self.db)
        self.list.blockSignals(True)
        self.list.clear()
        for scenario in self.playbook.scenarios:
            runs = [r for r in self.runs if r.scenario_key == scenario.key]
            item = QListWidgetItem(f"{scenario.title}\n{scenario_line(scenario, runs)}")
            item.setData(Qt.ItemDataRole.UserRole, scenario.key)
            item.setToolTip(scenario.caller)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.list.setCurrentRow(keep)
        self._show()

    def select(self, key: str) -> None:
        for row, scenario in enumerate(self.playbook.scenarios):
            if scenario.key == key:
                self.list.setCurrentRow(row)

    def _show(self) -> None:
        scenario = self.scenario()
        if scenario is None:
            return
        self.title.setText(scenario.title)
        self.brief.setText(brief_html(scenario))
        runs = self._scenario_runs()
        self.history.clear()
        names = {item.key: item.name.lower() for item in self.rubric}
        order = [item.key for item in self.rubric]
        for run in reversed(runs):  # newest first
            low = core.weakest(run.scores, order)
            weakest = " and ".join(names.get(k, k) for k in low[0]) + f" ({low[1]})" if low else ""
            average = f"{run.average:.1f}" if run.average is not None else ""
            length = clock(run.duration_s) if run.duration_s is not None else ""
            item = QTreeWidgetItem(
                [f"{run.started_at:%d %b %Y}", length, average, weakest, run.comment]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, run.id)
            if run.recording:
                item.setText(1, f"{length} ♪".strip())
                item.setToolTip(1, self.tr("Recorded: see its voice check"))
            item.setToolTip(4, run.comment)
            self.history.addTopLevelItem(item)
        count = len(runs)
        self.history_title.setText(
            f"<b>Your calls</b> · {scenario_line(scenario, runs)}" if runs else "<b>Your calls</b>"
        )
        self.empty.setText(
            "" if count else "No calls yet. Start one: the scores you give yourself show here."
        )
        self.chart.setVisible(count > 0)
        self.series.setVisible(count > 0)
        self._fill_chart()
        self._update_buttons()

    def _scenario_runs(self) -> list[service.SessionRow]:
        scenario = self.scenario()
        return [r for r in self.runs if scenario and r.scenario_key == scenario.key]

    def _fill_chart(self) -> None:
        runs = self._scenario_runs()
        if self.series.currentIndex() == 1:  # every rubric item
            lines = [
                (
                    item.name,
                    [
                        (r.started_at.date(), float(r.scores[item.key]))
                        for r in runs
                        if item.key in r.scores
                    ],
                )
                for item in self.rubric
            ]
        else:
            lines = [
                (
                    "Average self-score",
                    [(r.started_at.date(), r.average) for r in runs if r.average is not None],
                )
            ]
        self.chart.set_lines(lines)

    def _selected_run(self) -> service.SessionRow | None:
        item = self.history.currentItem()
        if item is None:
            return None
        run_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((r for r in self.runs if r.id == run_id), None)

    def _update_buttons(self) -> None:
        run = self._selected_run()
        self.delete_button.setEnabled(run is not None)
        self.voice_button.setEnabled(run is not None and bool(run.recording))

    # -- actions -------------------------------------------------------------------------------

    def start_drill(self, key: str | None = None, *, record: bool | None = None) -> None:
        if key is not None:
            self.select(key)
        scenario = self.scenario()
        if scenario is None:
            return
        dialog = CallDrillDialog(
            self.db,
            scenario,
            self,
            microphone_problem=self.microphone_problem(),
            recorder_factory=self.recorder_factory,
        )
        if record is not None and dialog.record.isEnabled():
            dialog.record.setChecked(record)
        dialog.saved.connect(lambda _id: self._after_save())
        self.dialog = dialog
        dialog.open()

    def _after_save(self) -> None:
        self.reload()
        self.changed.emit()

    def _voice(self) -> None:
        run = self._selected_run()
        if run is not None and run.recording:
            self.voice_requested.emit(run.id)

    def delete_session(self) -> None:
        run = self._selected_run()
        if run is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete the call"),
            f"Delete the practice call of {run.started_at:%d %b %Y} and its scores"
            + (" and recording?" if run.recording else "?"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_id = run.id
        run_op(
            self,
            self.db,
            lambda: service.delete_session(self.db, run_id),
            {Change.PRACTICE},
            self.tr("Not deleted"),
        )
        self.reload()
        self.changed.emit()
