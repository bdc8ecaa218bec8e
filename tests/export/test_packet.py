"""The packet's layout: headings never end a page, long tables split cleanly, footers count."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from nextcall.core.funnel import FunnelResult
from nextcall.core.playbook import load_playbook
from nextcall.export.packet import write_packet
from nextcall.export.packet_data import (
    NextStep,
    PacketData,
    PacketNote,
    PanelAnswer,
    PlannedFollowUp,
    PreparedAnswer,
)

FOOTER = "NextCall prep packet"
LOREM = (
    "They asked about my last job and I rambled; next time answer in three sentences, then stop "
    "and let them ask more. "
)


def _data(notes: int, fixes: int, answer_words: int) -> PacketData:
    playbook = load_playbook()
    final = playbook.milestone("final-interview")
    return PacketData(
        application_id=1,
        company="Acme BPO",
        position="Customer Service Representative",
        account_type="Telco inbound",
        site="Ortigas",
        shift="Night",
        applied_on=date(2026, 11, 2),
        status="active",
        step=NextStep("final-interview", "Final interview", datetime(2026, 11, 24, 10, 0)),
        milestone=final,
        stopped_before=1,
        stop_checks=(),
        areas=(),
        job_fit=tuple(
            PreparedAnswer(q.question, ("word " * answer_words).strip(), q.why, 3)
            for q in final.job_fit_questions
        ),
        own_questions=(),
        to_ask=tuple(q.question for q in final.questions_to_ask[:4]),
        to_ask_note=final.questions_to_ask_note or "",
        panel=tuple(PanelAnswer(f, LOREM) for f in playbook.panel_factors),
        fixes=tuple(
            PacketNote("debrief", date(2026, 11, 1), LOREM * 2, "Pause and breathe " * 3)
            for _ in range(fixes)
        ),
        company_notes=tuple(
            PacketNote("tip", date(2026, 11, 3), LOREM * (1 + i % 4), tags=("Listening",))
            for i in range(notes)
        ),
        funnel=FunnelResult(rows=(), applications=0, stopped=0, stop=None, summary="No data yet."),
        follow_ups=(PlannedFollowUp(datetime(2026, 11, 25, 9), "Send a thank-you email"),),
        today=date(2026, 11, 20),
    )


def _pages(data: PacketData) -> list[list[str]]:
    out = io.BytesIO()
    count = write_packet(data, out)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert len(reader.pages) == count
    return [page.extract_text().splitlines() for page in reader.pages]


HEADINGS = {
    "How to prepare",
    "Check list",
    "What went wrong here before",
    "Job-fit questions",
    "Questions to ask them",
    "How I will show the four things a panel weighs",
    "Fixes from earlier debriefs",
    "Notes and tips about Acme BPO",
    "Where my applications stop",
    "After the interview",
    "What interviewers keep telling me",
}


@pytest.mark.parametrize(
    ("notes", "fixes", "words"), [(0, 0, 0), (3, 1, 20), (12, 9, 60), (30, 25, 140)]
)
def test_no_page_ends_with_a_heading(notes: int, fixes: int, words: int) -> None:
    pages = _pages(_data(notes, fixes, words))
    for number, lines in enumerate(pages, start=1):
        assert lines[-1] == f"Page {number} of {len(pages)}"
        assert lines[-2].startswith(FOOTER) and lines[-2].endswith("20 November 2026")
        body = lines[:-2]
        assert body, f"page {number} is empty"
        assert body[-1] not in HEADINGS, f"page {number} ends with the heading {body[-1]!r}"


def test_long_fix_table_repeats_its_header_on_every_page() -> None:
    pages = _pages(_data(0, 60, 0))
    with_table = [lines for lines in pages if any("Pause and breathe" in x for x in lines)]
    assert len(with_table) >= 2
    for lines in with_table:
        stripped = [line.strip() for line in lines]
        assert "What went wrong" in stripped and "How I fix it" in stripped


def test_cover_names_the_milestone_date_and_interviewer() -> None:
    data = _data(0, 0, 0)
    data = replace(
        data,
        step=replace(
            data.step,
            interviewer="Maria Santos",
            contact_name="Maria Santos",
            contact_role="Recruiter",
            memory_hook="Also from Cebu; loves basketball",
        ),
    )
    cover = " ".join(_pages(data)[0])
    assert "Acme BPO" in cover
    assert "Tuesday 24 November 2026, 10:00" in cover
    assert "Maria Santos (Recruiter)" in cover
    assert "Also from Cebu; loves basketball" in cover


def test_unprepared_answers_leave_room_to_write() -> None:
    text = " ".join(" ".join(p) for p in _pages(_data(0, 0, 0)))
    assert "Not prepared yet: write your answer here." in text
    text = " ".join(" ".join(p) for p in _pages(_data(0, 0, 5)))
    assert "Not prepared yet" not in text
    assert "(confidence 3/5)" in text


def test_each_wording_is_quoted_once_with_how_often_it_was_said() -> None:
    from datetime import date

    from nextcall.core.insights import Quote
    from nextcall.export.packet import distinct_quotes

    said = [
        Quote(3, "Be on time.", "Acme", date(2026, 11, 9), "tip"),
        Quote(2, "be on  TIME.", "Bolt", date(2026, 11, 2), "tip"),
        Quote(1, "Speak up.", "Crest", date(2026, 10, 1), "tip"),
        Quote(0, "Be on time.", "Delta", date(2026, 9, 1), "tip"),
    ]
    assert [(q.company, n) for q, n in distinct_quotes(said)] == [("Acme", 3), ("Crest", 1)]


@pytest.mark.parametrize(
    ("status", "warned"),
    [("active", False), ("offer", False), ("rejected", True), ("ghosted", True)],
)
def test_the_cover_says_when_the_application_is_closed(status: str, warned: bool) -> None:
    cover = " ".join(" ".join(_pages(replace(_data(0, 0, 0), status=status))[0]).split())
    assert ("This application is closed" in cover) is warned
