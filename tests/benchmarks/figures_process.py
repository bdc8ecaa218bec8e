"""Figures measured in child processes: cold start to first paint, and peak memory.

Subject: the app (``child_app.py``: ``nextcall.cli.main:main`` in-process, like ``python -m
nextcall``) over the profile, with NEXTCALL_QUIT_AFTER_FIRST_PAINT=1. Baseline: ``child_bare.py``,
a bare PySide6 QMainWindow. Time runs from just before spawning to reading ``first-paint`` on
the child's stdout. Peak memory is each child's own peak RSS as it exits: VmHWM from
/proc/self/status (``ru_maxrss`` would include the parent's RSS, inherited through fork/exec).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from harness import Settings, alternate

HERE = Path(__file__).resolve().parent
TIMEOUT_S = 120


class ChildError(RuntimeError):
    pass


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("NEXTCALL_DATA_DIR", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["NEXTCALL_QUIT_AFTER_FIRST_PAINT"] = "1"
    return env


def spawn(command: list[str]) -> tuple[float, float]:
    """(milliseconds from spawn to ``first-paint``, peak RSS in MB)."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=errors, text=True, env=_env()
        )
        assert child.stdout is not None
        watchdog = threading.Timer(TIMEOUT_S, child.kill)  # a hung child cannot hang the run
        watchdog.start()
        try:
            painted = None
            for line in child.stdout:
                if line.strip() == "first-paint":
                    painted = (time.perf_counter() - started) * 1000.0
                    break
            rest = child.stdout.read()  # (not communicate(): it would skip what is buffered)
            child.stdout.close()
            child.wait()
        finally:
            watchdog.cancel()
        rss = [line.split()[1] for line in rest.splitlines() if line.startswith("peak-kb ")]
        if painted is None or not rss or child.returncode != 0:
            errors.seek(0)
            raise ChildError(
                f"{' '.join(command)} exited {child.returncode} without a first paint or peak "
                f"memory: {errors.read().decode(errors='replace')[-2000:]}"
            )
    return painted, int(rss[0]) / 1024.0


def measure(profile_root: Path, settings: Settings) -> dict[str, Any]:
    app = [sys.executable, str(HERE / "child_app.py"), "--data-dir", str(profile_root)]
    bare = [sys.executable, str(HERE / "child_bare.py")]
    memory: dict[str, list[float]] = {"subject": [], "baseline": []}

    def run(command: list[str], key: str) -> float:
        elapsed, peak = spawn(command)
        memory[key].append(peak)
        return elapsed

    samples = alternate(lambda _n: run(app, "subject"), lambda _n: run(bare, "baseline"), settings)
    return {"cold_start": samples, "memory": memory}
