"""`nextcall note` and `nextcall search`: the output contract, lookups and clean errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import one_error, run
from nextcall.core.paths import DataPaths
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.notes import NoteView, get_note, list_notes
from nextcall.services.stages import record_outcome


@pytest.fixture
def profile(isolated_profile: DataPaths) -> dict[str, int]:
    db = Database.open(isolated_profile)
    try:
        ids = {
            name: add_application(db, ApplicationForm(company=name, position=position))
            for name, position in (
                ("Harborline BPO", "Customer service agent"),
                ("Bluewave Contact", "Sales agent"),
            )
        }
        ids["Harborline again"] = add_application(
            db, ApplicationForm(company="harborline bpo", position="Chat agent")
        )
        ids["phone event"] = record_outcome(
            db, ids["Bluewave Contact"], "phone-interview", "passed"
        )
    finally:
        db.close()
    return ids


def _notes(paths: DataPaths) -> list[NoteView]:
    db = Database.open(paths)
    try:
        return list_notes(db)
    finally:
        db.close()


def test_note_prints_one_line_and_keeps_the_text_exactly(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int], isolated_profile: DataPaths
) -> None:
    text = "  Speak louder 😀 — <b>bold</b> &amp; S&P\nשלום, e\u0301 \u00a0 "
    code, out, err = run(capsys, "note", "bluewave", text)
    assert code == 0, err
    [note] = _notes(isolated_profile)
    app_id = profile["Bluewave Contact"]
    assert out == f"Saved note #{note.id} for Bluewave Contact (#{app_id}).\n"
    assert err == ""
    assert note.body == text
    assert note.kind == "tip"  # the default: an interviewer's tip
    assert note.application_id == app_id
    assert note.stage_event_id is None


def test_note_with_kind_tags_and_milestone(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int], isolated_profile: DataPaths
) -> None:
    app_id = profile["Bluewave Contact"]
    code, out, err = run(
        capsys,
        "note",
        f"#{app_id}",
        "Too quiet on the phone",
        "--kind",
        "feedback",
        "--tag",
        "voice-volume",
        "--tag",
        "Confidence",
        "--tag",
        "Night shifts",
        "--milestone",
        "Phone-Interview",
    )
    assert code == 0, err
    [note] = _notes(isolated_profile)
    assert out.startswith(f"Saved note #{note.id} for Bluewave Contact (#{app_id}).")
    assert note.kind == "feedback"
    assert set(note.tags) == {"voice-volume", "confidence", "night-shifts"}
    assert "Night shifts" in note.tag_names
    assert note.stage_event_id == profile["phone event"]
    assert note.stage_name == "Phone interview"


@pytest.mark.parametrize("kind", ["tip", "feedback", "observation", "question", "answer"])
def test_every_kind(capsys: pytest.CaptureFixture[str], profile: dict[str, int], kind: str) -> None:
    code, _, err = run(capsys, "note", "Bluewave", "text", "--kind", kind)
    assert code == 0, err


def test_a_milestone_without_an_event_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int], isolated_profile: DataPaths
) -> None:
    code, out, err = run(capsys, "note", "Bluewave", "x", "--milestone", "exam")
    assert code == 1
    assert out == ""
    line = one_error(err)
    app_id = profile["Bluewave Contact"]
    assert f"Bluewave Contact (#{app_id}) has nothing recorded at the exam yet" in line
    assert f"nextcall record {app_id} exam" in line
    assert _notes(isolated_profile) == []


def test_an_unknown_milestone_lists_the_keys(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int]
) -> None:
    code, _, err = run(capsys, "note", "Bluewave", "x", "--milestone", "interview")
    assert code == 1
    line = one_error(err)
    assert "“interview” is not a milestone" in line and "phone-interview" in line


def test_ambiguous_company_lists_the_ids(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int], isolated_profile: DataPaths
) -> None:
    code, out, err = run(capsys, "note", "Harborline BPO", "x")
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert lines[0].startswith("nextcall: error: “Harborline BPO” matches 2 applications")
    assert lines[1].strip().startswith(f"#{profile['Harborline BPO']}  Harborline BPO")
    assert lines[2].strip().startswith(f"#{profile['Harborline again']}  ")
    assert _notes(isolated_profile) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("Nobody Inc", "x"), "no application for “Nobody Inc”"),
        (("Bluewave", "   "), "the note is empty"),
        (("Bluewave", "x", "--tag", "!!!"), "cannot be a tag"),
        (("999", "x"), "no application for “999”"),
    ],
)
def test_note_errors_are_one_clean_line(
    capsys: pytest.CaptureFixture[str],
    profile: dict[str, int],
    argv: tuple[str, ...],
    message: str,
) -> None:
    code, out, err = run(capsys, "note", *argv)
    assert code == 1
    assert out == ""
    assert message in one_error(err)


def test_a_bad_kind_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int]
) -> None:
    code, out, err = run(capsys, "note", "Bluewave", "x", "--kind", "rant")
    assert code == 2
    assert out == ""
    assert "invalid choice: 'rant'" in err


def test_search_prints_one_line_per_note(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int], isolated_profile: DataPaths
) -> None:
    run(capsys, "note", "Bluewave", "Speak louder and smile\non the phone")
    run(capsys, "note", f"#{profile['Harborline BPO']}", "Smile while you talk", "--kind", "tip")
    run(capsys, "note", "Bluewave", "Nothing to do with it")
    code, out, err = run(capsys, "search", "smi")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 2
    notes = {n.body: n for n in _notes(isolated_profile)}
    newest = notes["Smile while you talk"]
    day = f"{newest.created_at:%Y-%m-%d}"
    assert lines[0] == (
        f"#{newest.id}  {day}  Harborline BPO (#{profile['Harborline BPO']}): Smile while you talk"
    )
    older = notes["Speak louder and smile\non the phone"]
    assert lines[1].startswith(f"#{older.id}  {day}  Bluewave Contact (#")
    assert lines[1].endswith(": Speak louder and smile on the phone")  # one line


def test_search_with_no_match_says_so_and_succeeds(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int]
) -> None:
    run(capsys, "note", "Bluewave", "Speak louder")
    code, out, err = run(capsys, "search", "whisper")
    assert (code, out, err) == (0, "No notes match “whisper”.\n", "")


@pytest.mark.parametrize(
    "query", ['"', "AND", "(smile", "-", "*", "NEAR(a b)", "😀", "громче", "<b>", 'a"b*']
)
def test_search_never_breaks_on_tricky_text(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int], query: str
) -> None:
    run(capsys, "note", "Bluewave", "Говорите громче 😀 <b>and</b> smile")
    code, out, err = run(capsys, "search", query)
    assert code == 0, err
    assert "Traceback" not in err
    assert out.strip()


def test_search_filters_and_errors(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int]
) -> None:
    run(capsys, "note", "Bluewave", "Smile more", "--kind", "feedback", "--tag", "confidence")
    run(capsys, "note", "Bluewave", "Smile again", "--kind", "tip")
    code, out, _ = run(capsys, "search", "smile", "--kind", "feedback")
    assert code == 0 and len(out.splitlines()) == 1 and "Smile more" in out
    code, out, _ = run(capsys, "search", "smile", "--tag", "confidence")
    assert code == 0 and len(out.splitlines()) == 1
    code, out, _ = run(capsys, "search", "smile", "--company", "harborline bpo")
    assert (code, out) == (0, "No notes match “smile”.\n")
    code, out, err = run(capsys, "search", "smile", "--limit", "1")
    assert code == 0 and len(out.splitlines()) == 1 and "add words" in err
    code, _, err = run(capsys, "search", "  ")
    assert code == 1 and "nothing to search for" in one_error(err)
    code, _, err = run(capsys, "search", "x", "--limit", "0")
    assert code == 1 and "--limit" in one_error(err)


@pytest.mark.slow
def test_a_terminal_that_cannot_show_emoji_gets_question_marks(tmp_path: Path) -> None:
    """Search output on a console in a legacy code page must not crash."""
    profile = tmp_path / "p"
    env = {k: v for k, v in os.environ.items() if k != "NEXTCALL_DATA_DIR"}
    env["PYTHONIOENCODING"] = "ascii"
    base = [sys.executable, "-m", "nextcall", "--data-dir", str(profile)]
    subprocess.run([*base, "demo"], check=True, capture_output=True, timeout=120, env=env)
    note = subprocess.run(
        [*base, "note", "1", "Great call 😀 — keep it up"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert note.returncode == 0, note.stderr
    found = subprocess.run(
        [*base, "search", "great call"], capture_output=True, text=True, timeout=60, env=env
    )
    assert found.returncode == 0, found.stderr
    assert "Great call ? ? keep it up" in found.stdout


def test_note_text_reaches_the_database_unchanged(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int], isolated_profile: DataPaths
) -> None:
    text = "x" * 2_000_000 + "\n<script>&</script>"
    code, out, _ = run(capsys, "note", "Bluewave", text)
    assert code == 0
    note_id = int(out.split("#")[1].split()[0])
    db = Database.open(isolated_profile)
    try:
        assert get_note(db, note_id).body == text
    finally:
        db.close()
