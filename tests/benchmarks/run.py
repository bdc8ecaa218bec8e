"""NextCall's benchmark suite: every figure next to a baseline measured in the same run.

    python tests/benchmarks/run.py [--quick] [--json FILE]

Generates (and caches) profiles of 1,000, 10,000 and 100,000 applications (``--quick``: 10,000
only), measures each figure as alternating subject/baseline pairs after a warm-up, and prints a
table: figure, median, p95, baseline, ratio (subject / baseline), target, pass/fail. Targets are
judged on the largest profile; the smaller ones show how each figure grows. Not part of the
test run (tests/benchmarks/test_harness.py only checks that the harness still works).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt
sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (
    Row,
    Samples,
    Settings,
    machine,
    markdown,
    replace_in_readme,
    row,
    table,
    write_json,
)
from profiles import (
    NOTE_SEARCH_WORD,
    TABLE_SEARCH_WORD,
    Profile,
    ensure_demo_profile,
    ensure_profile,
)

FULL_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (10_000,)
FLAT = 1.5  # visible-row work at the largest size may be at most this times the smallest
START_RATIO = 3.0  # process start to first paint with rows, against a bare window, any size


def _say(text: str) -> None:
    print(text, flush=True)


def _quiet_qt() -> None:
    """Drop the offscreen plugin's "does not support propagateSizeHints()" chatter."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode: object, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def measure_profile(
    profile: Profile, settings: Settings, *, largest: bool, smallest: bool
) -> dict[str, Any]:
    import figures_data
    import figures_gui
    import figures_notes
    import figures_pdf
    import figures_process
    import figures_typing
    from PySide6.QtWidgets import QApplication

    from nextcall.core.paths import resolve
    from nextcall.services.database import Database

    app = QApplication.instance() or QApplication(sys.argv[:1])
    _quiet_qt()
    results: dict[str, Any] = {}
    started = time.perf_counter()
    _say(f"· {profile.label}: cold start and peak memory (child processes)")
    results.update(figures_process.measure(profile.root, settings))
    db = Database.open(resolve(profile.root))
    try:
        _say(f"· {profile.label}: Applications tab (first rows, filter, sort, repaint, paging)")
        results.update(figures_gui.measure(app, db, TABLE_SEARCH_WORD, settings))
        _say(f"· {profile.label}: funnel and note search")
        results.update(figures_data.measure_funnel(db, settings))
        results.update(figures_data.measure_notes(db, NOTE_SEARCH_WORD, settings))
        what = " and autosave stalls while typing" if largest else ""
        _say(f"· {profile.label}: Notes tab (search as you type, open a note{what})")
        results.update(figures_notes.measure(app, db, NOTE_SEARCH_WORD, settings, stalls=largest))
        if largest:  # the typing page does not read the profile while typing
            _say(f"· {profile.label}: typing test keystroke to paint")
            results.update(figures_typing.measure(app, db, settings))
        _say(f"· {profile.label}: prep packet PDF")
        results.update(figures_pdf.measure_packet(db, settings))
        if smallest:
            _say(f"· {profile.label}: a {figures_pdf.REPORT_PAGES}-page job-search report, twice")
            results.update(figures_pdf.measure_report(db, settings))
    finally:
        db.close()
    if largest:  # the imports write into new, empty profiles of their own
        import figures_imports

        _say(
            f"· imports: a {figures_imports.CSV_ROWS:,}-row CSV and a NextCall JSON file of "
            f"{figures_imports.JSON_NOTES:,} notes, each into an empty profile"
        )
        results.update(figures_imports.measure(settings))
    if largest:  # the speech coach reads a recording, not the profile
        import figures_speech

        _say(f"· speech coach: a {figures_speech.MINUTES:g}-minute recording analysed")
        results.update(figures_speech.measure(settings))
    _say(f"· {profile.label}: done in {time.perf_counter() - started:.1f} s")
    return results


def _memory(results: dict[str, Any]) -> Samples:
    return Samples(results["memory"]["subject"], results["memory"]["baseline"])


def _growth(results: dict[int, dict[str, Any]], key: str) -> float | None:
    sizes = sorted(results)
    first, last = results[sizes[0]][key], results[sizes[-1]][key]
    low = row("", first, "", None).median_ms
    high = row("", last, "", None).median_ms
    return high / low if low and high is not None else None


def _pdf_rows(profiles: list[Profile], results: dict[int, dict[str, Any]]) -> list[Row]:
    """The packet is judged on the largest profile (issue 19: under 300 ms at 100,000
    applications and their 200,000 notes), the report on the smallest profile's applications
    repeated to about 600 pages."""
    typical = profiles[-1]
    res = results[typical.size]
    rows = [
        row(
            f"prep packet PDF, gather + lay out ({res['packet_pages']} pages), "
            f"{typical.label} profile",
            res["packet"],
            "< 300 ms median",
            lambda m, r, b: m < 300,
        )
    ]
    for profile in profiles:
        if profile is not typical:
            rows.append(
                row(
                    f"  prep packet PDF, {profile.label} profile",
                    results[profile.size]["packet"],
                    "reported",
                    None,
                )
            )
    rows += _import_rows(results[typical.size])
    first = results[profiles[0].size]
    rows.append(
        row(
            f"{first['report_pages']}-page report ({first['report_apps']:,} applications) "
            "vs plain ReportLab",
            first["report"],
            "ratio ≤ 1.3",
            lambda m, r, b: r is not None and r <= 1.3,
        )
    )
    return rows


def start_rows(demo: dict[str, Any] | None) -> list[Row]:
    """The start of the app's own sample data (40 applications), when it was measured."""
    if demo is None:
        return []
    return [
        row(
            "cold start to first paint with rows, 40 applications (sample data)",
            demo["cold_start"],
            f"ratio ≤ {START_RATIO:g}",
            lambda m, r, b: r is not None and r <= START_RATIO,
        ),
        row("  peak memory in MB (not ms), 40 applications", _memory(demo), "reported", None),
    ]


def _import_rows(res: dict[str, Any]) -> list[Row]:
    """Imports into an empty profile: CSV rows a second (from the median time) and the JSON
    file of notes."""
    import figures_imports as imports

    rows_csv, notes = imports.CSV_ROWS, imports.JSON_NOTES
    median = row("", res["csv_import"], "", None).median_ms
    rate = f"{rows_csv / median * 1000:,.0f} rows a second" if median else "?"
    return [
        row(
            f"CSV import, {rows_csv:,} rows into an empty profile ({rate})",
            res["csv_import"],
            "≥ 2,000 rows a second",
            lambda m, r, b: rows_csv / m * 1000 >= 2000,
        ),
        row(
            f"  CSV preview (every row checked), {rows_csv:,} rows",
            Samples(res["csv_preview"], []),
            "reported",
            None,
        ),
        row(
            f"JSON import, {notes:,} notes and {imports.JSON_APPS:,} applications, empty profile",
            res["json_import"],
            "< 5 s median",
            lambda m, r, b: m < 5000,
        ),
    ]


def _speech_row(res: dict[str, Any]) -> Row:
    """The speech coach's whole analysis of a recording (ms) against the signal part alone."""
    name = f"speech coach analysis of a {res['speech_minutes']:g}-minute recording"
    if res["speech_problem"]:
        return Row(
            name, None, None, None, None, f"not available ({res['speech_problem'][:70]})", None
        )
    cpu = res["speech_cpu"]
    if cpu:
        name += f" ({statistics.median(cpu):.0f} s CPU)"
    return row(name, res["speech"], "< 60 s (60,000 ms) median", lambda m, r, b: m < 60_000)


def build_rows(profiles: list[Profile], results: dict[int, dict[str, Any]]) -> list[Row]:
    largest = profiles[-1]
    res = results[largest.size]
    big = largest.label
    rows = [
        row(
            f"cold start to first paint with rows, {big} profile",
            res["cold_start"],
            f"ratio ≤ {START_RATIO:g}",
            lambda m, r, b: r is not None and r <= START_RATIO,
        ),
        row(
            f"Applications tab shows first rows, {big} (issue 3)",
            res["first_rows"],
            "< 200 ms median",
            lambda m, r, b: m < 200,
        ),
        row(
            f"filter keystroke to repaint, {big} applications",
            res["filter"],
            "< 16 ms median; ratio ≤ 0.05",
            lambda m, r, b: m < 16 and r is not None and r <= 0.05,
        ),
        row(
            f"sort a column, {big} applications",
            res["sort"],
            "< 100 ms median",
            lambda m, r, b: m < 100,
        ),
        row(
            f"note search keystroke to painted results, {largest.notes:,} notes",
            res["note_search"],
            "< 30 ms median",
            lambda m, r, b: m < 30,
        ),
        row(
            f"  reference only: FTS5 prefix query, {largest.notes:,} notes",
            res["note_fts"],
            "reference (schema index, no app code)",
            None,
        ),
    ]
    funnel_name = f"funnel over {largest.events:,} stage events"
    if res["funnel_problem"]:
        base = row("", Samples([], res["funnel"].baseline), "", None).baseline_ms
        reason = res["funnel_problem"][:70]
        rows.append(Row(funnel_name, None, None, base, None, f"not available ({reason})", None))
    else:
        rows.append(row(funnel_name, res["funnel"], "< 100 ms median", lambda m, r, b: m < 100))
    rows += [
        row(
            f"open a note (Notes tab editor), {big} profile",
            res["note_open"],
            "< 16 ms median",
            lambda m, r, b: m < 16,
        ),
        row(
            f"longest GUI-thread stall while autosaving a typed note, {largest.notes:,} notes",
            res["stall"],
            "< 16 ms (median of sessions)",
            lambda m, r, b: m < 16,
        ),
        row(
            "longest GUI-thread stall while autosaving a typed 1 MiB note",
            res["stall_big"],
            "< 16 ms (median of sessions)",
            lambda m, r, b: m < 16,
        ),
        row(
            "typing test keystroke to paint, 5-minute text, 2,000 characters typed",
            res["typing_key"],
            "< 16 ms median",
            lambda m, r, b: m < 16,
        ),
        _speech_row(res),
        *_pdf_rows(profiles, results),
        row(
            f"peak memory in MB (not ms), {big} profile open",
            _memory(res),
            "≤ 1.5 × baseline + 60 MB",
            lambda m, r, b: b is not None and m <= 1.5 * b + 60,
        ),
    ]
    several = len(profiles) > 1
    smallest = profiles[0].label
    for key, name in (
        ("repaint", "visible-row repaint"),
        ("page", "scroll to the next page (fetchMore)"),
    ):
        if several:
            factor = _growth(results, key)
            shown = "?" if factor is None else f"{factor:.2f}×"
            rows.append(
                row(
                    f"{name}, {big} applications",
                    res[key],
                    f"flat: ≤ {FLAT} × the {smallest} value (is {shown})",
                    lambda m, r, b, f=factor: f is not None and f <= FLAT,
                )
            )
        else:
            rows.append(row(f"{name}, {big} applications", res[key], "reported", None))
    for profile in profiles[:-1]:
        res, label = results[profile.size], profile.label
        rows += [
            row(
                f"cold start to first paint with rows, {label} profile",
                res["cold_start"],
                f"ratio ≤ {START_RATIO:g}",
                lambda m, r, b: r is not None and r <= START_RATIO,
            ),
            row(f"growth: first rows, {label}", res["first_rows"], "reported", None),
            row(f"growth: filter keystroke, {label}", res["filter"], "reported", None),
            row(f"growth: sort a column, {label}", res["sort"], "reported", None),
            row(f"growth: funnel, {profile.events:,} events", res["funnel"], "reported", None),
            row(
                f"growth: note search keystroke, {profile.notes:,} notes",
                res["note_search"],
                "reported",
                None,
            ),
            row(f"growth: open a note, {label}", res["note_open"], "reported", None),
            row(f"growth: peak memory MB, {label}", _memory(res), "reported", None),
            row(f"growth: visible-row repaint, {label}", res["repaint"], "reported", None),
            row(f"growth: next page (fetchMore), {label}", res["page"], "reported", None),
        ]
    return rows


def growth_table(profiles: list[Profile], results: dict[int, dict[str, Any]]) -> str:
    keys = (
        ("cold_start", "cold start"),
        ("first_rows", "first rows"),
        ("filter", "filter"),
        ("sort", "sort"),
        ("funnel", "funnel"),
        ("note_search", "note search"),
        ("note_open", "open a note"),
        ("repaint", "visible-row repaint"),
        ("page", "next page"),
    )
    labels = [p.label for p in profiles]
    lines = ["growth of the subject's median (ms): " + " → ".join(labels)]
    for key, name in keys:
        values = [row("", results[p.size][key], "", None).median_ms for p in profiles]
        text = " → ".join("—" if v is None else f"{v:,.1f}" for v in values)
        factor = _growth(results, key)
        lines.append(f"  {name:<20} {text}" + ("" if factor is None else f"   (×{factor:.1f})"))
    memory = [row("", _memory(results[p.size]), "", None).median_ms for p in profiles]
    lines.append(f"  {'peak memory (MB)':<20} " + " → ".join(f"{m:,.0f}" for m in memory if m))
    return "\n".join(lines)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the 10,000 profile only (< 60 s)")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the rows as JSON")
    parser.add_argument(
        "--readme",
        metavar="FILE",
        type=Path,
        help="also put the table into FILE between its benchmark markers (README.md)",
    )
    # For the smoke test only: tiny profiles and few runs.
    parser.add_argument("--sizes", help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    started = time.perf_counter()
    if args.quick:
        sizes, settings = QUICK_SIZES, Settings(runs=5, budget_s=6.0, session_s=2.0)
    else:
        sizes, settings = FULL_SIZES, Settings()
    if args.sizes:
        sizes = tuple(int(s) for s in args.sizes.split(","))
    if args.runs:
        settings.runs = args.runs
        settings.min_runs = min(settings.min_runs, args.runs)
        settings.session_s = 0.4
    _say("NextCall benchmarks: subject and baseline alternate (A B A B) after a warm-up pair;")
    _say("median and p95 of the subject, median of the baseline, ratio = subject / baseline.")
    _say(machine())
    profiles = []
    for size in sorted(sizes):
        profile = ensure_profile(size)
        how = f"generated in {profile.seconds:.1f} s" if profile.seconds else "cached"
        _say(
            f"profile {profile.label}: {profile.applications:,} applications, "
            f"{profile.events:,} stage events, {profile.notes:,} notes, "
            f"{profile.follow_ups:,} follow-ups ({how}: {profile.root})"
        )
        profiles.append(profile)
    if args.runs:  # the smoke test: a short report is enough to prove the figure runs
        import figures_imports
        import figures_pdf
        import figures_speech

        figures_pdf.REPORT_PAGES = 8
        figures_speech.MINUTES = 0.5
        figures_imports.CSV_ROWS, figures_imports.JSON_NOTES = 200, 500
        figures_imports.JSON_APPS = profiles[0].size
    demo = None
    if not args.runs:  # (the smoke test skips it)
        import figures_process

        _say("· 40 applications (sample data): cold start and peak memory (child processes)")
        demo = figures_process.measure(ensure_demo_profile(), settings)
    results = {
        p.size: measure_profile(p, settings, largest=p is profiles[-1], smallest=p is profiles[0])
        for p in profiles
    }
    rows = start_rows(demo) + build_rows(profiles, results)
    _say("")
    _say(table(rows))
    _say("")
    if len(profiles) > 1:
        _say(growth_table(profiles, results))
        _say("")
    first, after = results[profiles[-1].size]["page_rows"]
    _say("notes: times are milliseconds except peak memory (MB). Filter times start after the")
    _say("search box's 120 ms debounce. Cold start runs with a warm OS file cache; every Qt")
    _say("figure paints offscreen. Baselines: cold start and memory — a bare PySide6 QMainWindow")
    _say("process; table figures — all rows in a QStandardItemModel behind a")
    _say("QSortFilterProxyModel; funnel — a Python loop over every event loaded from the")
    _say(
        "database; note search — LIKE '%word%' over notes (SQL only). Next page: one step took "
        f"the view from {first} to {after} loaded rows."
    )
    stall = results[profiles[-1].size]["stall_info"]
    about = (
        "Notes tab: the search runs on the panel's worker thread; a keystroke is timed from "
        "setting the search text (its 200 ms debounce skipped) until the hits are painted, "
        "waiting with processEvents(). Open a note: NotesTab.show_note(id), processEvents(), "
        "editor repaint. Stalls: the longest gap between ticks of a 1 ms QTimer while "
        f"QTest.keyClicks types a word every {stall['every_ms']} ms ({settings.session_s:g} s "
        "sessions with pauses); each sample is one session's longest gap, which includes "
        f"the typing itself (longest word burst: {stall['stall']['burst']:.1f} ms, "
        f"{stall['stall_big']['burst']:.1f} ms in the 1 MiB note; autosaves during the measured "
        f"sessions: {stall['stall']['saves']:.0f} and {stall['stall_big']['saves']:.0f})."
    )
    for text in textwrap.wrap(about, 92):
        _say(text)
    if args.json:
        write_json(rows, args.json)
        _say(f"wrote {args.json}")
    if args.readme:
        sizes_text = ", ".join(
            f"{p.applications:,} applications / {p.events:,} events / {p.notes:,} notes"
            for p in profiles
        )
        where = f"Measured on {machine().replace(chr(10), '; ')}. Profiles: {sizes_text}."
        replace_in_readme(args.readme, markdown(rows, where))
        _say(f"wrote the table into {args.readme}")
    _say(f"wall time: {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
