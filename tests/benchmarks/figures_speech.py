"""The speech coach on a 5-minute recording: the whole analysis (reading, pace and pauses,
PocketSphinx over the speech, in two processes on two cores) against its target of under a
minute, beside the signal part alone (no recogniser) as the baseline. CPU seconds (this process
and its workers) are kept beside the wall time: on a shared machine the wall time includes
whatever else ran.

Part of the benchmark suite (run.py); also on its own:

    python tests/benchmarks/figures_speech.py [--minutes 5]

Needs espeak-ng, which speaks the recording (call-center passages at three rates with short
pauses and one stretch of dead air a minute).
"""

from __future__ import annotations

import argparse
import array
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Samples, Settings, alternate, timed

from nextcall.core import speech
from nextcall.export.wav import read_wav, write_wav
from speech_helpers import BILLING, DELIVERY

MINUTES = 5.0  # run.py's smoke test makes it shorter
TARGET_MS = 60_000.0


def recording(folder: Path, minutes: float) -> Path:
    """``minutes`` of espeak-ng speech at 16 kHz: 0.5 s between passages, and a 3.5 s
    silence every minute."""
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise FileNotFoundError("espeak-ng is not installed: it speaks the recording")
    samples = array.array("h")
    next_gap = 60.0
    k = 0
    while len(samples) < minutes * 60 * speech.RATE:
        text = (BILLING, DELIVERY)[k % 2]
        out = folder / f"part{k % 6}.wav"
        if not out.exists():
            rate = (120, 150, 180)[k % 3]
            subprocess.run(
                [espeak, "-s", str(rate), "-w", str(out), text], check=True, capture_output=True
            )
        pcm = read_wav(out)
        samples.extend(speech.resample(pcm.samples, pcm.rate))
        samples.extend([0] * (speech.RATE // 2))
        if len(samples) >= next_gap * speech.RATE:
            samples.extend([0] * int(3.5 * speech.RATE))
            next_gap += 60
        k += 1
    del samples[int(minutes * 60 * speech.RATE) :]
    return write_wav(folder / "recording.wav", samples.tobytes(), speech.RATE)


def cpu_seconds() -> float:
    """CPU seconds used so far by this process and its finished child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(settings: Settings, minutes: float | None = None) -> dict[str, Any]:
    """Subject: ``services.speech.analyse`` of the whole recording (the speech coach's
    analysis, recognition included). Baseline: the same with ``recogniser=None`` (reading,
    pace, pauses and loudness only). At most three pairs and no warm-up: one analysis takes
    tens of seconds, and starting the recogniser's processes is part of what a user waits
    for."""
    from nextcall.services import speech as service

    length = MINUTES if minutes is None else minutes
    out: dict[str, Any] = {"speech_minutes": length, "speech_cpu": [], "speech_problem": ""}
    folder = tempfile.TemporaryDirectory(prefix="nextcall-bench-speech-")
    try:
        try:
            path = recording(Path(folder.name), length)
        except (OSError, subprocess.CalledProcessError) as exc:
            out["speech"] = Samples()
            out["speech_problem"] = str(exc)
            return out
        heard: list[int] = []

        def subject(_n: int) -> None:
            before = cpu_seconds()
            report = service.analyse(path)
            out["speech_cpu"].append(cpu_seconds() - before)
            heard.append(len(report.heard))

        def baseline(_n: int) -> None:
            service.analyse(path, recogniser=None)

        few = Settings(runs=min(settings.runs, 3), min_runs=1, warmup=0, budget_s=60.0)
        out["speech"] = alternate(timed(subject), timed(baseline), few)
        out["speech_words"] = heard[-1] if heard else 0
    finally:
        folder.cleanup()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--minutes", type=float, default=MINUTES)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    res = measure(Settings(runs=args.runs), args.minutes)
    if res["speech_problem"]:
        print(f"not measured: {res['speech_problem']}")
        return 1
    samples: Samples = res["speech"]
    cores = os.cpu_count() or 1
    print(f"cores: {cores}  load: {os.getloadavg()[0]:.1f}")
    for wall, cpu in zip(samples.subject, res["speech_cpu"], strict=True):
        verdict = "pass" if wall < TARGET_MS else "FAIL"
        print(
            f"speech analysis of {args.minutes:g} min: {wall / 1000:.1f} s wall, {cpu:.1f} s CPU "
            f"(signal only: {min(samples.baseline) / 1000:.1f} s); target < "
            f"{TARGET_MS / 1000:.0f} s: {verdict}"
        )
    print(f"{res['speech_words']} words recognised")
    return 0 if max(samples.subject) < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
