"""The end of a drill set: the score, and every answer with the right one and why."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from nextcall.core import drills as core
from nextcall.core.drills import SetScore
from nextcall.ui.common import theme


def clock_text(seconds: float) -> str:
    whole = max(0, int(seconds + 0.999))  # 0.2 s left still shows 0:01
    return f"{whole // 60}:{whole % 60:02d}"


def title_label(text: str) -> QLabel:
    label = QLabel(text)
    theme.heading(label, 1)
    return label


class DrillReview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score: SetScore | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(theme.SPACING * 2, 0, theme.SPACING * 2, theme.SPACING)
        self.result_title = title_label("")
        column.addWidget(self.result_title)
        self.result_line = QLabel("")
        self.result_line.setWordWrap(True)
        column.addWidget(self.result_line)
        self.review = QTextBrowser()
        self.review.setAccessibleName(self.tr("Your answers"))
        self.review.setOpenLinks(False)
        column.addWidget(self.review, 1)
        row = QHBoxLayout()
        self.again_button = QPushButton(self.tr("&Another set of this kind"))
        row.addWidget(self.again_button)
        self.setup_button = QPushButton(self.tr("&Choose another kind"))
        row.addWidget(self.setup_button)
        row.addStretch(1)
        column.addLayout(row)

    def show_result(self, score: SetScore, used: int, *, timed_out: bool, saved: bool) -> None:
        self.result_title.setText(
            self.tr("{right} of {count} right ({percent}%)").format(
                right=score.correct, count=score.total, percent=f"{score.percent:g}"
            )
        )
        parts = []
        if timed_out:
            parts.append(
                self.tr("Time ran out with {answered} of {count} answered.").format(
                    answered=score.answered, count=score.total
                )
            )
        else:
            parts.append(self.tr("Done in {time}.").format(time=clock_text(used)))
        if saved:
            parts.append(self.tr("Saved with your test scores."))
        missed = score.total - score.correct
        if missed:
            parts.append(
                self.tr("The %n you missed come back first in your next sets.", "", missed)
            )
        self.result_line.setText(" ".join(parts))
        self.score = score
        self.review.setHtml(self._html(score))

    def _html(self, score: SetScore) -> str:
        good = theme.status_color("offer").name()
        bad = theme.status_color("rejected").name()
        muted = theme.status_color("withdrawn").name()
        rows = []
        for n, marked in enumerate(score.marked, 1):
            item = marked.item
            if marked.correct:
                verdict = f"<span style='color:{good}'>✓ {escape(self.tr('Right'))}</span>"
                given = ""
            else:
                word = self.tr("Wrong") if marked.given is not None else self.tr("Not answered")
                verdict = f"<span style='color:{bad}'>✗ {escape(word)}</span>"
                given = (
                    f"{escape(self.tr('Your answer:'))} {escape(marked.given)}<br/>"
                    if marked.given is not None
                    else ""
                )
            passage = core.load_drills().passages.get(item.passage or "")
            about = f"<i>{escape(passage.title)}</i>: " if passage is not None else ""
            rows.append(
                f"<p style='margin-bottom:10px'><b>{n}.</b> {about}{escape(item.prompt)}"
                f" &nbsp; {verdict}<br/>{given}"
                f"{escape(self.tr('Right answer:'))} <b>{escape(item.answer)}</b><br/>"
                f"<span style='color:{muted}'>{escape(item.explanation)}</span>"
                "</p>"
            )
        return "".join(rows)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if theme.palette_changed(event) and self.score is not None:
            self.review.setHtml(self._html(self.score))  # the marks follow the theme
