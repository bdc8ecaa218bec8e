"""The Notes and Export tabs before their full features: what each will hold, what
the applicant can already do, and real figures from their data."""

from __future__ import annotations

from collections.abc import Callable

from nextcall.core.playbook import load_playbook
from nextcall.services.overview import Overview
from nextcall.ui.empty_state import EmptyState


def notes_page(go_to_applications: Callable[[], None]) -> EmptyState:
    playbook = load_playbook()
    closing = playbook.template("closing-question")
    return EmptyState(
        "Keep every tip an interviewer gives you",
        "At the end of every interview, passed or not, ask what you could improve and write "
        "it down while they talk. The same advice from several interviewers is the clearest "
        "sign of what to practise.",
        quote=f"{closing.title}: {closing.when}\n\n" + closing.render(company="the company").body,
        points=(
            "Notes link to an application and a milestone, and carry tags such as voice "
            "volume, confidence or English grammar.",
            "Follow-ups come with them: a thank-you email the next day, a feedback call no "
            "sooner than two days after a rejection.",
        ),
        actions=(("Go to Applications", go_to_applications),),
    )


def export_page(go_to_applications: Callable[[], None]) -> EmptyState:
    return EmptyState(
        "A prep packet for your next interview",
        "The night before an interview, print or open on your phone everything that helps you "
        "do better at the next milestone than last time.",
        points=(
            "The next milestone: what happens, how to prepare and its check list.",
            "What interviewers keep telling you, with their own words.",
            "Your prepared answers to the job-fit questions and the questions you will ask.",
            "Your data can also leave NextCall: CSV, JSON and calendar files.",
        ),
        actions=(("Go to Applications", go_to_applications),),
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def update_pages(notes: EmptyState, export: EmptyState, figures: Overview) -> None:
    """Put the applicant's own numbers at the top of each page."""
    if figures.notes:
        notes.status.setText(f"{_count(figures.notes, 'note')} saved so far.")
    else:
        notes.status.setText("No notes yet.")
    upcoming = figures.next_interview
    if upcoming is not None:
        when = f"{upcoming.when:%A} {upcoming.when.day} {upcoming.when:%B, %H:%M}"
        export.status.setText(f"Next up: {upcoming.milestone} at {upcoming.company}, {when}.")
    else:
        export.status.setText("No interview is scheduled yet.")
    for page in (notes, export):
        page.status.setVisible(bool(page.status.text()))
