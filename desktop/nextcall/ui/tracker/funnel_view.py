"""The funnel view: where applications stop, as a narrowing stack of bars, with the sentence
that says what to work on, filtered by date applied and account type.

QtCharts is heavy to import: only this module imports it, and nothing on the start-up path
imports this module at import time (the Tracker tab loads it the first time the funnel is shown).
"""

from __future__ import annotations

import html
from datetime import date, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QEvent, QMargins, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGraphicsSimpleTextItem,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError
from nextcall.core.funnel import FunnelResult, FunnelRow
from nextcall.services.database import Database
from nextcall.services.funnel import account_types, funnel
from nextcall.ui.common import theme
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.operations import Change, subscribe
from nextcall.ui.common.theme import current_scheme, palette_changed
from nextcall.ui.common.theme.tokens import FUNNEL_COLORS as SEGMENT_COLORS
from nextcall.ui.common.theme.tokens import FUNNEL_LABEL_COLORS as LABEL_COLORS

PERIODS = (
    QT_TRANSLATE_NOOP("FunnelView", "All time"),
    QT_TRANSLATE_NOOP("FunnelView", "Last 30 days"),
    QT_TRANSLATE_NOOP("FunnelView", "Last 90 days"),
    QT_TRANSLATE_NOOP("FunnelView", "This year"),
    QT_TRANSLATE_NOOP("FunnelView", "Between dates…"),
)
ALL_TIME, LAST_30, LAST_90, THIS_YEAR, CUSTOM = range(len(PERIODS))
ALL_ACCOUNTS = QT_TRANSLATE_NOOP("FunnelView", "All accounts")
NO_ACCOUNT = QT_TRANSLATE_NOOP("FunnelView", "No account type")

SEGMENTS = (
    ("passed", QT_TRANSLATE_NOOP("FunnelView", "Passed")),
    ("pending", QT_TRANSLATE_NOOP("FunnelView", "Scheduled or waiting")),
    ("failed", QT_TRANSLATE_NOOP("FunnelView", "Stopped here")),
)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _emphasised(summary: str) -> str:
    """The summary as rich text, its first sentence (where they stop) in bold."""
    first, dot, rest = summary.partition(". ")
    if not dot:
        return html.escape(summary)
    return f"<b>{html.escape(first)}.</b> {html.escape(rest)}"


def _percent(rate: float | None) -> str:
    return "no result yet" if rate is None else f"{rate:.0%} passed"


class _ElidedLabel(QLabel):
    """A one-line label that gives way in a narrow window: the filters keep their room and
    the text ends in "…" instead of being cut off."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setToolTip(text)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(self.contentsRect(), flags, shown)


class FunnelView(QWidget):
    """``FunnelView(db)``; ``refresh()`` queries again (after outcomes were recorded)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.result: FunnelResult | None = None
        self._rows: tuple[FunnelRow, ...] = ()  # in chart order: the last milestone first
        self._theming = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)

        controls = QHBoxLayout()
        title = _ElidedLabel("Where your applications stop")
        theme.heading(title, 1)
        controls.addWidget(title, 1)
        controls.addWidget(QLabel(self.tr("Applied:")))
        self.period_combo = QComboBox()
        self.period_combo.addItems([self.tr(p) for p in PERIODS])
        self.period_combo.setAccessibleName(self.tr("Period applied in"))
        controls.addWidget(self.period_combo)
        today = db.clock.today()
        self.since_edit = self._date_edit(today - timedelta(days=90), "Applied on or after")
        self.until_edit = self._date_edit(today, "Applied on or before")
        self.range_label = QLabel(self.tr("to"))
        controls.addWidget(self.since_edit)
        controls.addWidget(self.range_label)
        controls.addWidget(self.until_edit)
        controls.addSpacing(12)
        controls.addWidget(QLabel(self.tr("Account:")))
        self.account_combo = QComboBox()
        self.account_combo.setAccessibleName(self.tr("Account type"))
        self.account_combo.setMinimumContentsLength(16)
        self.account_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        controls.addWidget(self.account_combo)
        layout.addLayout(controls)

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        theme.lead(self.summary)
        theme.surface(self.summary, "quote")
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        layout.addWidget(self.summary)

        self.sets: dict[str, QBarSet] = {}
        self.spacer = QBarSet("")  # transparent: centres each bar, so the stack narrows
        self.series = QHorizontalStackedBarSeries()
        self.series.append(self.spacer)
        for name, label in SEGMENTS:
            bar_set = QBarSet(self.tr(label))
            self.sets[name] = bar_set
            self.series.append(bar_set)
        self.series.setBarWidth(0.72)
        self.series.hovered.connect(self._hovered)
        self.chart = QChart()
        self.chart.addSeries(self.series)
        self.category_axis = QBarCategoryAxis()
        self.value_axis = QValueAxis()
        self.value_axis.setVisible(False)
        self.chart.addAxis(self.category_axis, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(self.value_axis, Qt.AlignmentFlag.AlignBottom)
        self.series.attachAxis(self.category_axis)
        self.series.attachAxis(self.value_axis)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.legend().markers(self.series)[0].setVisible(False)  # the spacer
        self.chart.setMargins(QMargins(4, 4, 12, 4))
        self.chart.setBackgroundRoundness(0)
        # The numbers inside the segments, placed by hand: QtCharts draws every label or none,
        # and a number wider than its segment would spill over its neighbours.
        self._number_items: list[QGraphicsSimpleTextItem] = []
        self.value_labels: list[QGraphicsSimpleTextItem] = []  # the ones shown
        self.chart.plotAreaChanged.connect(lambda _area: self._place_value_labels())
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(300)
        self.chart_view.setAccessibleName(self.tr("Funnel chart: applications per milestone"))
        layout.addWidget(self.chart_view, 1)

        self._fill_accounts()
        self._update_range_edits()
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.since_edit.dateChanged.connect(lambda _d: self.refresh(accounts=False))
        self.until_edit.dateChanged.connect(lambda _d: self.refresh(accounts=False))
        self.account_combo.currentIndexChanged.connect(lambda _i: self.refresh(accounts=False))
        self._apply_colors()
        subscribe(self, db, {Change.APPLICATIONS, Change.STAGES}, self.refresh)
        self.refresh(accounts=False)

    def _date_edit(self, day: date, name: str) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAccessibleName(name)
        return edit

    # -- filters -------------------------------------------------------------------------------

    def filters(self) -> tuple[date | None, date | None, str | None]:
        """(since, until, account type) as chosen; None means no limit."""
        today = self.db.clock.today()
        period = self.period_combo.currentIndex()
        since: date | None = None
        until: date | None = None
        if period == LAST_30:
            since = today - timedelta(days=30)
        elif period == LAST_90:
            since = today - timedelta(days=90)
        elif period == THIS_YEAR:
            since = date(today.year, 1, 1)
        elif period == CUSTOM:
            since, until = _pydate(self.since_edit.date()), _pydate(self.until_edit.date())
            if since > until:
                since, until = until, since
        account = self.account_combo.currentData()
        return since, until, account if isinstance(account, str) else None

    def set_account(self, account: str | None) -> None:
        """Choose an account type (None: all); refreshes."""
        index = self.account_combo.findData(account) if account is not None else 0
        self.account_combo.setCurrentIndex(max(index, 0))

    def _period_changed(self, _index: int) -> None:
        self._update_range_edits()
        self.refresh(accounts=False)

    def _update_range_edits(self) -> None:
        custom = self.period_combo.currentIndex() == CUSTOM
        for widget in (self.since_edit, self.range_label, self.until_edit):
            widget.setVisible(custom)

    def _fill_accounts(self) -> None:
        chosen = self.account_combo.currentData()
        self.account_combo.blockSignals(True)
        try:
            self.account_combo.clear()
            self.account_combo.addItem(self.tr(ALL_ACCOUNTS), None)
            for name in account_types(self.db):
                self.account_combo.addItem(name or self.tr(NO_ACCOUNT), name)
            index = self.account_combo.findData(chosen) if isinstance(chosen, str) else 0
            self.account_combo.setCurrentIndex(max(index, 0))
        finally:
            self.account_combo.blockSignals(False)

    # -- data ----------------------------------------------------------------------------------

    def refresh(self, accounts: bool = True) -> None:
        """Query the funnel again for the chosen filters (and the account list, by default)."""
        if accounts:
            self._fill_accounts()
        since, until, account = self.filters()
        try:
            result = funnel(self.db, since=since, until=until, account_type=account)
        except NextCallError as exc:
            self.summary.setText(html.escape(str(exc)))
            return
        self.result = result
        self.summary.setText(_emphasised(result.summary))
        self._fill_chart(result)

    def _fill_chart(self, result: FunnelResult) -> None:
        # A horizontal bar chart draws its first category at the bottom: feed the milestones
        # last first, so the pipeline reads top to bottom.
        rows = tuple(reversed(result.rows))
        self._rows = rows
        widest = max((r.reached for r in rows), default=0) or 1
        self.spacer.remove(0, self.spacer.count())
        for bar_set in self.sets.values():
            bar_set.remove(0, bar_set.count())
        for row in rows:
            self.spacer.append((widest - row.reached) / 2)
            self.sets["passed"].append(row.passed)
            self.sets["pending"].append(row.pending)
            self.sets["failed"].append(row.failed)
        self.category_axis.clear()
        self.category_axis.append(self._categories(rows))
        self.value_axis.setRange(0, widest)
        self.chart.legend().setVisible(result.applications > 0)
        self._place_value_labels()

    def _place_value_labels(self) -> None:
        """Number each segment wide enough for it; the items are reused, extras hidden."""
        colors = LABEL_COLORS[current_scheme()]
        font = self.category_axis.labelsFont()
        metrics = QFontMetricsF(font)
        used = 0
        for index in range(self.spacer.count()):
            start = self.spacer.at(index)
            for name, bar_set in self.sets.items():
                value = bar_set.at(index)
                if value <= 0:
                    continue
                left = self.chart.mapToPosition(QPointF(start, index), self.series)
                right = self.chart.mapToPosition(QPointF(start + value, index), self.series)
                start += value
                number = f"{value:.0f}"
                width = metrics.horizontalAdvance(number)
                if width + 8 > right.x() - left.x():
                    continue
                if used == len(self._number_items):
                    item = QGraphicsSimpleTextItem(self.chart)
                    item.setZValue(10)
                    self._number_items.append(item)
                item = self._number_items[used]
                used += 1
                item.setText(number)
                item.setFont(font)
                item.setBrush(QColor(colors[name]))
                item.setPos((left.x() + right.x() - width) / 2, left.y() - metrics.height() / 2)
                item.show()
        for item in self._number_items[used:]:
            item.hide()
        self.value_labels = self._number_items[:used]

    def shown_numbers(self) -> list[str]:
        """The numbers drawn inside the segments (tests and accessibility checks)."""
        return [item.text() for item in self.value_labels]

    def segment_values(self, name: str) -> list[float]:
        """The chart's values of one segment ('passed', 'pending' or 'failed'), in pipeline
        order (the chart holds them last milestone first)."""
        bar_set = self.sets[name]
        return [bar_set.at(i) for i in reversed(range(bar_set.count()))]

    def category_labels(self) -> list[str]:
        """The milestone labels on the axis, top to bottom."""
        return list(reversed(self.category_axis.categories()))

    @staticmethod
    def _categories(rows: tuple[FunnelRow, ...]) -> list[str]:
        """Axis labels: name and reached count, made unique (an own stage may share a name)."""
        labels: list[str] = []
        for row in rows:
            label = f"{row.name} ({row.reached})"
            while label in labels:
                label += " "
            labels.append(label)
        return labels

    def _hovered(self, status: bool, index: int, bar_set: QBarSet) -> None:
        if not status or not (0 <= index < len(self._rows)) or bar_set is self.spacer:
            QToolTip.hideText()
            return
        row = self._rows[index]
        implied = f" ({row.implied} without a recorded outcome)" if row.implied else ""
        QToolTip.showText(
            QCursor.pos(),
            f"<b>{html.escape(row.name)}</b><br>{row.reached} reached: "
            f"{row.passed} passed{implied}, {row.pending} waiting, {row.failed} stopped here"
            f"<br>{_percent(row.pass_rate)}",
            self.chart_view,
        )

    # -- colours -------------------------------------------------------------------------------

    def _apply_colors(self) -> None:
        """Text from the palette, segments from the light or dark set."""
        self._theming = True
        try:
            palette = self.palette()
            text = palette.color(QPalette.ColorRole.WindowText)
            window = palette.color(QPalette.ColorRole.Window)
            scheme = current_scheme()
            colors = SEGMENT_COLORS[scheme]
            self.chart.setBackgroundBrush(window)
            self.chart.setPlotAreaBackgroundVisible(False)
            self.chart_view.setBackgroundBrush(window)
            self.spacer.setColor(theme.transparent())
            self.spacer.setBorderColor(theme.transparent())
            for name, bar_set in self.sets.items():
                color = QColor(colors[name])
                bar_set.setColor(color)
                bar_set.setBorderColor(window)
            self.category_axis.setLabelsColor(text)
            self.category_axis.setGridLineVisible(False)
            self.category_axis.setLinePen(QPen(Qt.PenStyle.NoPen))
            font = QFont(self.font())
            font.setPointSizeF(max(font.pointSizeF(), 9.5))
            self.category_axis.setLabelsFont(font)
            self.chart.legend().setLabelColor(text)
            self.chart.legend().setFont(font)
            self._place_value_labels()
        finally:
            self._theming = False

    def changeEvent(self, event: QEvent) -> None:
        if palette_changed(event) and not self._theming:
            self._apply_colors()
        super().changeEvent(event)
