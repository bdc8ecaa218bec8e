"""PySide6 asks about every module imported after it whether its source mentions PySide6; the
lighter check (ui/pyside_hook.py) gives the same answers without keeping the source in memory."""

from __future__ import annotations

import linecache
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import nextcall.ui  # noqa: F401  (installs the lighter check, as the app does)
from nextcall.ui.pyside_hook import FEATURE_MODULE, lighten_feature_check


@pytest.fixture
def module_folder(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))


def test_a_module_imported_later_leaves_no_source_behind(module_folder: Path) -> None:
    (module_folder / "nc_hook_plain.py").write_text("VALUE = 1\n" * 200)
    (module_folder / "nc_hook_qt.py").write_text("from PySide6 import QtCore\nVALUE = 2\n")
    # (an import statement: PySide hooks ``__import__``, which importlib.import_module skips)
    plain = __import__("nc_hook_plain")
    qt = __import__("nc_hook_qt")
    assert plain.__file__ not in linecache.cache and qt.__file__ not in linecache.cache
    # The same answers PySide's own check gives: uses PySide (0) or to be ignored (-1).
    answers = sys.modules[FEATURE_MODULE].pyside_feature_dict
    assert answers["nc_hook_plain"] == -1
    assert answers["nc_hook_qt"] == 0
    for name in ("nc_hook_plain", "nc_hook_qt"):
        del sys.modules[name]


def test_installing_twice_keeps_one_check() -> None:
    feature = sys.modules[FEATURE_MODULE]
    check = feature._mod_uses_pyside
    assert lighten_feature_check() is True
    assert feature._mod_uses_pyside is check
    assert getattr(check, "nextcall_light", False)
