"""The one place that decides where NextCall keeps its files.

The default is the platform's user data folder (platformdirs). ``--data-dir`` on the command line
or the ``NEXTCALL_DATA_DIR`` environment variable override it, so tests and portable installs
never touch the real profile.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

ENV_VAR = "NEXTCALL_DATA_DIR"
DB_NAME = "nextcall.sqlite3"


@dataclass(frozen=True)
class DataPaths:
    """Every path NextCall writes to, derived from one root folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DB_NAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def recordings(self) -> Path:
        """Practice calls recorded for the voice check (WAV files)."""
        return self.root / "recordings"

    @property
    def settings(self) -> Path:
        return self.root / "settings.ini"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def ensure(self) -> DataPaths:
        """Create the root folder, readable by the user only. A folder that exists keeps the
        permissions its owner gave it: they are never changed behind the user's back."""
        private_folder(self.root)
        return self

    def ensure_settings(self) -> Path:
        """The settings file, created readable by the user only when it is missing."""
        private_file(self.ensure().settings)
        return self.settings


def private_folder(folder: Path) -> Path:
    """Create ``folder`` (and missing parents) as 0700 whatever the umask; an existing one is
    left as it is."""
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix":
            os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
    return folder


def private_file(path: Path) -> Path:
    """Create ``path`` empty as 0600 when it is missing, its folder as ``private_folder`` does
    (programs that rewrite a file, such as QSettings, keep the permissions of the one they
    replace)."""
    if not path.exists():
        private_folder(path.parent)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # created meanwhile by another process: theirs is as good
            return path
        os.close(fd)
        if os.name == "posix":
            os.chmod(path, 0o600)
    return path


def default_root() -> Path:
    return Path(platformdirs.user_data_dir("NextCall", appauthor=False, roaming=True))


def resolve(data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
    """The data paths: an explicit folder first, then the environment, then the platform."""
    if data_dir:
        root = Path(data_dir)
    elif os.environ.get(ENV_VAR):
        root = Path(os.environ[ENV_VAR])
    else:
        root = default_root()
    return DataPaths(root.expanduser().resolve())
