"""`nextcall add`: many companies from arguments, a file or stdin; one line each; exit codes."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from cli_helpers import one_error, run
from nextcall.core.clock import Clock
from nextcall.core.paths import DataPaths
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.store.models import Application, Company


def stored(paths: DataPaths) -> list[tuple[str, str, str, date | None]]:
    db = Database.open(paths)
    try:
        with db.session() as s:
            rows = s.execute(
                select(
                    Company.name, Application.position, Application.source, Application.applied_on
                )
                .join(Company)
                .order_by(Application.id)
            )
            return [tuple(r) for r in rows]  # type: ignore[misc]
    finally:
        db.close()


def seed(paths: DataPaths, company: str, **values: str) -> int:
    db = Database.open(paths)
    try:
        return add_application(db, ApplicationForm(company=company, **values))
    finally:
        db.close()


def set_company(paths: DataPaths, name: str, **values: object) -> None:
    db = Database.open(paths)
    try:
        with db.session() as s:
            company = s.execute(select(Company).where(Company.name == name)).scalar_one()
            for key, value in values.items():
                setattr(company, key, value)
    finally:
        db.close()


def test_add_companies_from_arguments(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    code, out, err = run(
        capsys,
        "add",
        "Bluewave Contact Center",
        "Harborline BPO",
        "--position",
        "CSR",
        "--applied",
        "2026-11-03",
        "--source",
        "Job board",
    )
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert re.fullmatch(r"added: Bluewave Contact Center \(#\d+\)", lines[0])
    assert re.fullmatch(r"added: Harborline BPO \(#\d+\)", lines[1])
    assert lines[2] == "2 added"
    assert len(lines) == 3
    assert stored(isolated_profile) == [
        ("Bluewave Contact Center", "CSR", "Job board", date(2026, 11, 3)),
        ("Harborline BPO", "CSR", "Job board", date(2026, 11, 3)),
    ]


def test_the_date_defaults_to_today(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    assert run(capsys, "add", "Acme")[0] == 0
    assert stored(isolated_profile)[0][3] == Clock.from_env().today()


def test_from_a_file_with_a_bom_and_bullets(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths, tmp_path: Path
) -> None:
    listing = tmp_path / "companies.txt"
    listing.write_bytes("\ufeff# Monday\r\n1. Ñandú Contact\r\n- Harborline\r\n\r\n".encode())
    code, out, err = run(capsys, "add", "Acme", "--from", str(listing))
    assert (code, err) == (0, "")
    assert [line.split(" (#")[0] for line in out.splitlines()] == [
        "added: Acme",
        "added: Ñandú Contact",
        "added: Harborline",
        "3 added",
    ]


def test_from_stdin(
    capsys: pytest.CaptureFixture[str],
    isolated_profile: DataPaths,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO("\ufeffAcme\nBeta\n".encode()), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    code, out, _ = run(capsys, "add", "--from", "-")
    assert code == 0
    assert out.splitlines()[-1] == "2 added"
    assert [r[0] for r in stored(isolated_profile)] == ["Acme", "Beta"]


def test_thirty_from_a_file(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths, tmp_path: Path
) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join(f"Contact Center {n:02d}" for n in range(30)), encoding="utf-8")
    code, out, _ = run(capsys, "add", "--from", str(listing))
    assert code == 0
    assert out.splitlines()[-1] == "30 added"
    assert len(stored(isolated_profile)) == 30


def test_duplicates_are_skipped_unless_allowed(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    first = seed(isolated_profile, "ACME", applied_on="2026-11-03")
    code, out, _ = run(capsys, "add", "acme", "Beta")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"duplicate: ACME (already applied on 2026-11-03, #{first}) - skipped"
    assert lines[1].startswith("added: Beta (#")
    assert lines[2] == "1 added, 1 duplicate skipped"

    code, out, _ = run(capsys, "add", "Acme", "--allow-duplicates")
    assert code == 0
    line, total = out.splitlines()
    assert re.fullmatch(
        rf"duplicate: ACME \(already applied on 2026-11-03, #{first}\) - added \(#\d+\)", line
    )
    assert total == "1 added"
    assert [r[0] for r in stored(isolated_profile)] == ["ACME", "Beta", "ACME"]


def test_a_duplicate_without_a_date(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    first = seed(isolated_profile, "Acme")
    code, out, _err = run(capsys, "add", "Acme")
    assert code == 1  # nothing was added
    assert out.splitlines()[0] == (
        f"duplicate: Acme (already applied on an unknown date, #{first}) - skipped"
    )


def test_cooldown_is_skipped_unless_allowed(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    seed(isolated_profile, "Skyline", status="rejected")
    until = Clock.from_env().today() + timedelta(days=40)
    set_company(isolated_profile, "Skyline", reapply_after=until)
    code, out, _ = run(capsys, "add", "skyline")
    assert code == 1  # nothing was added
    assert out.splitlines() == [
        f"cooldown: Skyline (re-apply after {until.isoformat()}) - skipped",
        "0 added, 1 in cooldown skipped",
    ]
    code, out, _ = run(capsys, "add", "skyline", "--allow-duplicates")
    assert code == 0
    assert re.fullmatch(
        rf"cooldown: Skyline \(re-apply after {until.isoformat()}\) - added \(#\d+\)",
        out.splitlines()[0],
    )


def test_invalid_lines_are_reported_by_line_number(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths, tmp_path: Path
) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text("Acme\n" + "x" * 250 + "\nBad\x07Name\nACME\n", encoding="utf-8")
    code, out, err = run(capsys, "add", "Beta", "--from", str(listing))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[2].startswith("invalid: line 2: too long: 250 characters")
    assert lines[3] == "invalid: line 3: contains control characters"
    assert lines[4] == "invalid: line 4: repeats line 1 (ACME)"
    assert lines[5] == "2 added, 3 invalid"


def test_a_bad_argument_is_named_by_position(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    out = run(capsys, "add", "Acme", "Bad\tName\x01")[1]
    assert "invalid: argument 2: contains control characters" in out.splitlines()


def test_help_documents_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "add", "--help")
    assert code == 0
    assert "--allow-duplicates" in out
    assert "cooldown" in out
    assert "all or nothing" in out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ((), "no companies given"),
        (("   ", "# only a comment"), "no companies given"),
        (("Acme", "--applied", "31/31/2026"), "--applied: "),
        (("Acme", "--applied", "2099-01-01"), "in the future"),
        (("Acme", "--position", "x" * 201), "--position: "),
        (("Acme", "--source", "a\x00b"), "--source: "),
    ],
)
def test_errors_are_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str],
    isolated_profile: DataPaths,
    argv: tuple[str, ...],
    expected: str,
) -> None:
    code, out, err = run(capsys, "add", *argv)
    assert (code, out) == (1, "")
    assert expected in one_error(err)
    assert "Traceback" not in err


def test_an_unreadable_file(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths, tmp_path: Path
) -> None:
    missing = tmp_path / "nope.txt"
    code, out, err = run(capsys, "add", "--from", str(missing))
    assert (code, out) == (1, "")
    line = one_error(err)
    assert str(missing) in line
    code, out, err = run(capsys, "add", "--from", str(tmp_path))  # a folder
    assert (code, out) == (1, "")
    one_error(err)


def test_a_file_that_is_not_utf8(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths, tmp_path: Path
) -> None:
    listing = tmp_path / "latin1.txt"
    listing.write_bytes("Ñandú\n".encode("latin-1"))
    code, out, err = run(capsys, "add", "--from", str(listing))
    assert (code, out) == (1, "")
    assert "not UTF-8" in one_error(err)
    assert stored(isolated_profile) == []


@pytest.mark.parametrize(
    "argv", [("--bogus",), ("--from",), ("Acme", "--applied"), ("--position",)]
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    code, out, err = run(capsys, "add", *argv)
    assert (code, out) == (2, "")
    assert "usage: nextcall" in err
    assert "Traceback" not in err
