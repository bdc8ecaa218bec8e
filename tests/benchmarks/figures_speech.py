"""The speech coach on a 5-minute recording: the whole analysis (reading, pace and pauses,
PocketSphinx over every piece) against its target of under a minute on 2 cores, beside the
signal part alone (no recogniser) as the baseline.

    python tests/benchmarks/figures_speech.py [--minutes 5]

Needs espeak-ng, which speaks the recording (call-center passages at three rates with pauses
and one stretch of dead air a minute). Not part of the test run.
"""

from __future__ import annotations

import argparse
import array
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nextcall.core import speech
from nextcall.export.wav import read_wav, write_wav
from nextcall.services import speech as service
from speech_helpers import BILLING, DELIVERY

TARGET_S = 60.0


def recording(folder: Path, minutes: float) -> Path:
    """``minutes`` of espeak-ng speech at 16 kHz with a 3.5 s silence every minute."""
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise SystemExit("espeak-ng is not installed: it speaks the benchmark's recording")
    samples = array.array("h")
    next_gap = 60.0
    k = 0
    while len(samples) < minutes * 60 * speech.RATE:
        text = (BILLING, DELIVERY)[k % 2]
        out = folder / f"part{k % 6}.wav"
        if not out.exists():
            rate = (120, 150, 180)[k % 3]
            subprocess.run([espeak, "-s", str(rate), "-w", str(out), text], check=True)
        pcm = read_wav(out)
        samples.extend(speech.resample(pcm.samples, pcm.rate))
        samples.extend([0] * (speech.RATE // 2))
        if len(samples) >= next_gap * speech.RATE:
            samples.extend([0] * int(3.5 * speech.RATE))
            next_gap += 60
        k += 1
    del samples[int(minutes * 60 * speech.RATE) :]
    return write_wav(folder / "five-minutes.wav", samples.tobytes(), speech.RATE)


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished child processes."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = recording(Path(folder), args.minutes)
        start = time.perf_counter()
        signal_only = service.analyse(path, recogniser=None)
        baseline = time.perf_counter() - start
        cpu_before = _cpu()
        start = time.perf_counter()
        report = service.analyse(path)
        elapsed = time.perf_counter() - start
        cpu = _cpu() - cpu_before
    figure = f"speech analysis of {args.minutes:g} min"
    print(f"cores: {os.cpu_count()}  load: {os.getloadavg()[0]:.1f}")
    print(f"{'figure':40} {'seconds':>8} {'baseline':>9} {'target':>8}  result")
    verdict = "pass" if elapsed < TARGET_S else "FAIL"
    print(f"{figure:40} {elapsed:8.1f} {baseline:9.1f} {TARGET_S:8.0f}  {verdict}")
    cores = os.cpu_count() or 1
    print(
        f"  CPU time {cpu:.1f} s over this process and its workers: {cpu / cores:.1f} s on "
        f"{cores} idle cores (the wall time above includes whatever else the machine ran)"
    )
    print(
        f"  {report.signal.wpm:.0f} wpm (signal only: {signal_only.signal.wpm:.0f}), "
        f"{len(report.signal.dead_air)} dead air, {len(report.heard)} words recognised"
    )
    return 0 if elapsed < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
