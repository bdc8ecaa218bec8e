"""The prep packet: a few printed pages for the night before the next interview.

Laid out from :class:`PacketData` (gathered by services/packet.py). Every piece of user text
goes through the document's TextGuard; headings stay with what follows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import IO

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from nextcall.core.insights import distinct_quotes  # (also used by the tests from here)
from nextcall.core.stages import NoteKind, Status
from nextcall.export.packet_data import (
    PacketData,
    PacketNote,
    PreparedAnswer,
    SpeechFigure,
    TypingFigure,
)
from nextcall.export.pdf_chart import funnel_drawing
from nextcall.export.pdf_layout import ACCENT, CELL_FONT, SHADE, DocumentBuilder, WritingLines

CHECKBOX = "\u2610"


def when_text(moment: datetime | None) -> str:
    if moment is None:
        return "Not scheduled yet"
    return f"{moment:%A} {moment.day} {moment:%B %Y}, {moment.hour}:{moment.minute:02d}"


def write_packet(
    data: PacketData, out: IO[bytes], pagesize: tuple[float, float] | None = None
) -> int:
    """Write the packet PDF to ``out``; returns its page count."""
    title = f"Prep packet: {data.company}"
    doc = DocumentBuilder(title, f"NextCall prep packet · {data.company}", data.today, pagesize)
    _cover(doc, data)
    doc.add(PageBreak())
    _milestone(doc, data)
    _areas(doc, data)
    _questions(doc, data)
    _panel(doc, data)
    _company_notes(doc, data)
    _funnel_and_follow_ups(doc, data)
    return doc.write(out)


def _closed_note(status: str) -> str:
    """A line for the cover when the application is closed, so nobody prepares for nothing."""
    try:
        state = Status(status)
    except ValueError:
        return ""
    if state in (Status.ACTIVE, Status.OFFER):
        return ""
    return (
        f"This application is closed ({state.label.lower()}). The packet is kept for "
        "reference: its tips and notes still help with the next company."
    )


def _cover(doc: DocumentBuilder, data: PacketData) -> None:
    step = data.step
    doc.add(doc.markup("INTERVIEW PREP PACKET", "label"))
    doc.add(doc.text(data.company, "title"))
    role = " · ".join(x for x in (data.position, data.account_type) if x)
    doc.add(doc.text(role or "Position not recorded", "subtitle"))
    closed = _closed_note(data.status)
    if closed:
        doc.add(doc.text(closed, "warning"))
        doc.spacer(3 * mm)
    rows: list[tuple[str, str]] = [
        ("Next milestone", step.name),
        ("When", when_text(step.when)),
    ]
    if step.interviewer:
        who = step.interviewer
        if step.contact_role and step.contact_name == step.interviewer:
            who = f"{who} ({step.contact_role})"
        rows.append(("Interviewer", who))
    if step.memory_hook:
        rows.append(("Remember them by", step.memory_hook))
    for label, value in (("Site", data.site), ("Shift", data.shift)):
        if value:
            rows.append((label, value))
    if data.applied_on:
        rows.append(("Applied", f"{data.applied_on.day} {data.applied_on:%B %Y}"))
    width = doc.frame_width
    table = Table(
        [[doc.markup(label.upper(), "label"), doc.text(value, "big")] for label, value in rows],
        colWidths=[42 * mm, width - 42 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                CELL_FONT,
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    doc.add(table)
    doc.spacer(8 * mm)
    if data.focus:
        doc.add(doc.markup("Tonight, focus on", "h2"))
        for name, advice in data.focus:
            doc.add(
                Paragraph(
                    f"<b>{doc.guard.markup(name)}</b>: {doc.guard.markup(advice)}",
                    doc.styles["bullet"],
                    bulletText="•",
                )
            )
        doc.spacer(4 * mm)
    doc.add(doc.markup("In this packet", "h2"))
    doc.add(
        *doc.bullets(
            [
                f"The {step.name.lower()}: what happens, how to prepare, and its check list",
                "What interviewers keep telling you",
                "Job-fit questions with your prepared answers, and questions to ask them",
                "How you will show the four things a panel weighs",
                f"Your notes and tips about {data.company}",
                "Where your applications stop, and the follow-ups after this interview",
            ]
        )
    )


def _milestone(doc: DocumentBuilder, data: PacketData) -> None:
    step, milestone = data.step, data.milestone
    if milestone is None:
        doc.heading(
            step.name,
            follow=[
                doc.text("This is one of your own milestones; the playbook has no guide for it.")
            ],
        )
    else:
        doc.heading(f"The {milestone.name.lower()}", follow=[doc.text(milestone.what_happens)])
        doc.add(doc.markup("<b>A good result:</b> " + doc.guard.markup(milestone.success)))
        doc.heading("How to prepare", 2, follow=doc.bullets(milestone.how_to_prepare[:1]))
        doc.add(*doc.bullets(milestone.how_to_prepare[1:]))
        checks = [
            Paragraph(doc.guard.markup(c.text), doc.styles["bullet"], bulletText=CHECKBOX)
            for c in milestone.checks
        ]
        doc.heading("Check list", 2, follow=checks[:1])
        doc.add(*checks[1:])
    if data.drills is not None:
        _drills(doc, data)
    if data.typing is not None:
        _typing(doc, data.typing)
    if data.speech is not None:
        doc.heading("Your speaking", 2, follow=[doc.text(speech_line(data.speech))])
    doc.heading("What went wrong here before", 2, follow=[_past(doc, data)])
    texts = {c.key: c.text for c in milestone.checks} if milestone else {}
    for tally in data.stop_checks:
        times = f"{tally.count} time{'s' if tally.count != 1 else ''}"
        line = doc.guard.markup(tally.label[:1].upper() + tally.label[1:])
        full = texts.get(tally.key)
        extra = f" <font color='#5f6673'>({doc.guard.markup(full)})</font>" if full else ""
        doc.add(
            Paragraph(f"<b>{line}</b>: ticked {times}{extra}", doc.styles["bullet"], bulletText="•")
        )


def _drills(doc: DocumentBuilder, data: PacketData) -> None:
    """The latest timed drill sets against the target, before a written test."""
    if not data.drills:
        doc.heading(
            "Your practice sets",
            2,
            follow=[
                doc.text(
                    "No timed drill sets yet. A 10-item grammar, reading or mixed set in the "
                    "Practice tab takes under 8 minutes and shows where you lose points.",
                    "muted",
                )
            ],
        )
        return
    rows = [
        (
            d.title,
            f"{d.result} ({d.percent:g}%)",
            f"{d.taken_on.day} {d.taken_on:%b %Y}",
            "on target" if d.percent >= d.target else f"aim for {d.target:g}%",
        )
        for d in data.drills
    ]
    width = doc.frame_width
    doc.heading(
        "Your practice sets",
        2,
        follow=[
            doc.table(
                ["Set", "Latest result", "Taken", "Target"],
                rows,
                [width * 0.32, width * 0.26, width * 0.2, width * 0.22],
            )
        ],
    )


def typing_line(figure: TypingFigure) -> str:
    """'31 net words a minute (34 gross, 96.2% accuracy) on 19 Nov 2026: 4 short of your
    target of 35.'"""
    if figure.net_wpm is None or figure.taken_on is None:
        return (
            f"No typing test yet. Accounts that type (chat, email) often ask for about "
            f"{figure.target} net words a minute: take a 1-minute test in the Practice tab "
            "(Ctrl+Shift+Y) before the day."
        )
    extra = []
    if figure.gross_wpm is not None:
        extra.append(f"{figure.gross_wpm:.0f} gross")
    if figure.accuracy is not None:
        extra.append(f"{figure.accuracy * 100:.1f}% accuracy")
    text = f"{figure.net_wpm:.0f} net words a minute"
    text += f" ({', '.join(extra)})" if extra else ""
    text += f" on {figure.taken_on.day} {figure.taken_on:%b %Y}"
    short = figure.target - round(figure.net_wpm)
    if short > 0:
        return f"{text}: {short} short of your target of {figure.target}."
    return f"{text}: at or above your target of {figure.target}."


def _typing(doc: DocumentBuilder, figure: TypingFigure) -> None:
    doc.heading("Your typing", 2, follow=[doc.text(typing_line(figure))])


def speech_line(figure: SpeechFigure) -> str:
    """'196 words a minute with 4 stretches of dead air on 7 Dec 2026 (Mock call): aim for
    about 140-170 and no silence of 3 s or more.'"""
    if figure.wpm is None or figure.taken_on is None:
        return (
            "No speech coach analysis yet. Record a mock call or read a passage aloud and "
            "analyse it (Practice, Voice check, Speech coach): about 140–170 words a minute is "
            "easy to follow on a call, and a call should have no dead air."
        )
    count = figure.dead_air
    air = (
        "no dead air" if count == 0 else f"{count} stretch{'es' if count != 1 else ''} of dead air"
    )
    text = f"{figure.wpm:.0f} words a minute with {air}"
    text += f" on {figure.taken_on.day} {figure.taken_on:%b %Y}"
    text += f" ({figure.context})" if figure.context else ""
    aims = []
    if not 140 <= round(figure.wpm) <= 170:
        aims.append("about 140–170 words a minute")
    if count:
        aims.append(f"no silence of 3 s or more (your longest: {figure.longest_pause_s:.0f} s)")
    return f"{text}: aim for {' and '.join(aims)}." if aims else f"{text}: within the targets."


def _past(doc: DocumentBuilder, data: PacketData) -> Paragraph:
    name = data.step.name.lower()
    if data.stopped_before == 0:
        return doc.text(f"None of your applications has stopped at the {name} so far.", "muted")
    times = f"{data.stopped_before} application{'s' if data.stopped_before != 1 else ''}"
    if not data.stop_checks:
        return doc.text(
            f"{times} stopped at the {name}. Tick what went wrong in the Tracker next time: it "
            "shows up here.",
        )
    return doc.text(f"{times} stopped at the {name}. What you found when you checked:")


def _areas(doc: DocumentBuilder, data: PacketData) -> None:
    if not data.areas:
        doc.heading(
            "What interviewers keep telling me",
            follow=[
                doc.text(
                    "No tips or feedback tagged with an improvement area yet. Tag what "
                    "interviewers tell you in the Notes tab and the most named areas appear here.",
                    "muted",
                )
            ],
        )
        return
    doc.heading(
        "What interviewers keep telling me",
        follow=[doc.text("Most named first, with their latest words.", "muted")],
    )
    for area in data.areas:
        block: list[Flowable] = [
            doc.markup(
                f"{doc.guard.markup(area.name)} "
                f"<font size='9' color='#5f6673'>{area.summary} · {area.trend.value}</font>",
                "h2",
            )
        ]
        for quote, times in distinct_quotes(area.quotes):
            source = ", ".join(
                x for x in (quote.company or "", f"{quote.on.day} {quote.on:%b %Y}") if x
            )
            if times > 1:
                source += f" · said {times} times"
            block.append(
                doc.markup(
                    f"“{doc.guard.markup(quote.text, 'NextCallSans-Oblique')}” "
                    f"<font name='NextCallSans' size='8.5' color='#5f6673'>"
                    f"{doc.guard.markup(source)}</font>",
                    "quote",
                )
            )
        doc.add(KeepTogether(block))


def _answer_block(doc: DocumentBuilder, item: PreparedAnswer) -> KeepTogether:
    parts: list[Flowable] = [doc.markup(f"<b>{doc.guard.markup(item.question)}</b>")]
    if item.why:
        parts.append(doc.text(item.why, "small"))
    if item.answer.strip():
        sure = f" (confidence {item.confidence}/5)" if item.confidence else ""
        parts.append(doc.text(item.answer + sure, "quote"))
    else:
        parts.append(doc.text("Not prepared yet: write your answer here.", "small"))
        parts.append(WritingLines(3))
    parts.append(doc_spacer())
    return KeepTogether(parts)


def doc_spacer() -> Flowable:
    return Spacer(1, 3 * mm)


def _questions(doc: DocumentBuilder, data: PacketData) -> None:
    items = [*data.job_fit, *(q for q in data.own_questions if q.answer.strip())]
    if items:
        doc.heading(
            "Job-fit questions",
            follow=[
                doc.text(
                    "Answer each aloud the night before. Honest answers you can keep beat "
                    "perfect ones you cannot.",
                    "muted",
                ),
                _answer_block(doc, items[0]),
            ],
        )
        doc.add(*(_answer_block(doc, q) for q in items[1:]))
    if data.to_ask:
        follow: list[Flowable] = [doc.text(data.to_ask_note, "muted")] if data.to_ask_note else []
        doc.heading("Questions to ask them", 2, follow=[*follow, *doc.bullets(data.to_ask[:1])])
        doc.add(*doc.bullets(data.to_ask[1:]))


def _panel(doc: DocumentBuilder, data: PacketData) -> None:
    first = True
    for item in data.panel:
        block: list[Flowable] = [
            doc.text(item.factor.label, "h2"),
            doc.text(item.factor.text, "small"),
        ]
        if item.answer.strip():
            block.append(doc.text(item.answer, "quote"))
        else:
            block.append(doc.text(item.factor.prompt or "How will you show it?", "small"))
            block.append(WritingLines(2))
        if first:
            doc.heading("How I will show the four things a panel weighs", follow=block)
            first = False
        else:
            doc.add(KeepTogether(block))
    if data.fixes:
        rows = [
            (
                n.text,
                n.fix or "(no fix written yet)",
                f"{n.on.day} {n.on:%b %Y}" + (f" · {n.milestone}" if n.milestone else ""),
            )
            for n in data.fixes
        ]
        width = doc.frame_width
        doc.heading(
            "Fixes from earlier debriefs",
            2,
            follow=[
                doc.table(
                    ["What went wrong", "How I fix it", "When"],
                    rows,
                    [width * 0.4, width * 0.4, width * 0.2],
                )
            ],
        )


def _kind_label(kind: str) -> str:
    try:
        return NoteKind(kind).label
    except ValueError:
        return kind


def _company_notes(doc: DocumentBuilder, data: PacketData) -> None:
    if not data.company_notes:
        doc.heading(
            f"Notes and tips about {data.company}",
            follow=[doc.text("Nothing written about this company yet.", "muted")],
        )
        return
    blocks = [_note_block(doc, n) for n in data.company_notes]
    doc.heading(f"Notes and tips about {data.company}", follow=blocks[:1])
    doc.add(*blocks[1:])


def _note_block(doc: DocumentBuilder, note: PacketNote) -> Flowable:
    where = " · ".join(x for x in (note.milestone, note.position) if x)
    head = f"{_kind_label(note.kind)} · {note.on.day} {note.on:%b %Y}" + (
        f" · {where}" if where else ""
    )
    parts: list[Flowable] = [doc.text(head, "label"), doc.text(note.text)]
    if note.fix:
        parts.append(doc.markup("<b>Fix:</b> " + doc.guard.markup(note.fix)))
    if note.tags:
        parts.append(doc.text("Tags: " + ", ".join(note.tags), "small"))
    parts.append(doc_spacer())
    return KeepTogether(parts)


def _funnel_and_follow_ups(doc: DocumentBuilder, data: PacketData) -> None:
    result = data.funnel
    rows = [r for r in result.rows if r.reached or r.builtin]
    stop_key = result.stop.row.key if result.stop else None
    chart: Sequence[Flowable] = (
        [funnel_drawing(rows, doc.frame_width, doc.guard, stop_key)] if result.applications else []
    )
    doc.heading(
        "Where my applications stop",
        follow=[doc.text(result.summary), doc_spacer(), *chart],
    )
    if data.follow_ups:
        table_rows = [
            (f"{p.when:%a} {p.when.day} {p.when:%b}", p.title, p.condition or "Always")
            for p in data.follow_ups
        ]
        width = doc.frame_width
        doc.heading(
            "After the interview",
            follow=[
                doc.text(
                    "NextCall reminds you of these on the day; the same day, write down what "
                    "went well and what went wrong, with a fix for each.",
                    "muted",
                ),
                doc.table(
                    ["When", "What", "When it applies"],
                    table_rows,
                    [width * 0.18, width * 0.57, width * 0.25],
                ),
            ],
        )
