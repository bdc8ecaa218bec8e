"""The funnel as a vector drawing: one stacked bar per milestone (passed, waiting, stopped),
the same reading as the Tracker's funnel view, drawn with ReportLab's own graphics."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from nextcall.core.funnel import FunnelRow
from nextcall.export.pdf_fonts import BOLD, REGULAR
from nextcall.export.pdf_layout import FAILED, INK, MUTED, PASSED, PENDING, RULE
from nextcall.export.pdf_text import TextGuard

ROW = 17.0
BAR = 11.0
LEGEND = (("Passed", PASSED), ("Scheduled or waiting", PENDING), ("Stopped here", FAILED))


def funnel_drawing(
    rows: Sequence[FunnelRow], width: float, guard: TextGuard, stop_key: str | None = None
) -> Drawing:
    """Bars scaled to the largest "reached" count; the stop milestone's name in bold."""
    label_w = min(
        max((stringWidth(guard.clean(r.name), BOLD, 8.5) for r in rows), default=60.0) + 8,
        width * 0.38,
    )
    count_w = 34.0
    bar_w = max(width - label_w - count_w, 40.0)
    top = max((r.reached for r in rows), default=0) or 1
    height = ROW * len(rows) + 26
    drawing = Drawing(width, height, initialFontName=REGULAR)  # no stray Helvetica
    y = height - ROW
    for row in rows:
        face = BOLD if row.key == stop_key else REGULAR
        name = _fit(guard.clean(row.name), face, 8.5, label_w - 6)
        drawing.add(String(0, y + 2, name, fontName=face, fontSize=8.5, fillColor=INK))
        drawing.add(Rect(label_w, y, bar_w, BAR, fillColor=None, strokeColor=RULE, strokeWidth=0.4))
        x = label_w
        for value, colour in ((row.passed, PASSED), (row.pending, PENDING), (row.failed, FAILED)):
            if value:
                w = bar_w * value / top
                drawing.add(Rect(x, y, w, BAR, fillColor=colour, strokeColor=None))
                x += w
        drawing.add(
            String(
                width, y + 2, str(row.reached), fontName=REGULAR, fontSize=8.5,
                fillColor=MUTED, textAnchor="end",
            )
        )  # fmt: skip
        y -= ROW
    x = label_w
    for text, colour in LEGEND:
        drawing.add(Rect(x, 2, 8, 8, fillColor=colour, strokeColor=None))
        drawing.add(String(x + 11, 3, text, fontName=REGULAR, fontSize=7.5, fillColor=MUTED))
        x += 11 + stringWidth(text, REGULAR, 7.5) + 14
    return drawing


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten ``text`` with an ellipsis until it fits ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
