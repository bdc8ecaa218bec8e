"""The benchmark harness still runs: ``run.py --quick`` on a tiny profile, JSON rows checked.

The real benchmarks are not part of the test run (``python tests/benchmarks/run.py``); this only
keeps the harness from rotting. Everything it writes (profile cache, JSON) stays in tmp_path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parent / "run.py"
KEYS = {"figure", "median_ms", "p95_ms", "baseline_ms", "ratio", "target", "pass"}


@pytest.mark.full
def test_quick_run_on_a_tiny_profile_writes_every_row(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    env = dict(os.environ)
    env["NEXTCALL_BENCH_CACHE"] = str(tmp_path / "cache")
    env["NEXTCALL_DATA_DIR"] = str(tmp_path / "never-used")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # no __pycache__ next to the harness
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"):
        env[name] = str(tmp_path / "xdg" / name.lower())
    readme = tmp_path / "README.md"
    readme.write_text(
        "# Title\n\n<!-- benchmarks:start (written by tests/benchmarks/run.py --readme) -->\n"
        "old table\n<!-- benchmarks:end -->\n\nafter\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            sys.executable,
            str(RUN),
            "--quick",
            "--sizes",
            "200",
            "--runs",
            "2",
            "--json",
            str(out),
            "--readme",
            str(readme),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    rows = json.loads(out.read_text(encoding="utf-8"))
    written = readme.read_text(encoding="utf-8")
    assert "old table" not in written and written.endswith("after\n")
    assert "| figure | median ms |" in written and "Measured on machine:" in written
    assert written.count("\n| ") == len(rows) + 2  # header, rule, one line a row
    assert isinstance(rows, list) and len(rows) >= 10
    for item in rows:
        assert set(item) == KEYS, item
        assert item["pass"] in (True, False, None)
        assert isinstance(item["target"], str) and item["target"]
    figures = " | ".join(item["figure"] for item in rows)
    for expected in (
        "cold start",
        "first rows",
        "filter keystroke",
        "sort a column",
        "funnel",
        "note search",
        "peak memory",
        "autosaving",
        "prep packet",
        "-page report",
        "speech coach analysis",
    ):
        assert expected in figures, expected
    measured = {item["figure"].split(",")[0]: item for item in rows}
    for name in (
        "cold start to first paint with rows",
        "filter keystroke to repaint",
        "sort a column",
    ):
        assert measured[name]["median_ms"] > 0 and measured[name]["baseline_ms"] > 0
        assert measured[name]["pass"] in (True, False)
    report = next(item for item in rows if "-page report" in item["figure"])
    assert report["median_ms"] > 0 and report["baseline_ms"] > 0 and report["ratio"] > 0
    # The table went to stdout too, and nothing was written outside tmp_path.
    assert "figure" in done.stdout and "wall time" in done.stdout
    assert (tmp_path / "cache").is_dir()
    assert not (tmp_path / "never-used").exists()
