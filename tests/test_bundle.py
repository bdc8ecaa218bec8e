"""The one-folder bundle: packaging/build_bundle.py builds it from a fresh venv and runs it.

About a minute (most of it PyInstaller), so it is part of the default run; the build script
itself smoke-tests the bundle (commands, PDFs, the window under Xvfb). NEXTCALL_TEST_BUNDLE=0
skips it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from nextcall.store.migrate import HEAD_REVISION

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.full,
    pytest.mark.skipif(
        os.environ.get("NEXTCALL_TEST_BUNDLE") == "0", reason="NEXTCALL_TEST_BUNDLE=0"
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="built and tested on Linux"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, str]]:
    """(bundle folder, build venv, build output); the big folders go away afterwards."""
    tmp = tmp_path_factory.mktemp("bundle")
    work, dist = tmp / "work", tmp / "dist"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "NEXTCALL_DATA_DIR")}
    script = ROOT / "packaging/build_bundle.py"
    folders = ["--work", str(work), "--dist", str(dist), "--icons", str(tmp / "icons")]
    result = subprocess.run(
        [sys.executable, str(script), *folders],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
        env=env,
    )
    output = result.stdout + result.stderr
    try:
        assert result.returncode == 0, output[-6000:]
        yield dist / "nextcall", work / "venv", output
    finally:
        shutil.rmtree(work, ignore_errors=True)  # about 1 GB of venv and PyInstaller work
        shutil.rmtree(dist, ignore_errors=True)


def test_bundle_runs_commands_and_window(built: tuple[Path, Path, str]) -> None:
    _, _, output = built
    for line in ("--version", "demo", "packet #1", "report"):
        assert any(
            row.startswith("build_bundle: ok: nextcall") and line in row
            for row in output.splitlines()
        ), line
    if shutil.which("Xvfb") and shutil.which("xdotool"):
        assert "ok: nextcall-gui under Xvfb" in output


def test_bundle_carries_resources_migrations_and_qt(built: tuple[Path, Path, str]) -> None:
    bundle, _, _ = built
    inside = bundle / "_internal"
    package = inside / "nextcall"
    assert (bundle / "nextcall").is_file() and (bundle / "nextcall-gui").is_file()
    playbook = {p.name for p in (ROOT / "resources/playbook").glob("*.toml")}
    assert playbook <= {p.name for p in (package / "resources/playbook").iterdir()}
    assert (package / "resources/fonts/LICENSE").is_file()
    assert (package / "resources/fonts/DejaVuSans.ttf").is_file()
    assert (package / "resources/icons/nextcall.svg").is_file()
    migrations = package / "store/migrations"
    assert (migrations / "env.py").is_file() and (migrations / "script.py.mako").is_file()
    shipped = {p.name for p in (migrations / "versions").glob("0*.py")}
    assert shipped == {
        p.name for p in (ROOT / "desktop/nextcall/store/migrations/versions").glob("0*.py")
    }
    qt = inside / "PySide6" / "Qt"
    platforms = {p.name for p in (qt / "plugins/platforms").iterdir()}
    assert {"libqxcb.so", "libqoffscreen.so"} <= platforms
    assert (qt / "plugins/iconengines/libqsvgicon.so").is_file()  # the window icon is an SVG
    libraries = {p.name.split(".so")[0] for p in (qt / "lib").iterdir()}
    assert {"libQt6Pdf", "libQt6Charts", "libQt6Widgets"} <= libraries
    unused = [n for n in libraries if any(w in n for w in ("WebEngine", "Quick", "Qml", "3D"))]
    assert not unused
    assert not list(inside.glob("**/tests")), "test folders were bundled"


def test_bundle_migrates_an_old_database(built: tuple[Path, Path, str], tmp_path: Path) -> None:
    # Alembic loads the migration scripts from files: they must be in the bundle, runnable.
    bundle, _, _ = built
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ROOT / "tests/store/fixtures/schema-0001-demo.sqlite3", data / "nextcall.sqlite3")
    env = {k: v for k, v in os.environ.items() if k != "NEXTCALL_DATA_DIR"}
    funnel = subprocess.run(
        [bundle / "nextcall", "--data-dir", str(data), "funnel"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )
    assert funnel.returncode == 0, funnel.stderr
    with closing(sqlite3.connect(data / "nextcall.sqlite3")) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)
        ]
    assert list((data / "backups").glob("*before-migration-0001*"))


def test_pip_install_gives_working_launchers(built: tuple[Path, Path, str], tmp_path: Path) -> None:
    # The build venv is a fresh, regular (not editable) `pip install .`.
    _, venv, _ = built
    cli, gui = venv / "bin/nextcall", venv / "bin/nextcall-gui"
    assert gui.is_file()
    version = subprocess.run([cli, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("NextCall ")
    data = tmp_path / "data"
    subprocess.run([cli, "--data-dir", str(data), "demo"], check=True, capture_output=True)
    assert (data / "nextcall.sqlite3").is_file()
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        return
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "NEXTCALL_DATA_DIR")}
    window = subprocess.run(
        ["bash", str(ROOT / ".ci/smoke-window.sh")],
        env={**env, "NEXTCALL_SMOKE_CMD": str(gui)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert window.returncode == 0, window.stdout + window.stderr
