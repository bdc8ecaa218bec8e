"""The data and domain layers never import Qt, so they run without a screen (and the CLI too)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "desktop" / "nextcall"
QT_FREE = ("core", "store", "services", "export")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", QT_FREE)
def test_layer_never_imports_qt(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"no modules found under {layer}/"
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in files
        for name in _imports(path)
        if name.split(".")[0] in {"PySide6", "shiboken6", "nextcall"}
        and (name.startswith(("PySide6", "shiboken6")) or name.startswith("nextcall.ui"))
    ]
    assert offenders == []


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
    import tomllib

    config = tomllib.loads((PACKAGE.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        "nextcall" + "".join(f".{part}" for part in init.parent.relative_to(PACKAGE).parts)
        for init in PACKAGE.rglob("__init__.py")
    }
    assert found - listed == set(), "add these packages to [tool.setuptools] packages"
