"""The printable documents end to end: real database, real PDF, read back with pypdf."""

from __future__ import annotations

import os
import stat
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import IO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import text

from nextcall.core.errors import NextCallError
from nextcall.export.files import ExportError
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.demo import fill_demo
from nextcall.services.documents import (
    default_packet_target,
    packet_filename,
    packet_targets,
    report_filename,
    write_packet,
    write_report,
)
from nextcall.services.notes import NoteInput, add_note, get_note
from nextcall.services.stages import record_outcome


def _fonts(path: Path) -> set[str]:
    """The base font of every font a page uses."""
    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_targets_put_the_next_interview_first(db: Database) -> None:
    a = add_application(db, ApplicationForm(company="Alpha", applied_on="2026-11-10"))
    b = add_application(db, ApplicationForm(company="Beta", applied_on="2026-11-01"))
    c = add_application(db, ApplicationForm(company="Gamma", applied_on="2026-11-15"))
    add_application(db, ApplicationForm(company="Closed", status="rejected"))
    record_outcome(db, b, "phone-interview", "scheduled", scheduled_at=datetime(2026, 11, 25, 9))
    record_outcome(db, a, "phone-interview", "scheduled", scheduled_at=datetime(2026, 11, 21, 14))
    targets = packet_targets(db)
    assert [t.application_id for t in targets] == [a, b, c]
    assert targets[0].label == "Alpha: phone interview, Sat 21 Nov 14:00"
    assert default_packet_target(db) == a


def test_empty_profile_has_no_target(db: Database) -> None:
    assert packet_targets(db) == []
    assert default_packet_target(db) is None


def test_packet_pdf_from_demo_data(db: Database, tmp_path: Path) -> None:
    fill_demo(db)
    app = default_packet_target(db)
    assert app is not None
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / packet_filename(db, app)
    seen: list[tuple[int, int]] = []
    pages = write_packet(db, app, target, lambda done, total: seen.append((done, total)))
    assert pages == len(PdfReader(target).pages) >= 3
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    text = _text(target)
    for heading in (
        "INTERVIEW PREP PACKET",
        "What interviewers keep telling me",
        "Job-fit questions",
        "Questions to ask them",
        "How I will show the four things a panel weighs",
        "Where my applications stop",
        f"Page 1 of {pages}",
    ):
        assert heading in text, heading
    assert seen[-1][0] == seen[-1][1]
    assert all("DejaVuSans" in name for name in _fonts(target)), _fonts(target)
    assert [p.name for p in folder.iterdir()] == [target.name]  # no temporary file left


def test_packet_prints_hostile_note_text_literally(db: Database, tmp_path: Path) -> None:
    app = add_application(db, ApplicationForm(company="S&P <Care>", applied_on="2026-11-02"))
    body = 'Use <b>unclosed & <img src="/etc/hostname"/> 0.1 <A <0.9 Привет 你好'
    add_note(db, NoteInput(body=body, kind="tip", application_id=app))
    target = tmp_path / "p.pdf"
    write_packet(db, app, target)
    text = "".join(_text(target).split())
    assert "Use<b>unclosed&<img" in text
    assert "0.1<A<0.9Привет" in text
    assert "S&P<Care>" in text
    assert "U+4F60" in text  # the note at the end names what could not be printed


def test_report_lists_every_application_with_milestones(db: Database, tmp_path: Path) -> None:
    summary = fill_demo(db)
    target = tmp_path / report_filename(db)
    assert target.name == f"Job-search report - {date(2026, 11, 20).isoformat()}.pdf"
    pages = write_report(db, target)
    text = _text(target)
    assert pages >= 3
    assert "Applications sent" in text and str(summary.applications) in text
    assert "Where my applications stop" in text
    assert "Phone interview passed" in " ".join(text.split())
    assert all("DejaVuSans" in name for name in _fonts(target)), _fonts(target)


def test_report_of_an_empty_profile_says_so_on_one_page(db: Database, tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    assert write_report(db, target) == 1
    text = " ".join(_text(target).split())
    assert "There is nothing to report yet: no applications have been recorded." in text
    assert "I applied for the positions listed" not in text  # nothing to sign for


def test_report_counts_interviews_and_tests_not_applications(
    db: Database, tmp_path: Path
) -> None:
    from nextcall.services.settings import set_text
    from nextcall.services.stages import record_outcome

    first = add_application(db, ApplicationForm(company="Acme", position="Agent"))
    add_application(db, ApplicationForm(company="Bolt", position="Agent"))
    record_outcome(db, first, "phone-interview", "passed")
    record_outcome(db, first, "exam", "failed")
    set_text(db, "applicant_name", "Maria Santos")
    target = tmp_path / "r.pdf"
    write_report(db, target)
    text = " ".join(_text(target).split())
    assert "Interviews and tests taken 2" in text  # two applications sent are not interviews
    assert "Maria Santos" in text


def test_missing_folder_is_a_clear_error_and_keeps_the_old_file(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        write_report(db, tmp_path / "nope" / "r.pdf")
    folder = tmp_path / "out"
    folder.mkdir()
    old = folder / "r.pdf"
    old.write_bytes(b"old")
    app = add_application(db, ApplicationForm(company="Acme"))

    def half_written(_data: object, out: IO[bytes]) -> int:
        out.write(b"%PDF-1.4 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("nextcall.export.packet.write_packet", half_written)
    with pytest.raises(ExportError, match="No space left"):
        write_packet(db, app, old)
    assert old.read_bytes() == b"old"
    assert [p.name for p in folder.iterdir()] == ["r.pdf"]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=st.text(min_size=1, max_size=200).filter(lambda t: t.strip()))
def test_any_note_text_exports_and_reads_back(db: Database, tmp_path: Path, body: str) -> None:
    """Through the real path: a note saved by the notes service, the packet written by the
    documents service, the text read back with pypdf."""
    from nextcall.export.pdf_fonts import MARKER, REGULAR, fonts
    from nextcall.services.notes import save_note

    covered = fonts()
    with db.session() as s:
        app = s.execute(text("SELECT id FROM applications LIMIT 1")).scalar()
    if app is None:
        app = add_application(db, ApplicationForm(company="Acme"))
        add_note(db, NoteInput(body="placeholder", kind="tip", application_id=app))
    with db.session() as s:
        note = s.execute(text("SELECT id FROM notes LIMIT 1")).scalar_one()
    try:
        save_note(db, note, body=body)
    except NextCallError:
        return  # refused by validation with a clear message: nothing to export
    stored = get_note(db, note).body
    target = tmp_path / "p.pdf"
    write_packet(db, app, target)
    squeezed = "".join(_text(target).split())

    def printed(c: str) -> str:
        if c.isspace() or c == "\u00ad" or unicodedata.category(c) in {"Cc", "Zs", "Zl", "Zp"}:
            return ""
        rtl = unicodedata.bidirectional(c) in {"R", "AL", "AN"}
        return c if covered.covers(c, REGULAR) and not rtl else MARKER

    expected = "".join(printed(c) for c in stored)
    assert expected in squeezed
