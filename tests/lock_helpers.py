"""Another process holding a data folder's writer lock, for the one-writer tests."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from nextcall.store.writer_lock import APP_ROLE

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from nextcall.store.writer_lock import WriterLock
    lock = WriterLock(Path(sys.argv[1]), sys.argv[2]).acquire()
    print("held", flush=True)
    time.sleep(float(sys.argv[3]))
    lock.release()
    print("released", flush=True)
    time.sleep(60)
    """
)


def hold_in_child(
    folder: Path, role: str = APP_ROLE, release_after: float = 60.0
) -> subprocess.Popen[str]:
    """A child process that holds the lock (as the app, or as a command) until it is killed,
    or lets go after ``release_after`` seconds."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder), role, str(release_after)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "held"
    return child
