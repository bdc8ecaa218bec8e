"""The Tracker tab: one application milestone by milestone, all open ones on a board, and the
funnel that shows where applications usually stop."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError
from nextcall.core.stages import Outcome
from nextcall.services import stages
from nextcall.services.application_detail import get_detail
from nextcall.services.application_list import picker_items
from nextcall.services.database import Database
from nextcall.ui.common import theme
from nextcall.ui.common.elided_label import ElidedLabel
from nextcall.ui.common.empty_state import EmptyState
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.operations import Change, announce, run_op, subscribe
from nextcall.ui.tracker.milestone_panel import OUTCOME_BUTTONS, RECORDED, MilestonePanel
from nextcall.ui.tracker.side_panel import SidePanel
from nextcall.ui.tracker.stepper import Stepper

if TYPE_CHECKING:  # both are heavy (QtCharts) or optional views, imported on first use
    from nextcall.ui.tracker.board import BoardView
    from nextcall.ui.tracker.funnel_view import FunnelView

MODES = (
    QT_TRANSLATE_NOOP("TrackerTab", "Application"),
    QT_TRANSLATE_NOOP("TrackerTab", "Board"),
    QT_TRANSLATE_NOOP("TrackerTab", "Funnel"),
)


class TrackerTab(QWidget):
    practice_requested = Signal(str, str)  # a practice suggestion was chosen: kind, key

    def __init__(
        self, db: Database, go_to_applications: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.application_id: int | None = None
        self._board: BoardView | None = None
        self._funnel: FunnelView | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)

        top = QHBoxLayout()
        self.mode_group = QButtonGroup(self)
        for index, source in enumerate(MODES):
            name = self.tr(source)
            button = QPushButton(name)
            button.setCheckable(True)
            button.setChecked(index == 0)
            button.setToolTip(
                self.tr("{name} view (Alt+{value2})").format(name=name, value2=index + 1)
            )
            button.setShortcut(QKeySequence(f"Alt+{index + 1}"))
            button.setMinimumWidth(110)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            theme.toggle(button)
            self.mode_group.addButton(button, index)
            top.addWidget(button)
        self.mode_group.idClicked.connect(self.set_mode)
        top.addSpacing(16)
        self.picker = QComboBox()
        self.picker.setMinimumWidth(340)
        self.picker.setAccessibleName(self.tr("Application to track"))
        self.picker.activated.connect(self._picked)
        top.addWidget(self.picker, 1)
        self.spacer = QWidget()
        self.spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.spacer.hide()
        top.addWidget(self.spacer, 1)
        layout.addLayout(top)

        self.modes = QStackedWidget()
        layout.addWidget(self.modes, 1)
        self.app_page = self._application_page()
        self.empty = EmptyState(
            self.tr("Nothing to track yet"),
            self.tr(
                "Add the companies you applied to on the Applications tab; each one then shows "
                "here with its milestones."
            ),
            actions=(("Go to Applications", go_to_applications),),
            icon="empty-tracker",
        )
        self.app_stack = QStackedWidget()
        self.app_stack.addWidget(self.app_page)
        self.app_stack.addWidget(self.empty)
        self.modes.addWidget(self.app_stack)
        self.modes.addWidget(QWidget())  # board, built on first use
        self.modes.addWidget(QWidget())  # funnel, built on first use
        # The board and the funnel subscribe for themselves.
        subscribe(self, db, {Change.APPLICATIONS, Change.STAGES, Change.CONTACTS}, self.reload)
        subscribe(self.side.practice, db, {Change.PRACTICE}, self.side.practice.refresh)
        self.reload()

    def _application_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 6, 0, 0)
        header = QHBoxLayout()
        self.heading = ElidedLabel()  # a long company and position end in "…"
        theme.heading(self.heading, 1)
        self.status = QLabel()
        theme.strong(self.status)
        header.addWidget(self.heading)
        header.addWidget(self.status)
        header.addStretch(1)
        self.second = QPushButton(self.tr("Insert second interview"))
        self.second.setToolTip(self.tr("Add a second interview right after the selected milestone"))
        self.second.clicked.connect(self.insert_second_interview)
        self.own_stage = QPushButton(self.tr("Add a stage…"))
        self.own_stage.setToolTip(self.tr("Add a stage of your own after the selected milestone"))
        self.own_stage.clicked.connect(self.add_own_stage)
        header.addWidget(self.second)
        header.addWidget(self.own_stage)
        column.addLayout(header)
        self.stepper = Stepper()
        self.stepper.selected.connect(self._milestone_selected)
        column.addWidget(self.stepper)
        for outcome, _text, key in OUTCOME_BUTTONS:
            shortcut = QShortcut(QKeySequence(key), self.stepper)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda o=outcome: self.record(o))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("trackerSplitter")
        self.panel = MilestonePanel(self.db)
        self.panel.recorded.connect(self._recorded)
        self.side = SidePanel(self.db)
        self.side.offer_saved.connect(
            lambda: announce(self.db, {Change.APPLICATIONS}, self.side)  # saved by the panel
        )
        self.side.practice.start.connect(self.practice_requested)
        split.addWidget(self.panel)
        split.addWidget(self.side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 480])
        self.splitter = split
        column.addWidget(split, 1)
        return page

    # -- choosing ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Refill the picker (after applications changed elsewhere) and redraw."""
        items = picker_items(self.db)
        self.picker.blockSignals(True)
        self.picker.clear()
        for item in items:
            self.picker.addItem(item.label if item.open else f"{item.label} (closed)", item.id)
        self.picker.blockSignals(False)
        ids = [item.id for item in items]
        if self.application_id not in ids:
            self.application_id = ids[0] if ids else None
        self.show_application(self.application_id)

    def _picked(self, index: int) -> None:
        value = self.picker.itemData(index)
        if value is not None:
            self.show_application(int(value), select=None)

    def show_application(self, application_id: int | None, select: int | None = None) -> None:
        self.application_id = application_id
        if application_id is None:
            self.app_stack.setCurrentWidget(self.empty)
            return
        index = self.picker.findData(application_id)
        if index < 0:
            self.reload_picker_with(application_id)
            index = self.picker.findData(application_id)
        self.picker.setCurrentIndex(index)
        try:
            detail = get_detail(self.db, application_id)
            states = stages.stage_states(self.db, application_id)
        except NextCallError:
            self.application_id = None
            self.app_stack.setCurrentWidget(self.empty)
            return
        self.app_stack.setCurrentWidget(self.app_page)
        title = detail.company + (f" — {detail.position}" if detail.position else "")
        self.heading.setText(title)
        status = detail.status.capitalize()
        if detail.closing_reason and detail.status in ("rejected", "withdrawn", "ghosted"):
            status += f" · {detail.closing_reason}"
        self.status.setText(status)
        theme.status_text(self.status, detail.status)
        if select is None:
            select = self._default_milestone(states)
        self.stepper.set_states(states, select)
        self._milestone_selected(self.stepper.current)
        self.side.show_application(application_id)

    def reload_picker_with(self, application_id: int) -> None:
        detail = get_detail(self.db, application_id)
        self.picker.addItem(detail.company, application_id)

    @staticmethod
    def _default_milestone(states: list[stages.StageState]) -> int:
        """Where the applicant most likely wants to act: the milestone waiting for an outcome,
        else the one after the furthest passed, else the furthest reached."""
        for index, state in enumerate(states):
            if state.outcome in (Outcome.SCHEDULED.value, Outcome.PENDING.value):
                return index
        last = max((i for i, st in enumerate(states) if st.outcome), default=-1)
        if last >= 0 and states[last].outcome != Outcome.PASSED.value:
            return last
        for index in range(last + 1, len(states)):
            if not states[index].unused:
                return index
        return max(last, 0)

    def _milestone_selected(self, index: int) -> None:
        states = stages.stage_states(self.db, self.application_id) if self.application_id else []
        if 0 <= index < len(states):
            self.panel.show_state(self.application_id, states[index])  # type: ignore[arg-type]
            self.side.practice.show_milestone(states[index].stage.key)

    # -- recording -----------------------------------------------------------------------------

    def record(self, outcome: Outcome) -> None:
        self.panel.record(outcome)

    def _recorded(self, _key: str, _outcome: str) -> None:
        if self.application_id is None:
            return
        self.show_application(self.application_id, select=self.stepper.current)
        self.side.practice.refresh()  # where applications stop may have changed

    def insert_second_interview(self) -> None:
        self._insert_stage("Second interview", "second-interview")

    def add_own_stage(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Add a stage"), self.tr("Name of the stage:"))
        if ok and name.strip():
            self._insert_stage(name.strip(), None)

    def _insert_stage(self, name: str, key: str | None) -> None:
        if self.application_id is None:
            return
        states = stages.stage_states(self.db, self.application_id)
        after = states[self.stepper.current].stage.key if states else "application"
        application_id = self.application_id

        def insert() -> str:
            known = {info.key for info in stages.catalogue(self.db)}
            stage_key = key if key in known else stages.add_stage(self.db, name, after, key).key
            stages.record_outcome(self.db, application_id, stage_key, Outcome.SCHEDULED)
            return stage_key

        done = run_op(self, self.db, insert, RECORDED, self.tr("Not added"))
        if done is None:
            return
        stage_key = done.value
        new_states = stages.stage_states(self.db, self.application_id)
        select = next(i for i, st in enumerate(new_states) if st.stage.key == stage_key)
        self.show_application(self.application_id, select=select)

    # -- modes ---------------------------------------------------------------------------------

    def set_mode(self, index: int) -> None:
        if index == 1 and self._board is None:
            from nextcall.ui.tracker.board import BoardView

            board = BoardView(self.db)
            board.application_activated.connect(self._open_from_board)
            board.moved.connect(self._moved_on_board)
            self._replace(1, board)
            self._board = board
        if index == 2 and self._funnel is None:
            from nextcall.ui.tracker.funnel_view import FunnelView  # QtCharts: loaded on first use

            funnel = FunnelView(self.db)
            self._replace(2, funnel)
            self._funnel = funnel
        self.mode_group.button(index).setChecked(True)
        self.modes.setCurrentIndex(index)
        self.picker.setVisible(index == 0)
        self.spacer.setVisible(index != 0)
        if index == 1 and self._board is not None:
            self._board.refresh()
        if index == 2 and self._funnel is not None:
            self._funnel.refresh()

    def _replace(self, index: int, widget: QWidget) -> None:
        old = self.modes.widget(index)
        self.modes.insertWidget(index, widget)
        if old is not None:
            self.modes.removeWidget(old)
            old.deleteLater()

    def _moved_on_board(self, application_id: int, _key: str) -> None:
        if application_id == self.application_id:
            self.show_application(application_id)

    def _open_from_board(self, application_id: int) -> None:
        self.set_mode(0)
        self.show_application(application_id)

    def shutdown(self) -> None:
        """Save the panel answers being typed and stop their background thread (on closing)."""
        self.side.shutdown()
