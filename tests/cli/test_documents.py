"""`nextcall packet` and `nextcall report`."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from cli_helpers import one_error, run


@pytest.fixture
def demo(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "demo")[0] == 0


def test_packet_by_company_writes_the_pdf(
    demo: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "packet.pdf"
    code, out, err = run(capsys, "packet", "Crescent Care", "-o", str(target))
    assert code == 0, err
    assert out.startswith("Wrote the prep packet for Crescent Care Connect (#")
    assert f"to {target}: " in out
    pages = len(PdfReader(target).pages)
    assert out.strip().endswith(f"{pages} pages.")


def test_packet_by_id(demo: None, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, "packet", "#3", "-o", str(tmp_path / "p.pdf"))
    assert code == 0, err
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")


def test_packet_errors(demo: None, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, "packet", "No Such Company", "-o", str(tmp_path / "p.pdf"))
    assert code == 1
    assert "no application" in one_error(err)
    code, _out, err = run(capsys, "packet", "a", "-o", str(tmp_path / "p.pdf"))
    assert code == 1 and "use one of these ids" in err and "Traceback" not in err
    code, _out, err = run(capsys, "packet", "#3", "-o", str(tmp_path / "p.txt"))
    assert code == 1 and ".pdf" in one_error(err)
    code, _out, err = run(capsys, "packet", "#3", "-o", str(tmp_path / "missing" / "p.pdf"))
    assert code == 1 and "does not exist" in one_error(err)
    code, _out, err = run(capsys, "packet")
    assert code == 2


def test_report(demo: None, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    code, out, err = run(capsys, "report", "-o", str(target))
    assert code == 0, err
    assert out.startswith(f"Wrote the job-search report to {target}: ")
    assert len(PdfReader(target).pages) >= 3


def test_report_default_name_in_the_current_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "report")
    assert code == 0, err
    made = list(tmp_path.glob("Job-search report - *.pdf"))
    assert len(made) == 1 and made[0].name in out
