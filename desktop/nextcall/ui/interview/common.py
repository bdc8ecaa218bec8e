"""Small pieces the interview widgets share: filling scripts with visible blanks, choosing the
milestone being prepared for, and a few text helpers. No widgets here."""

from __future__ import annotations

from datetime import date
from html import escape

from nextcall.core.playbook import Milestone, Playbook, RenderedTemplate, Template
from nextcall.core.stages import Outcome
from nextcall.services.stages import StageState
from nextcall.ui.common import theme

# What a script shows where a value is not known yet: a blank the reader fills aloud.
BLANKS = {
    "company": "[company]",
    "position": "[the role]",
    "interviewer": "[interviewer's name]",
    "memory_hook": "[something you talked about]",
    "applicant": "[your name]",
    "milestone": "[interview]",
    "interview_date": "[the interview date]",
}
WAITING = (Outcome.SCHEDULED.value, Outcome.PENDING.value)


# Checkable buttons that must show clearly whether they are on (script picker, tag legend).
def blank(name: str) -> str:
    return BLANKS.get(name, f"[{name.replace('_', ' ')}]")


def fill(template: Template, values: dict[str, str]) -> RenderedTemplate:
    """Render with every declared placeholder: known values, else a visible blank. Never
    raises for a missing value, so an unfinished contact never breaks a script."""
    full = {}
    for name in template.declared:
        value = " ".join((values.get(name) or "").split())
        full[name] = value.rstrip(".") if name == "memory_hook" else value
        full[name] = full[name] or blank(name)
    return template.render(**full)


def script_html(text: str, *, size_pt: int = 14, muted: str | None = None) -> str:
    """A script for reading aloud: spoken lines plain, [reminders] quiet, blanks marked (in
    the theme's colours at the time of the call)."""
    muted = muted or theme.color("muted").name()
    blanks = set(BLANKS.values())
    fill_bg, fill_fg = theme.color("blank_bg").name(), theme.color("blank_fg").name()
    mark = f"<span style='background:{fill_bg}; color:{fill_fg}'>&nbsp;{{}}&nbsp;</span>"
    paragraphs = []
    for line in text.strip().splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        html = escape(stripped)
        for value in blanks:
            html = html.replace(escape(value), mark.format(escape(value)))
        if stripped.startswith("[") and stripped.endswith("]"):
            html = f"<span style='color:{muted}'><i>{html}</i></span>"
            style = f"font-size:{size_pt - 2}pt; margin:4px 0 8px 0"
        elif stripped[:1].isdigit() and not stripped.startswith('"'):
            html = f"<b>{html}</b>"
            style = f"font-size:{size_pt - 2}pt; margin:10px 0 2px 0"
        else:
            style = f"font-size:{size_pt}pt; margin:0 0 8px 0; line-height:135%"
        paragraphs.append(f"<p style='{style}'>{html}</p>")
    return "".join(paragraphs)


def current_milestone(states: list[StageState]) -> int | None:
    """The milestone an interview is for: the one booked or waiting for a result, else the
    next used one after the last recorded, else the last recorded."""
    if not states:
        return None
    for index, state in enumerate(states):
        if state.outcome in WAITING:
            return index
    last = max((i for i, st in enumerate(states) if st.outcome), default=-1)
    for index in range(last + 1, len(states)):
        if not states[index].unused:
            return index
    return max(last, 0)


def milestone_of(playbook: Playbook, key: str) -> Milestone | None:
    try:
        return playbook.milestone(key)
    except KeyError:
        return None


def day_text(day: date | None, today: date) -> str:
    """'Tuesday, 4 March' (the year only when it is not this year's)."""
    if day is None:
        return ""
    text = f"{day:%A}, {day.day} {day:%B}"
    return text if day.year == today.year else f"{text} {day.year}"


def state_text(state: StageState) -> str:
    """'Final interview · booked for Tue 24 Nov' for a milestone picker."""
    when = state.on or (state.scheduled_at.date() if state.scheduled_at else None)
    if state.outcome is None:
        status = "not recorded yet"
    elif state.outcome == Outcome.SCHEDULED.value:
        status = "booked"
    else:
        status = Outcome(state.outcome).label.lower()
    if when is not None:
        status += f" · {when:%a} {when.day} {when:%b}"
    return f"{state.stage.name} · {status}"
