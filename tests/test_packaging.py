"""The wheel carries everything the app reads at run time: playbook, icons, migrations."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_ships_resources_and_migrations(tmp_path: Path) -> None:
    source = tmp_path / "source"  # build from a copy: the build writes build/ and egg-info
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("desktop", "resources"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    out = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = out.glob("nextcall-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    playbook = {n for n in names if n.startswith("nextcall/resources/playbook/")}
    expected = {
        f"nextcall/resources/playbook/{p.name}" for p in (ROOT / "resources/playbook").iterdir()
    }
    assert expected <= playbook
    assert "nextcall/resources/icons/nextcall.svg" in names
    assert "nextcall/resources/fonts/LICENSE" in names  # the DejaVu licence travels with them
    assert "nextcall/store/migrations/env.py" in names
    assert "nextcall/store/migrations/script.py.mako" in names
    assert "nextcall/store/migrations/versions/0001_initial_schema.py" in names
    assert not any(n.startswith(("tests/", ".ci/", "packaging/")) for n in names)
    [entry_points] = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    launchers = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[console_scripts]\nnextcall = nextcall.cli.main:main" in launchers
    assert "[gui_scripts]\nnextcall-gui = nextcall.cli.main:gui_main" in launchers
