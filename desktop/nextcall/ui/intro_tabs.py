"""The Export tab before its full features: what each will hold, what
the applicant can already do, and real figures from their data."""

from __future__ import annotations

from collections.abc import Callable

from nextcall.services.overview import Overview
from nextcall.ui.empty_state import EmptyState


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


def update_pages(export: EmptyState, figures: Overview) -> None:
    """Put the applicant's own numbers at the top of the page."""
    upcoming = figures.next_interview
    if upcoming is not None:
        when = f"{upcoming.when:%A} {upcoming.when.day} {upcoming.when:%B, %H:%M}"
        export.status.setText(f"Next up: {upcoming.milestone} at {upcoming.company}, {when}.")
    else:
        export.status.setText("No interview is scheduled yet.")
    export.status.setVisible(bool(export.status.text()))
