"""The look shared by every NextCall PDF: page size, margins, type scale, colours, footer.

Documents are built from flowables with :class:`DocumentBuilder`, which keeps headings with
what follows them, numbers pages as "Page 3 of 12" and writes the footer with the date.
"""

from __future__ import annotations

import locale
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from nextcall.export.pdf_fonts import BOLD, ITALIC, REGULAR, fonts
from nextcall.export.pdf_text import TextGuard

ACCENT = colors.HexColor("#2f6fdf")
INK = colors.HexColor("#1d2330")
MUTED = colors.HexColor("#5f6673")
RULE = colors.HexColor("#d5dae3")
SHADE = colors.HexColor("#f2f5fa")
PASSED = colors.HexColor("#2a8c6e")
PENDING = colors.HexColor("#d89b1e")
FAILED = colors.HexColor("#d4573a")
WARNING = colors.HexColor("#8a4b00")  # dark amber: readable on its shade
WARNING_SHADE = colors.HexColor("#fdf1dc")
MARGIN = 18 * mm
# Tables set a cell font even around paragraphs; ours, so no unembedded Helvetica appears.
CELL_FONT = ("FONTNAME", (0, 0), (-1, -1), REGULAR)
FRAME_PADDING = 6  # the frame's own inset on each side (ReportLab's default)
# Countries whose printers hold US Letter paper; everyone else gets A4.
_LETTER_COUNTRIES = {"US", "CA", "PH", "MX", "CL", "CO", "VE", "CR", "GT", "PR", "SV", "NI"}

Progress = Callable[[int, int], None]


def page_size(country: str | None = None) -> tuple[float, float]:
    """Letter where the system locale's country uses it, A4 elsewhere."""
    if country is None:
        name = locale.getlocale(locale.LC_CTYPE)[0] or ""
        country = name.partition("_")[2][:2]
    return LETTER if country.upper() in _LETTER_COUNTRIES else A4


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "body",
        fontName=REGULAR,
        bulletFontName=REGULAR,
        fontSize=10,
        leading=14,
        textColor=INK,
        alignment=TA_LEFT,
    )

    def style(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "title": style("title", fontName=BOLD, fontSize=24, leading=29, spaceAfter=4),
        "subtitle": style("subtitle", fontSize=13, leading=18, textColor=MUTED, spaceAfter=14),
        "h1": style(
            "h1", fontName=BOLD, fontSize=16, leading=20, spaceBefore=14, spaceAfter=6,
            textColor=ACCENT,
        ),
        "h2": style("h2", fontName=BOLD, fontSize=12, leading=16, spaceBefore=10, spaceAfter=3),
        "small": style("small", fontSize=8.5, leading=11.5, textColor=MUTED),
        "muted": style("muted", textColor=MUTED),
        "warning": style(
            "warning", fontName=BOLD, textColor=WARNING, backColor=WARNING_SHADE,
            borderPadding=(4, 6, 4, 6), spaceBefore=2, spaceAfter=6,
        ),
        "quote": style(
            "quote", fontName=ITALIC, leftIndent=10, borderPadding=(0, 0, 0, 6), spaceAfter=3
        ),
        "bullet": style("bullet", leftIndent=14, bulletIndent=3, spaceAfter=2),
        "cell": style("cell", fontSize=9, leading=12),
        "cellhead": style("cellhead", fontName=BOLD, fontSize=9, leading=12, textColor=MUTED),
        "label": style("label", fontName=BOLD, fontSize=8.5, leading=11, textColor=MUTED),
        "big": style("big", fontSize=12, leading=17),
        "entry": style("entry", fontSize=9, leading=12.5, spaceAfter=6),
    }  # fmt: skip


LONG_TABLE_ROWS = 6  # more rows than this: the table may start low on a page and split


class DocumentBuilder:
    """Collects flowables for one document; ``guard`` escapes every piece of user text."""

    def __init__(
        self, title: str, footer: str, today: date, pagesize: tuple[float, float] | None = None
    ) -> None:
        self.pagesize = pagesize or page_size()
        self.guard = TextGuard(fonts())
        self.styles = _styles()
        self.title = title
        self.footer = footer
        self.today = today
        self.story: list[Flowable] = []

    # -- text ----------------------------------------------------------------------------------

    def text(self, value: str, style: str = "body") -> Paragraph:
        """User text, printed literally."""
        return Paragraph(self.guard.markup(value), self.styles[style])

    def markup(self, value: str, style: str = "body") -> Paragraph:
        """Our own markup (never user text unless it went through ``guard.markup``)."""
        return Paragraph(value, self.styles[style])

    def add(self, *items: Flowable) -> None:
        self.story.extend(items)

    def heading(self, value: str, level: int = 1, follow: Sequence[Flowable] = ()) -> None:
        """A heading that never ends a page: it moves with the first of what follows."""
        style = "h1" if level == 1 else "h2"
        room = 30 * mm if level == 1 else 20 * mm
        items = list(_flat(follow))
        if items and isinstance(items[0], Table) and len(items[0]._cellvalues) > LONG_TABLE_ROWS:
            # A long table starts under its heading wherever there is room for a few rows and
            # splits across pages (its header repeats), instead of leaving a page half empty.
            self.story.append(CondPageBreak(room + 25 * mm))
            self.story.append(self.text(value, style))
            self.story.extend(items)
            return
        self.story.append(CondPageBreak(room))
        self.story.append(KeepTogether([self.text(value, style), *items]))

    def bullets(self, items: Iterable[str], style: str = "bullet") -> list[Flowable]:
        return [
            Paragraph(self.guard.markup(item), self.styles[style], bulletText="•") for item in items
        ]

    def spacer(self, height: float = 4 * mm) -> None:
        self.story.append(Spacer(1, height))

    # -- tables --------------------------------------------------------------------------------

    def table(
        self,
        header: Sequence[str],
        rows: Iterable[Sequence[str | Flowable]],
        widths: Sequence[float],
        *,
        zebra: bool = True,
    ) -> Table:
        """A table of user text whose header repeats on every page it spans."""
        body = [[self.markup(self.guard.markup(h), "cellhead") for h in header]]
        for row in rows:
            body.append([c if isinstance(c, Flowable) else self.text(c, "cell") for c in row])
        table = Table(body, colWidths=list(widths), repeatRows=1, splitByRow=1)
        commands: list[tuple[Any, ...]] = [
            CELL_FONT,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        if zebra:
            commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, SHADE]))
        table.setStyle(TableStyle(commands))
        return table

    # -- output --------------------------------------------------------------------------------

    def finish_notes(self) -> None:
        """Say which characters could not be printed, if any."""
        note = self.guard.missing_note()
        if note:
            self.heading("About this document", follow=[self.text(note, "muted")])

    def write(self, out: IO[bytes], progress: Progress | None = None) -> int:
        """Lay the story out into ``out``; returns the number of pages. ``progress(done, total)``
        is called now and then with the flowables laid out so far."""
        self.finish_notes()
        size = self.pagesize
        doc = _Template(
            progress,
            len(self.story),
            out,
            pagesize=size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + 6 * mm,
            title=self.guard.clean(self.title),
            author="NextCall",
            creator="NextCall",
            subject=self.guard.clean(self.footer),
        )
        footer = self.guard.clean(f"{self.footer} · {self.today.day} {self.today:%B %Y}")
        pages: list[int] = []

        def canvas(*args: Any, **kwargs: Any) -> _NumberedCanvas:
            made = _NumberedCanvas(footer, size, *args, **kwargs)
            pages.append(0)
            made.on_save = lambda n: pages.__setitem__(-1, n)
            return made

        doc.build(self.story, canvasmaker=canvas)
        return pages[-1] if pages else 0

    @property
    def frame_width(self) -> float:
        return float(self.pagesize[0] - 2 * MARGIN - 2 * FRAME_PADDING)


class WritingLines(Flowable):
    """Ruled lines to write on by hand."""

    def __init__(self, count: int = 3, gap: float = 7 * mm) -> None:
        super().__init__()
        self.count, self.gap = count, gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.count * self.gap

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.5)
        for i in range(self.count):
            self.canv.line(0, i * self.gap, self.width, i * self.gap)


class _Template(SimpleDocTemplate):
    """Reports layout progress every few dozen flowables."""

    def __init__(self, progress: Progress | None, total: int, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._progress = progress
        self._total = max(total, 1)
        self._done = 0

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (ReportLab's name)
        self._done += 1
        if self._progress is not None and self._done % 50 == 0:
            self._progress(min(self._done, self._total), self._total)


def _flat(items: Iterable[Flowable]) -> list[Flowable]:
    """KeepTogether inside KeepTogether always claims a page (its wrap reports a huge height on
    purpose), so nested groups are unpacked into the outer one."""
    out: list[Flowable] = []
    for item in items:
        if isinstance(item, KeepTogether):
            out.extend(_flat(item._content))
        else:
            out.append(item)
    return out


class _NumberedCanvas(Canvas):
    """Holds each page until the end so the footer can say "Page 3 of 12"."""

    def __init__(self, footer: str, size: tuple[float, float], *args: Any, **kwargs: Any) -> None:
        # Start every page in our font, so no unembedded Helvetica is referenced at all.
        super().__init__(*args, **{**kwargs, "initialFontName": REGULAR})
        self._footer = footer
        self._size = size
        self._pages: list[dict[str, Any]] = []
        self.on_save: Callable[[int], None] = lambda _n: None

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        self.on_save(total)
        super().save()

    def _draw_footer(self, total: int) -> None:
        left, right = MARGIN + FRAME_PADDING, self._size[0] - MARGIN - FRAME_PADDING
        y = MARGIN * 0.6
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(left, y + 10, right, y + 10)
        self.setFont(REGULAR, 8)
        self.setFillColor(MUTED)
        self.drawString(left, y, self._footer)
        self.drawRightString(right, y, f"Page {self._pageNumber} of {total}")
        self.restoreState()
