"""Small line charts for the Practice tab: self-scores and test results over time, and the
loudness of a recording. QtCharts is heavy to import: only this module imports it, and the
Practice tab imports this module the first time a chart is shown."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDateTime, QEvent, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from nextcall.ui.common.theme import current_scheme, palette_changed
from nextcall.ui.common.theme.tokens import CHART_GUIDE_COLORS as GUIDE_COLORS
from nextcall.ui.common.theme.tokens import CHART_LINE_COLORS as LINE_COLORS

Point = tuple[float, float]


def _msecs(day: date) -> float:
    """Noon of ``day`` (local time) in milliseconds since the epoch, as QDateTimeAxis wants."""
    return datetime.combine(day, time(12)).timestamp() * 1000.0


class LineChart(QWidget):
    """``LineChart(y_range, x_kind="date" | "seconds")``; ``set_lines([(name, points)])``
    draws one line a series (points are (date, value) or (seconds, value)), with optional
    dashed horizontal guides (label, value)."""

    def __init__(
        self,
        y_range: tuple[float, float],
        *,
        x_kind: str = "date",
        y_title: str = "",
        y_ticks: int = 5,
        accessible_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.x_kind = x_kind
        self.y_range = y_range
        self._theming = False
        self.chart = QChart()
        self.chart.setBackgroundRoundness(0)
        self.chart.setMargins(QMargins(2, 2, 6, 2))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        if x_kind == "date":
            self.x_axis: QDateTimeAxis | QValueAxis = QDateTimeAxis()
            self.x_axis.setFormat(self.tr("d MMM"))
        else:
            self.x_axis = QValueAxis()
            self.x_axis.setLabelFormat("%.0f s")
        self.y_axis = QValueAxis()
        self.y_axis.setRange(*y_range)
        self.y_axis.setTickCount(y_ticks)
        self.y_axis.setTitleText(y_title)
        self.y_axis.setLabelFormat("%.0f")
        self.chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(180)
        self.view.setAccessibleName(accessible_name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.lines: list[QLineSeries] = []
        self.guides: list[QLineSeries] = []
        self._apply_colors()

    # -- data ----------------------------------------------------------------------------------

    def _x(self, value: object) -> float:
        if isinstance(value, date):
            return _msecs(value)
        return float(value)  # type: ignore[arg-type]

    def set_lines(
        self,
        lines: Sequence[tuple[str, Sequence[tuple[object, float]]]],
        *,
        guides: Sequence[tuple[str, float]] = (),
        markers: bool = True,
    ) -> None:
        self.chart.removeAllSeries()
        self.lines, self.guides = [], []
        xs = [self._x(x) for _name, points in lines for x, _y in points]
        low, high = (min(xs), max(xs)) if xs else (0.0, 1.0)
        if high - low < 1e-9:  # one point: give it some room either side
            pad = 86_400_000.0 * 3 if self.x_kind == "date" else 1.0
            low, high = low - pad, high + pad
        elif self.x_kind == "date":  # the first and last points are not cut in half
            pad = max(86_400_000.0 / 2, (high - low) * 0.03)
            low, high = low - pad, high + pad
        for name, points in lines:
            series = QLineSeries()
            series.setName(name)
            for x, y in points:
                series.append(QPointF(self._x(x), y))
            series.setPointsVisible(markers)
            self._add(series)
            self.lines.append(series)
        for label, value in guides:
            guide = QLineSeries()
            guide.setName(label)
            guide.append(QPointF(low, value))
            guide.append(QPointF(high, value))
            self._add(guide)
            self.guides.append(guide)
        if isinstance(self.x_axis, QDateTimeAxis):
            self.x_axis.setRange(
                QDateTime.fromMSecsSinceEpoch(int(low)), QDateTime.fromMSecsSinceEpoch(int(high))
            )
            self.x_axis.setTickCount(min(6, max(2, len({int(x) for x in xs}))))
        else:
            self.x_axis.setRange(low, high)
            self.x_axis.applyNiceNumbers()
        self.y_axis.setRange(*self.y_range)
        self.chart.legend().setVisible(len(lines) + len(guides) > 1)
        self._apply_colors()

    def _add(self, series: QLineSeries) -> None:
        self.chart.addSeries(series)
        series.attachAxis(self.x_axis)
        series.attachAxis(self.y_axis)

    def point_count(self) -> int:
        return sum(s.count() for s in self.lines)

    # -- colours -------------------------------------------------------------------------------

    def _apply_colors(self) -> None:
        self._theming = True
        try:
            palette = self.palette()
            text = palette.color(QPalette.ColorRole.WindowText)
            window = palette.color(QPalette.ColorRole.Base)
            grid = palette.color(QPalette.ColorRole.Mid)
            scheme = current_scheme()
            self.chart.setBackgroundBrush(window)
            self.view.setBackgroundBrush(window)
            font = QFont(self.font())
            font.setPointSizeF(max(font.pointSizeF() - 0.5, 8.5))
            for axis in (self.x_axis, self.y_axis):
                axis.setLabelsColor(text)
                axis.setLabelsFont(font)
                axis.setTitleBrush(text)
                axis.setTitleFont(font)
                axis.setGridLineColor(grid)
                axis.setLinePenColor(grid)
            self.chart.legend().setLabelColor(text)
            self.chart.legend().setFont(font)
            colors = LINE_COLORS[scheme]
            for index, series in enumerate(self.lines):
                pen = QPen(QColor(colors[index % len(colors)]))
                pen.setWidthF(2.2)
                series.setPen(pen)
            guide_colors = GUIDE_COLORS[scheme]
            for index, series in enumerate(self.guides):
                pen = QPen(QColor(guide_colors[index % len(guide_colors)]))
                pen.setStyle(Qt.PenStyle.DashLine if index == 0 else Qt.PenStyle.DotLine)
                pen.setWidthF(1.2)
                series.setPen(pen)
        finally:
            self._theming = False

    def changeEvent(self, event: QEvent) -> None:
        if palette_changed(event) and not self._theming:
            self._apply_colors()
        super().changeEvent(event)
