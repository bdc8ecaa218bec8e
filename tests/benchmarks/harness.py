"""Timing, statistics and reporting shared by every figure.

Every figure is measured as pairs: subject and baseline alternate (A B A B ...) after a warm-up
pair, so whatever else the shared machine is doing hits both. Rows carry the median and p95 of
the subject, the median of the baseline, and their ratio.
"""

from __future__ import annotations

import gc
import json
import os
import platform
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

Measure = Callable[[int], float]  # run number -> milliseconds


@dataclass
class Settings:
    runs: int = 7  # measured pairs per figure (fewer when a figure runs out of budget)
    min_runs: int = 3
    warmup: int = 1
    budget_s: float = 25.0  # per figure, measured pairs only
    session_s: float = 3.0  # one typing session of the autosave stall figures


@dataclass
class Samples:
    subject: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)


@dataclass
class Row:
    figure: str
    median_ms: float | None
    p95_ms: float | None
    baseline_ms: float | None
    ratio: float | None
    target: str
    passed: bool | None

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["pass"] = data.pop("passed")
        return data


def percentile(values: list[float], share: float) -> float:
    """Linear interpolation between the closest ranks (share in 0..1)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def timed(action: Callable[[int], object]) -> Measure:
    """Wrap an action so it returns its own duration in milliseconds."""

    def run(number: int) -> float:
        gc.collect()
        started = time.perf_counter()
        action(number)
        return (time.perf_counter() - started) * 1000.0

    return run


def alternate(subject: Measure | None, baseline: Measure | None, settings: Settings) -> Samples:
    """Warm-up pairs, then measured pairs A B A B ... until ``runs`` or the time budget."""
    samples = Samples()
    number = 0
    for _ in range(settings.warmup):
        for measure in (subject, baseline):
            if measure is not None:
                measure(number)
        number += 1
    started = time.perf_counter()
    for run in range(settings.runs):
        if run >= settings.min_runs and time.perf_counter() - started > settings.budget_s:
            break
        if subject is not None:
            samples.subject.append(subject(number))
        if baseline is not None:
            samples.baseline.append(baseline(number))
        number += 1
    return samples


def row(
    figure: str,
    samples: Samples,
    target: str,
    check: Callable[[float, float | None, float | None], bool] | None,
) -> Row:
    """A table row; ``check(median, ratio, baseline median)`` decides pass or fail."""
    median = statistics.median(samples.subject) if samples.subject else None
    p95 = percentile(samples.subject, 0.95) if samples.subject else None
    base = statistics.median(samples.baseline) if samples.baseline else None
    ratio = median / base if median is not None and base else None
    passed = check(median, ratio, base) if check is not None and median is not None else None
    return Row(figure, _round(median), _round(p95), _round(base), _round(ratio, 3), target, passed)


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


# -- output ------------------------------------------------------------------------------------


def _fmt(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


def table(rows: list[Row]) -> str:
    headers = ("figure", "median", "p95", "baseline", "ratio", "target", "pass")
    cells = [
        (
            r.figure,
            _fmt(r.median_ms),
            _fmt(r.p95_ms),
            _fmt(r.baseline_ms),
            _fmt(r.ratio, 3),
            r.target,
            {True: "pass", False: "FAIL", None: "—"}[r.passed],
        )
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    right = {1, 2, 3, 4}

    def line(values: tuple[str, ...]) -> str:
        return "  ".join(
            v.rjust(widths[i]) if i in right else v.ljust(widths[i]) for i, v in enumerate(values)
        ).rstrip()

    out = [line(headers), line(tuple("-" * w for w in widths))]
    out += [line(c) for c in cells]
    return "\n".join(out)


def write_json(rows: list[Row], path: Path) -> None:
    data = json.dumps([r.as_json() for r in rows], indent=2, ensure_ascii=False)
    path.write_text(data + "\n", encoding="utf-8")


def machine() -> str:
    """One paragraph describing where the figures were measured."""
    cpu = platform.processor() or platform.machine()
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        for text in Path("/proc/meminfo").read_text().splitlines():
            if text.startswith("MemTotal"):
                memory = f"{int(text.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        load = " / ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        load = "?"
    import PySide6
    from PySide6 import QtCore

    return (
        f"machine: {cpu}; {os.cpu_count()} cores ({usable} usable); {memory} memory; "
        f"load {load}\n"
        f"software: {platform.system()} {platform.release()}; Python "
        f"{platform.python_version()}; PySide6 {PySide6.__version__} (Qt {QtCore.qVersion()}); "
        f"SQLite {sqlite3.sqlite_version}\n"
        f"display: QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '(default)')} "
        "(offscreen still rasterises every paint into memory; no compositor, no vsync)"
    )


README_START = "<!-- benchmarks:start (written by tests/benchmarks/run.py --readme) -->"
README_END = "<!-- benchmarks:end -->"


def markdown(rows: list[Row], where: str) -> str:
    """The rows as a Markdown table, preceded by where they were measured."""
    verdict = {True: "pass", False: "**miss**", None: ""}
    lines = [
        where,
        "",
        "| figure | median ms | p95 ms | baseline ms | ratio | target | |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for r in rows:
        cells = (
            r.figure.strip().replace("|", "/"),
            _fmt(r.median_ms),
            _fmt(r.p95_ms),
            _fmt(r.baseline_ms),
            _fmt(r.ratio, 3),
            r.target.replace("|", "/"),
            verdict[r.passed],
        )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def replace_in_readme(path: Path, text: str) -> None:
    """Put ``text`` between the README's benchmark markers (which must already be there)."""
    readme = path.read_text(encoding="utf-8")
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < start:
        raise SystemExit(f"{path}: the markers {README_START!r} … {README_END!r} are missing")
    head = readme[: start + len(README_START)]
    path.write_text(f"{head}\n{text}\n{readme[end:]}", encoding="utf-8")
