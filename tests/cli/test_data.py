"""`nextcall import` and `nextcall export`: the command-line contract, exit codes included."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cli_helpers import one_error, run
from nextcall.core.paths import DataPaths
from nextcall.services.database import Database
from nextcall.store.models import Application, Company

FIXTURES = Path(__file__).parents[1] / "export" / "fixtures"
OTHER = str(FIXTURES / "other_tracker.csv")
BAD = str(FIXTURES / "other_tracker_bad.csv")


def count(paths: DataPaths) -> int:
    db = Database.open(paths)
    try:
        with db.session() as s:
            return int(s.execute(select(func.count(Application.id))).scalar_one())
    finally:
        db.close()


def test_dry_run_shows_the_mapping_and_rows_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    code, out, err = run(capsys, "import", OTHER, "--dry-run")
    assert (code, err) == (0, "")
    assert "Columns: Employer -> company, Job Title -> position, Status -> status" in out
    assert "ignored columns: Excitement" in out
    assert "line 3: Northstar Customer Care — Technical Support Agent" in out
    assert "line 6: Sunrise Teleservices" in out  # after the two-line cell on line 4
    assert "Would import 6 applications (dry run: nothing written)." in out
    assert count(isolated_profile) == 0


def test_import_then_again_adds_nothing_twice(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    code, out, _ = run(capsys, "import", OTHER)
    assert code == 0
    assert "Imported 6 applications." in out
    assert "Backup taken before the import:" in out
    code, out, _ = run(capsys, "import", OTHER)
    assert code == 0
    assert "line 2: already in your profile (#1), skipped" in out
    assert "Imported 0 applications; 6 already there, skipped." in out
    assert count(isolated_profile) == 6


def test_bad_rows_exit_1_with_line_numbers_and_nothing_written(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    for extra in ((), ("--dry-run",)):
        code, _out, err = run(capsys, "import", BAD, *extra)
        assert code == 1
        lines = err.strip().splitlines()
        assert lines[0] == "line 3: empty company"
        assert lines[1].startswith("line 4: Date Applied: unknown date format “the 12th”")
        assert lines[2].startswith("line 5: Status: “Maybe later” is not a milestone or status")
        assert lines[3].startswith("nextcall: error: 3 rows of 4 cannot be imported; nothing")
        assert "Traceback" not in err
    assert count(isolated_profile) == 0
    assert not isolated_profile.backups.exists() or not list(isolated_profile.backups.iterdir())


def test_map_names_columns_the_file_calls_otherwise(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths, tmp_path: Path
) -> None:
    source = tmp_path / "sheet.csv"
    source.write_text("Client;Gig;Sent;Mood\nAlpha CX;Agent;2 Nov 2026;ok\n", encoding="utf-8")
    code, out, _ = run(
        capsys, "import", str(source), "--map", "client=company, Gig=position,Sent=applied"
    )
    assert code == 0, out
    assert "Client -> company, Gig -> position, Sent -> applied" in out
    assert "ignored columns: Mood" in out
    db = Database.open(isolated_profile)
    try:
        with db.session() as s:
            row = s.execute(select(Company.name, Application.position).join(Company)).one()
    finally:
        db.close()
    assert tuple(row) == ("Alpha CX", "Agent")


def test_windows_1252_is_said(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "import", str(FIXTURES / "windows_1252.csv"), "--dry-run")
    assert code == 0
    assert "not UTF-8, read as Windows-1252" in out
    assert "Café Manille" in out


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (("import", "list.txt"), 2, "import a .csv"),
        (("import", OTHER, "--map", "Employer=boss"), 2, "“boss” is not a column target"),
        (("import", OTHER, "--map", "Employer"), 2, "is not HEADING=TARGET"),
        (("import", str(FIXTURES / "nextcall_v1.json"), "--map", "a=company"), 2, "--map is for"),
        (("import", "missing.csv"), 1, "cannot read missing.csv"),
        (("import", OTHER, "--map", "Boss=notes"), 1, "no column “Boss” in the file"),
        (("export", "out.txt"), 2, "name the file .csv"),
        (("export", "no/such/folder/out.csv"), 1, "does not exist"),
    ],
)
def test_errors_and_exit_codes(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], code: int, message: str
) -> None:
    got, _out, err = run(capsys, *argv)
    assert got == code
    assert message in err
    assert "Traceback" not in err
    if code == 1:
        one_error(err)


def test_export_by_extension(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "import", OTHER)[0] == 0
    for name, what in (("a.csv", "6 applications"), ("a.json", "6 applications"),
                       ("a.ics", "0 interviews")):  # fmt: skip
        code, out, err = run(capsys, "export", str(tmp_path / name))
        assert (code, err) == (0, "")
        assert out.strip() == f"Saved {what} to {tmp_path / name}"
    assert (tmp_path / "a.csv").read_bytes().startswith(codecs.BOM_UTF8)
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["version"] == 1
    assert (tmp_path / "a.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_json_round_trip_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "import", OTHER)
    run(capsys, "export", str(tmp_path / "all.json"))
    other = str(tmp_path / "other")
    code, out, _ = run(
        capsys, "--data-dir", other, "import", str(tmp_path / "all.json"), "--dry-run"
    )
    assert code == 0
    assert "Would add: 6 companies, 6 applications" in out
    assert "Dry run: nothing written." in out
    code, out, _ = run(capsys, "--data-dir", other, "import", str(tmp_path / "all.json"))
    assert "Added: 6 companies, 6 applications" in out
    code, out, _ = run(capsys, "--data-dir", other, "import", str(tmp_path / "all.json"))
    assert "Added: nothing." in out
    code, out, _ = run(capsys, "--data-dir", other, "import", str(FIXTURES / "other_tracker.csv"))
    assert code == 0
    assert "Imported 0 applications; 6 already there, skipped." in out  # the same applications


def test_a_newer_json_file_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = json.loads((FIXTURES / "nextcall_v1.json").read_text(encoding="utf-8"))
    doc["version"] = 9
    path = tmp_path / "future.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, _out, err = run(capsys, "import", str(path))
    assert code == 1
    assert "newer NextCall (format version 9" in one_error(err)


def test_undecided_dates_ask_for_date_order(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths, tmp_path: Path
) -> None:
    source = tmp_path / "sheet.csv"
    source.write_text("Company,Applied\nAlpha CX,11/05/2026\nBeta BPO,03/04/2026\n", "utf-8")
    code, out, err = run(capsys, "import", str(source))
    assert (code, out) == (1, "")
    line = one_error(err)
    assert "could be day/month or month/day" in line
    assert "11 May 2026 or 5 November 2026" in line
    assert "--date-order dmy or --date-order mdy" in line
    assert count(isolated_profile) == 0
    code, out, err = run(capsys, "import", str(source), "--date-order", "mdy")
    assert (code, err) == (0, "")
    assert "line 2: Alpha CX (applied 2026-11-05" in out
    assert count(isolated_profile) == 2
    code, _out, err = run(capsys, "import", str(source), "--date-order", "ymd")
    assert code == 2 and "invalid choice" in err


def test_date_order_is_for_csv_only(capsys: pytest.CaptureFixture[str]) -> None:
    json_file = str(FIXTURES / "nextcall_v1.json")
    code, _out, err = run(capsys, "import", json_file, "--date-order", "dmy")
    assert code == 2 and "--date-order is for CSV files" in err
