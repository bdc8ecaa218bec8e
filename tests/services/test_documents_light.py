"""The documents service (the Export tab's) loads without the speech analysis: its processes
and WAV reader come when a document is made with speech figures in it."""

from __future__ import annotations

import subprocess
import sys


def test_documents_load_without_the_speech_service() -> None:
    code = (
        "import sys\n"
        "import nextcall.services.documents\n"
        "print(sorted(m for m in ('nextcall.services.speech', 'multiprocessing')"
        " if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
