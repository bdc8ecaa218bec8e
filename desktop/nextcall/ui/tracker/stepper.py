"""The milestones of one application as a horizontal stepper: a dot per milestone, coloured by
what happened there, with its short name and date. Click or use Left/Right to select one."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from nextcall.core.playbook import load_playbook
from nextcall.core.stages import Outcome
from nextcall.services.stages import StageState
from nextcall.ui.common.theme import current_scheme
from nextcall.ui.common.theme.tokens import OUTCOME_COLORS as COLORS

SYMBOLS = {"passed": "✓", "failed": "✕", "no-show": "!", "skipped": "–", "pending": "…"}
DOT = 22.0


def state_label(state: StageState) -> str:
    if state.unused:
        return "not used"
    if state.outcome is None:
        return "upcoming"
    return Outcome(state.outcome).label.lower()


class Stepper(QWidget):
    selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._states: list[StageState] = []
        self._current = 0
        self._short = {m.key: m.short for m in load_playbook().milestones}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Milestones"))

    # -- data ----------------------------------------------------------------------------------

    def set_states(self, states: list[StageState], current: int | None = None) -> None:
        self._states = states
        if current is not None:
            self._current = current
        self._current = max(0, min(self._current, len(states) - 1))
        self.setAccessibleDescription(
            ", ".join(f"{st.stage.name}: {state_label(st)}" for st in states)
        )
        self.update()

    @property
    def current(self) -> int:
        return self._current

    def select(self, index: int) -> None:
        if not self._states:
            return
        index = max(0, min(index, len(self._states) - 1))
        if index != self._current:
            self._current = index
            self.update()
        self.selected.emit(index)

    # -- geometry ------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(900, 86)

    def minimumSizeHint(self) -> QSize:
        return QSize(400, 86)

    def _centers(self) -> list[QPointF]:
        count = len(self._states)
        if not count:
            return []
        margin = 48.0
        width = max(1.0, self.width() - 2 * margin)
        step = width / max(1, count - 1)
        return [
            QPointF(margin + i * step if count > 1 else self.width() / 2, 24) for i in range(count)
        ]

    # -- painting ------------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colors = COLORS[current_scheme()]
        centers = self._centers()
        text = self.palette().windowText().color()
        muted = QColor(text)
        muted.setAlpha(140)
        for i in range(len(centers) - 1):
            done = self._states[i].outcome == Outcome.PASSED.value
            pen = QPen(QColor(colors["passed"] if done else colors[None]), 2)
            painter.setPen(pen)
            painter.drawLine(centers[i] + QPointF(DOT / 2, 0), centers[i + 1] - QPointF(DOT / 2, 0))
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        bold = QFont(self.font())
        bold.setBold(True)
        for index, (state, center) in enumerate(zip(self._states, centers, strict=True)):
            color = QColor(colors.get(state.outcome, colors[None]))
            rect = QRectF(center.x() - DOT / 2, center.y() - DOT / 2, DOT, DOT)
            if index == self._current:
                ring = QColor(self.palette().highlight().color())
                painter.setPen(QPen(ring, 3))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(rect.adjusted(-5, -5, 5, 5))
            if state.unused:
                pen = QPen(QColor(colors[None]), 1.5, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            elif state.outcome in (None, Outcome.SCHEDULED.value):
                painter.setPen(QPen(color, 2.5))
                painter.setBrush(self.palette().base())
            else:
                painter.setPen(QPen(color, 1))
                painter.setBrush(color)
            painter.drawEllipse(rect)
            symbol = SYMBOLS.get(state.outcome or "")
            if symbol and not state.unused:
                painter.setPen(QColor(colors["symbol"]))
                painter.setFont(bold)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, symbol)
            label = self._short.get(state.stage.key, state.stage.name)
            painter.setFont(bold if index == self._current else self.font())
            painter.setPen(muted if state.unused else text)
            box = QRectF(center.x() - 60, center.y() + DOT / 2 + 4, 120, 18)
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
            when = state.on or (state.scheduled_at.date() if state.scheduled_at else None)
            detail = "not used" if state.unused else (f"{when.day} {when:%b}" if when else "")
            if detail:
                painter.setFont(small)
                painter.setPen(muted)
                painter.drawText(
                    box.translated(0, 17),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    detail,
                )
        painter.end()

    # -- input ---------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        centers = self._centers()
        if not centers:
            return
        x = event.position().x()
        nearest = min(range(len(centers)), key=lambda i: abs(centers[i].x() - x))
        self.setFocus()
        self.select(nearest)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Left:
            self.select(self._current - 1)
        elif key == Qt.Key.Key_Right:
            self.select(self._current + 1)
        elif key == Qt.Key.Key_Home:
            self.select(0)
        elif key == Qt.Key.Key_End:
            self.select(len(self._states) - 1)
        else:
            super().keyPressEvent(event)
