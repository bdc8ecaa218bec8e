"""The job-search report: proof of an active job search, and the applicant's own review.

Applications are listed month by month, one compact paragraph each (company, position, date,
status, then the milestones with dates and outcomes), which keeps a 600-page report about as
fast to lay out as the same paragraphs alone.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from itertools import groupby
from typing import IO

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Table, TableStyle

from nextcall.core import speech
from nextcall.core.stages import Outcome, Status
from nextcall.export.packet_data import SpeechFigure
from nextcall.export.pdf_chart import funnel_drawing
from nextcall.export.pdf_layout import CELL_FONT, DocumentBuilder, Progress, WritingLines
from nextcall.export.report_data import ReportApplication, ReportData

_MET = {Outcome.PASSED.value, Outcome.FAILED.value, Outcome.PENDING.value}
_OUTCOME_COLOURS = {
    Outcome.PASSED.value: "#2a8c6e",
    Outcome.FAILED.value: "#d4573a",
    Outcome.NO_SHOW.value: "#d4573a",
    Outcome.SCHEDULED.value: "#b07a10",
    Outcome.PENDING.value: "#b07a10",
}


def _day(value: date | None) -> str:
    return f"{value.day} {value:%b %Y}" if value else "no date"


def _label(value: str, kind: type[Status] | type[Outcome]) -> str:
    try:
        return kind(value).label
    except ValueError:
        return value


def interviews_attended(app: ReportApplication) -> int:
    """Interviews and tests the applicant took part in (passed, failed or waiting for the
    answer); sending the application is not one of them."""
    return sum(1 for m in app.milestones if m.outcome in _MET and m.key != "application")


def write_report(
    data: ReportData,
    out: IO[bytes],
    pagesize: tuple[float, float] | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the report PDF to ``out``; returns its page count."""
    doc = DocumentBuilder("Job-search report", "NextCall job-search report", data.today, pagesize)
    if not data.applications:
        _nothing_yet(doc, data)
        return doc.write(out, progress)
    _summary(doc, data)
    doc.add(PageBreak())  # the signed summary stands alone; the rest flows page after page
    _funnel(doc, data)
    _areas(doc, data)
    _practice(doc, data)
    _applications(doc, data)
    return doc.write(out, progress)


def _nothing_yet(doc: DocumentBuilder, data: ReportData) -> None:
    """One honest page for a profile with no applications: nothing to sign, nothing to list."""
    doc.add(doc.markup("JOB-SEARCH REPORT", "label"))
    doc.add(doc.text("My job search", "title"))
    doc.add(doc.text(f"Up to {_day(data.today)}", "subtitle"))
    doc.add(
        doc.text(
            "There is nothing to report yet: no applications have been recorded. Add the "
            "applications you send in NextCall, and this report will list them with the "
            "interviews and tests each one reached.",
        )
    )


def _summary(doc: DocumentBuilder, data: ReportData) -> None:
    apps = data.applications
    days = [a.applied_on for a in apps if a.applied_on]
    period = f"{_day(min(days))} to {_day(data.today)}" if days else f"Up to {_day(data.today)}"
    doc.add(doc.markup("JOB-SEARCH REPORT", "label"))
    doc.add(doc.text("My job search", "title"))
    doc.add(doc.text(period, "subtitle"))
    statuses = Counter(a.status for a in apps)
    companies = len({a.company.casefold() for a in apps})
    attended = sum(interviews_attended(a) for a in apps)
    rows = [
        ("Applications sent", str(len(apps))),
        ("Companies", str(companies)),
        ("Interviews and tests taken", str(attended)),
        ("Notes kept from interviews", str(data.notes)),
        *(
            (f"{_label(status.value, Status)}", str(statuses[status.value]))
            for status in Status
            if statuses[status.value]
        ),
    ]
    width = doc.frame_width
    doc.add(doc.table(["Figure", "Count"], rows, [width * 0.6, width * 0.4]))
    doc.spacer(10 * mm)
    doc.add(
        doc.text(
            "I applied for the positions listed in this report on the dates shown, and took "
            "part in the interviews and tests recorded for each.",
        )
    )
    doc.spacer(12 * mm)
    half = width / 2 - 4 * mm
    name = doc.text(data.applicant, "body") if data.applicant else WritingLines(1, 9 * mm)
    sign = Table(
        [[name, "", WritingLines(1, 9 * mm)],
         [doc.markup("NAME", "label"), "", doc.markup("SIGNATURE AND DATE", "label")]],
        colWidths=[half, 8 * mm, half],
    )  # fmt: skip
    sign.setStyle(TableStyle([CELL_FONT, ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    doc.add(sign)


def _funnel(doc: DocumentBuilder, data: ReportData) -> None:
    result = data.funnel
    follow = [doc.text(result.summary)]
    if result.applications:
        rows = [r for r in result.rows if r.reached or r.builtin]
        stop = result.stop.row.key if result.stop else None
        follow.append(funnel_drawing(rows, doc.frame_width, doc.guard, stop))
    doc.heading("Where my applications stop", follow=follow)


def _areas(doc: DocumentBuilder, data: ReportData) -> None:
    if not data.areas:
        doc.heading(
            "What interviewers tell me",
            follow=[doc.text("No tips or feedback tagged with an improvement area yet.", "muted")],
        )
        return
    width = doc.frame_width
    rows = [
        (
            a.name,
            str(a.interviews),
            a.trend.value,
            _day(a.last_on),
            a.quotes[0].text if a.quotes else "",
        )
        for a in data.areas
    ]
    doc.heading(
        "What interviewers tell me",
        follow=[
            doc.table(
                ["Area", "Interviews", "Trend", "Last named", "Latest words"],
                rows,
                [width * 0.19, width * 0.14, width * 0.1, width * 0.15, width * 0.42],
            )
        ],
    )


def _practice(doc: DocumentBuilder, data: ReportData) -> None:
    width = doc.frame_width
    if not data.practice and not data.scores:
        doc.heading(
            "Practice",
            follow=[doc.text("No practice sessions or test scores recorded yet.", "muted")],
        )
        return
    if data.practice:
        rows = [
            (_day(p.on), p.scenario, f"{p.average:.1f} / 5" if p.average else "", p.comment)
            for p in data.practice
        ]
        doc.heading(
            "Practice calls",
            follow=[
                doc.table(
                    ["Date", "Scenario", "Self-score", "Comment"],
                    rows,
                    [width * 0.16, width * 0.3, width * 0.14, width * 0.4],
                )
            ],
        )
    if data.scores:
        rows = [
            (
                _day(t.on),
                t.label or t.kind,
                t.result or f"{t.value:g}",
                f"{t.accuracy:g}%" if t.accuracy is not None else "",
            )
            for t in data.scores
        ]
        doc.heading(
            "Test scores",
            follow=[
                doc.table(
                    ["Date", "Test", "Score", "Accuracy"],
                    rows,
                    [width * 0.2, width * 0.4, width * 0.2, width * 0.2],
                )
            ],
        )
    if data.speech is not None and data.speech.wpm is not None:
        _speaking(doc, data.speech)


def speech_rows(figure: SpeechFigure) -> list[tuple[str, str, str, str]]:
    """The latest speech coach figures against their target bands: (figure, yours, target,
    verdict)."""
    wpm = figure.wpm or 0.0
    pace = "too fast" if wpm > speech.PACE_HIGH else "too slow" if wpm < speech.PACE_LOW else ""
    count = figure.dead_air
    rows = [
        ("Pace", f"{wpm:.0f} words a minute", speech.PACE_TARGET, pace or "within"),
        (
            "Dead air",
            "none" if count == 0 else f"{count} stretch{'es' if count != 1 else ''}",
            speech.DEAD_AIR_TARGET,
            "within" if count == 0 else "outside",
        ),
        (
            "Longest pause",
            f"{figure.longest_pause_s:.1f} s",
            speech.PAUSE_TARGET,
            "within" if figure.longest_pause_s < speech.DEAD_AIR_S else "too long",
        ),
    ]
    if figure.match_rate is None:
        rows.append(("Read-aloud matched", "no passage read yet", speech.MATCH_TARGET, ""))
    else:
        low = figure.match_rate < speech.MATCH_LOW
        words = f" of {figure.script_words} words" if figure.script_words else ""
        rows.append(
            (
                "Read-aloud matched",
                f"{figure.match_rate:.0%}{words}",
                speech.MATCH_TARGET,
                "too low" if low else "within",
            )
        )
    return rows


def _speaking(doc: DocumentBuilder, figure: SpeechFigure) -> None:
    width = doc.frame_width
    when = f"Latest speech coach analysis: {_day(figure.taken_on)}"
    when += f" ({figure.context})." if figure.context else "."
    if figure.match_on is not None and figure.match_context != figure.context:
        when += f" Latest read-aloud: {_day(figure.match_on)} ({figure.match_context})."
    doc.heading(
        "Speaking",
        follow=[
            doc.text(when, "small"),
            doc.table(
                ["Figure", "Yours", "Target", "Verdict"],
                speech_rows(figure),
                [width * 0.2, width * 0.22, width * 0.44, width * 0.14],
            ),
        ],
    )


def _month(app: ReportApplication) -> str:
    return f"{app.applied_on:%B %Y}" if app.applied_on else "Without a date"


def _applications(doc: DocumentBuilder, data: ReportData) -> None:
    if not data.applications:
        doc.heading("Applications", follow=[doc.text("No applications yet.", "muted")])
        return
    doc.add(doc.text("Applications", "h1"))
    style = doc.styles["entry"]
    for month, group in groupby(data.applications, key=_month):
        items = list(group)
        count = f"{len(items)} application{'s' if len(items) != 1 else ''}"
        doc.heading(
            f"{month}",
            2,
            follow=[doc.text(count, "small"), Paragraph(_entry(doc, items[0]), style)],
        )
        doc.add(*(Paragraph(_entry(doc, app), style) for app in items[1:]))


def _entry(doc: DocumentBuilder, app: ReportApplication) -> str:
    """One application as markup: a bold first line, then the milestones."""
    m = doc.guard.markup
    role = " · ".join(m(x) for x in (app.position, app.account_type) if x)
    head = f"<b>{m(app.company)}</b>" + (f" · {role}" if role else "")
    facts = [f"applied {_day(app.applied_on)}", _label(app.status, Status)]
    if app.source:
        facts.append(f"via {m(app.source)}")
    if app.closing_reason:
        facts.append(m(app.closing_reason))
    lines = [head, f"<font color='#5f6673'>{' · '.join(facts)}</font>"]
    if app.milestones:
        steps = "; ".join(
            f"{m(ms.name)} <font color='{_OUTCOME_COLOURS.get(ms.outcome, '#5f6673')}'>"
            f"{_label(ms.outcome, Outcome).lower()}</font>" + (f" {_day(ms.on)}" if ms.on else "")
            for ms in app.milestones
        )
        lines.append(steps)
    return "<br/>".join(lines)
