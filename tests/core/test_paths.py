"""core/paths.py: the data folder and what NextCall creates in it are the user's only, whatever
the umask, and a folder that exists keeps the permissions its owner gave it."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from nextcall.core.paths import DataPaths, resolve
from nextcall.diagnostics import log_path, logger, setup_logging

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_new_folders_and_files_are_private_under_any_umask(
    tmp_path: Path, open_umask: None
) -> None:
    paths = resolve(tmp_path / "profile")
    paths.ensure()
    assert mode(paths.root) == 0o700
    assert mode(paths.ensure_settings()) == 0o600
    setup_logging(paths)
    logger.info("written")
    assert mode(paths.logs) == 0o700
    assert mode(log_path(paths)) == 0o600


def test_an_existing_folder_keeps_its_permissions(isolated_profile: DataPaths) -> None:
    isolated_profile.root.mkdir(parents=True)
    os.chmod(isolated_profile.root, 0o750)
    isolated_profile.ensure()
    assert mode(isolated_profile.root) == 0o750


def test_the_settings_file_stays_private_when_qt_rewrites_it(
    isolated_profile: DataPaths, qapp: object
) -> None:
    from PySide6.QtCore import QSettings

    settings = QSettings(str(isolated_profile.ensure_settings()), QSettings.Format.IniFormat)
    settings.setValue("window/theme", "dark")
    settings.sync()
    assert settings.status() == QSettings.Status.NoError
    assert "dark" in isolated_profile.settings.read_text()
    assert mode(isolated_profile.settings) == 0o600
