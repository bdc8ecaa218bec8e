"""What interviewers keep telling me: the improvement areas named by the most interviews, with
the trend and the latest words. Clicking one asks for the notes about it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError
from nextcall.core.insights import WINDOW_DAYS, AreaInsight, Trend, distinct_quotes
from nextcall.core.playbook import load_playbook
from nextcall.services import insights
from nextcall.services.database import Database
from nextcall.ui.common import theme
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.operations import Change, subscribe

QUOTE_CHARS = 160
KIND_WORDS = {
    "tip": QT_TRANSLATE_NOOP("AreaCard", "tip"),
    "feedback": QT_TRANSLATE_NOOP("AreaCard", "feedback"),
    "debrief": QT_TRANSLATE_NOOP("AreaCard", "your debrief"),
}


def _short(text: str, limit: int = QUOTE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class AreaCard(QFrame):
    """One area: rank, name, how many interviews, the trend, the latest quotes."""

    activated = Signal(str)

    def __init__(self, rank: int, insight: AreaInsight) -> None:
        super().__init__()
        self.area = insight.area
        self.setObjectName("areaCard")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(f"{insight.name}: {insight.summary}")
        self.setToolTip(
            self.tr("Show the notes about {name} (Enter)").format(name=insight.name.lower())
        )
        theme.surface(self, "option")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(3)
        top = QHBoxLayout()
        name = QLabel(f"<b>{rank}.&nbsp;{escape(insight.name)}</b>")
        theme.lead(name)
        top.addWidget(name)
        top.addStretch(1)
        trend_tone = {
            Trend.RISING: "danger",
            Trend.NEW: "danger",
            Trend.EASING: "success",
            Trend.QUIET: "success",
        }.get(insight.trend, "muted")
        trend = QLabel(f"{insight.trend.arrow} {insight.trend.label}")
        theme.tone(trend, trend_tone)
        theme.emphasis(trend)
        trend.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for label in (name, trend):  # a narrow panel wraps them: it never scrolls sideways
            label.setWordWrap(True)
        top.addWidget(trend)
        layout.addLayout(top)
        count = insight.interviews
        detail = QLabel(
            (
                self.tr(
                    "Named in {count} interview: {recent} in the last "
                    "{WINDOW_DAYS} days, {earlier} before"
                )
                if count == 1
                else self.tr(
                    "Named in {count} interviews: {recent} in the last "
                    "{WINDOW_DAYS} days, {earlier} before"
                )
            ).format(
                count=count,
                recent=insight.recent,
                WINDOW_DAYS=WINDOW_DAYS,
                earlier=insight.earlier,
            )
        )
        theme.muted(detail)
        detail.setWordWrap(True)
        layout.addWidget(detail)
        for quote, times in distinct_quotes(insight.quotes):  # the same words once
            where = " · ".join(
                part
                for part in (
                    quote.company or "",
                    f"{quote.on.day} {quote.on:%b %Y}",
                    self.tr(KIND_WORDS[quote.kind]) if quote.kind in KIND_WORDS else quote.kind,
                    self.tr("said {times} times").format(times=times) if times > 1 else "",
                )
                if part
            )
            fix = f"<br/>→ {escape(_short(quote.fix, 100))}" if quote.fix.strip() else ""
            line = QLabel(
                f"<i>“{escape(_short(quote.text))}”</i>{fix} <small>— {escape(where)}</small>"
            )
            line.setWordWrap(True)
            line.setTextFormat(Qt.TextFormat.RichText)
            line.setContentsMargins(8, 0, 0, 0)
            layout.addWidget(line)
        for label in self.findChildren(QLabel):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.area)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.area)
            return
        super().keyPressEvent(event)


class InsightsPanel(QWidget):
    area_selected = Signal(str)  # a tag key: show the notes tagged with it

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.insights: list[AreaInsight] = []
        self.cards: list[AreaCard] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("What interviewers keep telling me"))
        theme.heading(title, 1)
        title.setWordWrap(True)  # a narrow panel wraps it rather than cutting it
        layout.addWidget(title)
        self.intro = QLabel(
            self.tr(
                "Improvement areas ranked by how many interviews named them, in tips, feedback and "
                "your debriefs. The same point from several interviewers is the one to practise "
                "first. Click one to read its notes."
            )
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.column = QVBoxLayout(body)
        self.column.setContentsMargins(0, 4, 6, 4)
        self.column.setSpacing(8)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.column.addWidget(self.empty)
        self.column.addStretch(1)
        # Tags live on notes; deleting (or restoring) an application hides (or shows) its notes.
        subscribe(self, db, {Change.NOTES, Change.APPLICATIONS}, self.refresh)
        self.refresh()  # current from the first paint

    def refresh(self) -> None:
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        try:
            self.insights = insights.recurring_areas(self.db)
        except NextCallError as exc:
            self.insights = []
            self.empty.setText(self.tr("Could not read your notes: {exc}").format(exc=exc))
            self.empty.show()
            return
        for rank, insight in enumerate(self.insights, start=1):
            card = AreaCard(rank, insight)
            card.activated.connect(self.area_selected)
            self.column.insertWidget(self.column.count() - 1, card)
            self.cards.append(card)
        self.empty.setVisible(not self.insights)
        if not self.insights:
            first, second = (a.name for a in load_playbook().areas[:2])
            self.empty.setText(
                self.tr(
                    "Nothing to rank yet. When you save an interviewer's tip, "
                    "their feedback or a debrief item, tag it with the areas it "
                    "is about, such as “{first}” or “{second}”. The areas that "
                    "keep coming up will show here."
                ).format(first=first, second=second)
            )
