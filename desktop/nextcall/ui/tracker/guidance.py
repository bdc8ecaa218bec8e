"""Playbook guidance for one milestone, as HTML for a QLabel (all text escaped)."""

from __future__ import annotations

from html import escape

from nextcall.core.playbook import Playbook


def _list(items: list[str]) -> str:
    return (
        "<ul style='margin-left:-18px'>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"
    )


def milestone_html(playbook: Playbook, key: str) -> str:
    """What happens, how to prepare, and (where the playbook has them) the job-fit questions,
    the questions to ask and the offer checklist."""
    if key == "second-interview":
        return guide_html(playbook, "second-interview")
    try:
        milestone = playbook.milestone(key)
    except KeyError:
        return "<p>Your own stage. Write what you learn about it in its notes.</p>"
    parts = [
        "<h3 style='margin-bottom:2px'>What happens</h3>",
        f"<p>{escape(milestone.what_happens)}</p>",
        f"<p><i>Passing it: {escape(milestone.success)}</i></p>",
        "<h3 style='margin-bottom:2px'>How to prepare</h3>",
        _list(list(milestone.how_to_prepare)),
    ]
    if milestone.job_fit_questions:
        parts.append("<h3 style='margin-bottom:2px'>Be ready to answer</h3>")
        parts.append(
            "<ul style='margin-left:-18px'>"
            + "".join(
                f"<li><b>{escape(q.question)}</b> {escape(q.why)}</li>"
                for q in milestone.job_fit_questions
            )
            + "</ul>"
        )
    if milestone.questions_to_ask:
        parts.append("<h3 style='margin-bottom:2px'>Questions you can ask</h3>")
        if milestone.questions_to_ask_note:
            parts.append(f"<p>{escape(milestone.questions_to_ask_note)}</p>")
        parts.append(_list([q.question for q in milestone.questions_to_ask]))
    if milestone.offer_checklist:
        parts.append("<h3 style='margin-bottom:2px'>Before you sign, note</h3>")
        parts.append(_list([c.text for c in milestone.offer_checklist]))
    return "".join(parts)


def guide_html(playbook: Playbook, key: str) -> str:
    guide = playbook.guide(key)
    points = "".join(f"<li><b>{escape(p.title)}.</b> {escape(p.text)}</li>" for p in guide.points)
    return (
        f"<h3 style='margin-bottom:2px'>{escape(guide.title)}</h3><p>{escape(guide.intro)}</p>"
        f"<ul style='margin-left:-18px'>{points}</ul>"
    )
