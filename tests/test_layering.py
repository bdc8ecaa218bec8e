"""The layers import downwards only, and the data and domain layers never import Qt, so they
run without a screen (and the CLI too)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "desktop" / "nextcall"
QT_FREE = ("core", "store", "services", "export", "diagnostics")


def test_the_import_contracts_hold() -> None:
    """pyproject.toml's [tool.importlinter] contracts, checked with `lint-imports`: the layers
    cli > ui > services > export | store > core (arrows pointing down only), and no Qt below
    the UI (core, store, services, export and diagnostics never import PySide6/shiboken6)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")
    assert layers["layers"] == ["cli", "ui", "services", "export | store", "core"]
    qt = next(c for c in contracts if c["type"] == "forbidden")
    assert sorted(qt["source_modules"]) == sorted(f"nextcall.{m}" for m in QT_FREE)
    assert sorted(qt["forbidden_modules"]) == ["PySide6", "shiboken6"]

    lint_imports = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint_imports), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert f"{len(contracts)} kept, 0 broken" in done.stdout, done.stdout


def test_cli_commands_load_without_qt(tmp_path: Path) -> None:
    """`nextcall check` must not pay for (or need) Qt: run it and look at sys.modules."""
    code = (
        "import sys\n"
        "from nextcall.cli.main import main\n"
        f"rc = main(['--data-dir', {str(tmp_path)!r}, 'check'])\n"
        "assert rc == 0, rc\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip().endswith("[]"), out.stdout


def test_every_package_folder_is_listed_for_the_build() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        "nextcall" + "".join(f".{part}" for part in init.parent.relative_to(PACKAGE).parts)
        for init in PACKAGE.rglob("__init__.py")
    }
    assert found - listed == set(), "add these packages to [tool.setuptools] packages"
