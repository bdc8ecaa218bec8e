"""The selected milestone: record its outcome (two clicks or one key), tick what to check if it
stopped there, and read the playbook's guidance for it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import ValidationError
from nextcall.core.playbook import load_playbook
from nextcall.core.stages import Outcome
from nextcall.core.validation import parse_amount, parse_date
from nextcall.services import stages
from nextcall.services.database import Database
from nextcall.services.stages import StageState
from nextcall.ui.common import theme
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.operations import Change, run_op
from nextcall.ui.common.wrap_check import WrapCheck
from nextcall.ui.tracker.guidance import milestone_html
from nextcall.ui.tracker.stepper import state_label

# (outcome, button text with its Alt mnemonic, single key used on the stepper)
# What recording an outcome writes: the stage event, the application's progress and status,
# the follow-ups made from it.
RECORDED = frozenset({Change.STAGES, Change.APPLICATIONS, Change.FOLLOW_UPS})
OUTCOME_BUTTONS = (
    (Outcome.SCHEDULED, QT_TRANSLATE_NOOP("MilestonePanel", "&Scheduled"), "S"),
    (Outcome.PASSED, QT_TRANSLATE_NOOP("MilestonePanel", "&Passed"), "P"),
    (Outcome.FAILED, QT_TRANSLATE_NOOP("MilestonePanel", "Fai&led"), "F"),
    (Outcome.SKIPPED, QT_TRANSLATE_NOOP("MilestonePanel", "S&kipped"), "K"),
    (Outcome.NO_SHOW, QT_TRANSLATE_NOOP("MilestonePanel", "&No-show"), "N"),
)


class MilestonePanel(QWidget):
    recorded = Signal(str, str)  # stage key, outcome
    debriefed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.playbook = load_playbook()
        self.application_id: int | None = None
        self.state: StageState | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        theme.heading(self.title, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        outer.addWidget(self.title)
        outer.addWidget(self.summary)

        record = QGroupBox(self.tr("Record what happened"))
        grid = QVBoxLayout(record)
        fields = QHBoxLayout()
        self.on = QLineEdit("today")
        self.on.setAccessibleName(self.tr("Date of the outcome"))
        self.on.setMaximumWidth(130)
        self.score = QLineEdit()
        self.score.setPlaceholderText(self.tr("e.g. 85"))
        self.score.setAccessibleName(self.tr("Score"))
        self.score.setMaximumWidth(80)
        self.interviewer = QLineEdit()
        self.interviewer.setPlaceholderText(self.tr("name"))
        self.interviewer.setAccessibleName(self.tr("Interviewer"))
        for label, widget in (
            ("On", self.on),
            ("Score", self.score),
            ("Interviewer", self.interviewer),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            fields.addWidget(caption)
            fields.addWidget(widget)
        fields.addStretch(1)
        grid.addLayout(fields)
        # Five buttons on one line when they fit, else on two (narrow panel, long words).
        self.outcome_grid = QGridLayout()
        self.outcome_grid.setHorizontalSpacing(6)
        self.outcomes_per_row = 0
        self.outcome_buttons: dict[Outcome, QPushButton] = {}
        for outcome, source, key in OUTCOME_BUTTONS:
            text = self.tr(source)
            button = QPushButton(text)
            button.setToolTip(
                self.tr("Record “{label}” (Alt+{value2}, or {key} on the milestones)").format(
                    label=outcome.label.lower(),
                    value2=text[text.index("&") + 1] if "&" in text[:-1] else key,
                    key=key,
                )
            )
            button.clicked.connect(lambda _c=False, o=outcome: self.record(o))
            self.outcome_buttons[outcome] = button
        self._arrange_outcomes(len(self.outcome_buttons))
        grid.addLayout(self.outcome_grid)
        self.unused = QCheckBox(self.tr("Not used by this company"))
        self.unused.setToolTip(
            self.tr("This company has no such step (no sales test, say): the funnel skips it")
        )
        self.unused.toggled.connect(self._unused_toggled)
        grid.addWidget(self.unused)
        self.error = QLabel()
        theme.error_text(self.error)
        self.error.hide()
        grid.addWidget(self.error)
        debrief_row = QHBoxLayout()
        self.debrief_hint = QLabel(
            self.tr("Write down what went well and what to fix while it is fresh.")
        )
        self.debrief_hint.setWordWrap(True)
        self.debrief_hint.hide()
        self.debrief_button = QPushButton(self.tr("Debrief…"))
        self.debrief_button.setToolTip(
            self.tr("What went well, what went wrong and the fix for next time")
        )
        self.debrief_button.clicked.connect(self.open_debrief)
        debrief_row.addWidget(self.debrief_hint, 1)
        debrief_row.addWidget(self.debrief_button)
        grid.addLayout(debrief_row)
        outer.addWidget(record)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Everything in it wraps to the column's width: never a sideways scroll.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body_scroll = scroll
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 0)
        self.checks_box = QGroupBox(self.tr("If it stopped here, check"))
        self.checks_layout = QVBoxLayout(self.checks_box)
        self.checks_hint = QLabel()
        self.checks_hint.setWordWrap(True)
        theme.muted(self.checks_hint)
        self.checks_layout.addWidget(self.checks_hint)
        self.check_boxes: list[QCheckBox] = []
        column.addWidget(self.checks_box)
        self.guidance = QLabel()
        self.guidance.setWordWrap(True)
        self.guidance.setTextFormat(Qt.TextFormat.RichText)
        self.guidance.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.guidance)
        column.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

    # -- showing -------------------------------------------------------------------------------

    def _arrange_outcomes(self, per_row: int) -> None:
        if per_row == self.outcomes_per_row:
            return
        self.outcomes_per_row = per_row
        for index, button in enumerate(self.outcome_buttons.values()):
            self.outcome_grid.removeWidget(button)
            self.outcome_grid.addWidget(button, index // per_row, index % per_row)
        for column in range(len(self.outcome_buttons)):
            self.outcome_grid.setColumnStretch(column, 0)
        self.outcome_grid.setColumnStretch(per_row, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        widths = [
            b.sizeHint().width() + self.outcome_grid.horizontalSpacing()
            for b in self.outcome_buttons.values()
        ]
        room = event.size().width() - 40  # the group box and scroll area frames
        all_fit = sum(widths) <= room
        self._arrange_outcomes(len(widths) if all_fit else (len(widths) + 1) // 2)

    def show_state(self, application_id: int, state: StageState) -> None:
        self.application_id = application_id
        self.state = state
        self.error.hide()
        if state.stage.key != getattr(self, "_shown_key", None):
            self.debrief_hint.hide()
        self._shown_key = state.stage.key
        self.title.setText(state.stage.name)
        parts = [state_label(state).capitalize()]
        when = state.on or (state.scheduled_at.date() if state.scheduled_at else None)
        if when:
            parts.append(f"{when:%a} {when.day} {when:%b %Y}")
        if state.score is not None:
            parts.append(f"score {state.score:g}")
        if state.interviewer:
            parts.append(f"with {state.interviewer}")
        self.summary.setText(" · ".join(parts))
        self.interviewer.setText(state.interviewer)
        self.score.setText("" if state.score is None else f"{state.score:g}")
        self.unused.blockSignals(True)
        self.unused.setChecked(state.unused)
        self.unused.setEnabled(state.outcome is None or state.unused)
        self.unused.blockSignals(False)
        for outcome, button in self.outcome_buttons.items():
            button.setEnabled(not state.unused)
            theme.strong(button, state.outcome == outcome.value)
        self._show_checks(state)
        self.guidance.setText(milestone_html(self.playbook, state.stage.key))

    def _show_checks(self, state: StageState) -> None:
        for box in self.check_boxes:
            (box.parentWidget() or box).deleteLater()
        self.check_boxes = []
        try:
            items = self.playbook.milestone(state.stage.key).checks
        except KeyError:
            items = ()
        self.checks_box.setVisible(bool(items))
        recorded = state.event_id is not None
        self.checks_hint.setText(
            "Tick what applied to you. NextCall counts the ticks to show what keeps coming up."
            if recorded
            else "Record an outcome first; then tick what applied to you here."
        )
        for item in items:
            line = WrapCheck(item.text)  # long questions wrap in a narrow column
            box = line.box
            box.setProperty("check_key", item.key)
            box.setChecked(item.key in state.checks)
            line.setEnabled(recorded)
            box.toggled.connect(self._checks_changed)
            self.checks_layout.addWidget(line)
            self.check_boxes.append(box)

    # -- actions -------------------------------------------------------------------------------

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def record(self, outcome: Outcome) -> None:
        if self.application_id is None or self.state is None or self.state.unused:
            return
        try:  # what was typed: shown beside the fields
            day = parse_date(self.on.text(), today=self.db.clock.today(), field="date")
            score = parse_amount(self.score.text(), field="score")
        except ValidationError as exc:
            self._fail(str(exc))
            return
        self.error.hide()
        application_id, key, interviewer = (
            self.application_id,
            self.state.stage.key,
            self.interviewer.text(),
        )
        done = run_op(
            self,
            self.db,
            lambda: stages.record_outcome(
                self.db, application_id, key, outcome, on=day, score=score, interviewer=interviewer
            ),
            RECORDED,
            self.tr("Not recorded"),
        )
        if done is None:
            return
        self.recorded.emit(self.state.stage.key, outcome.value)
        interview = self.state.stage.key not in ("application", "job-offer")
        self.debrief_hint.setVisible(interview and outcome is not Outcome.SCHEDULED)

    def open_debrief(self) -> None:
        if self.application_id is None or self.state is None:
            return
        from nextcall.ui.interview.debrief import DebriefDialog

        dialog = DebriefDialog(self.db, self.application_id, self.state.stage.key, self)
        dialog.saved.connect(lambda _ids: self.debriefed.emit())
        dialog.exec()
        self.debrief_hint.hide()

    def _unused_toggled(self, checked: bool) -> None:
        if self.application_id is None or self.state is None:
            return
        application_id, key = self.application_id, self.state.stage.key
        run_op(
            self,
            self.db,
            lambda: stages.set_unused(self.db, application_id, key, checked),
            RECORDED,
            self.tr("Not changed"),
        )
        self.recorded.emit(self.state.stage.key, "unused" if checked else "used")

    def _checks_changed(self) -> None:
        if self.state is None or self.state.event_id is None:
            return
        keys = [str(b.property("check_key")) for b in self.check_boxes if b.isChecked()]
        event_id = self.state.event_id
        run_op(
            self,
            self.db,
            lambda: stages.set_checks(self.db, event_id, keys),
            {Change.STAGES},
            self.tr("Not saved"),
        )
