"""`nextcall voice FILE.wav [--script FILE.txt] [--json]`: the speech coach on a recording."""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

from nextcall.cli.common import SubParsers, command, say, say_json
from nextcall.core.errors import NextCallError


def _read_script(path: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise NextCallError(f"the script {path} is not UTF-8 text") from None
    except OSError as exc:
        raise NextCallError(f"cannot read the script {path}: {exc.strerror or exc}") from None
    if not text.split():
        raise NextCallError(f"the script {path} holds no words")
    return text


def _cmd_voice(args: argparse.Namespace) -> int:
    from nextcall.core import speech
    from nextcall.services.speech import analyse

    script = _read_script(args.script) if args.script else None
    report = analyse(Path(args.file), script=script)
    if args.json:
        say_json(report.as_json())
        return 0
    s = report.signal
    say(f"{Path(args.file).name}: {s.duration_s:.1f} s")
    say(f"Pace:          {s.wpm:.0f} words a minute (about {s.words:.0f} words)")
    say(f"               target: {speech.PACE_TARGET}")
    paces = [f"{speech.seconds_label(st.start_s)} {st.wpm:.0f}" for st in s.stretches if st.wpm]
    if len(paces) > 1:
        say(f"               per 15 s: {', '.join(paces)}")
    if s.dead_air:
        where = ", ".join(
            f"{speech.seconds_label(p.start_s)} ({p.seconds:.1f} s)" for p in s.dead_air
        )
        say(f"Dead air:      {len(s.dead_air)}: at {where}")
    else:
        say("Dead air:      none")
    say(f"               target: {speech.DEAD_AIR_TARGET}")
    say(f"Longest pause: {s.longest_pause_s:.1f} s  (target: {speech.PAUSE_TARGET})")
    loudness = f"{s.loudness_dbfs:.0f} dBFS".replace("-", "−")
    say(f"Loudness:      {loudness} over speech  (target: {speech.LOUDNESS_TARGET})")
    if s.clipped_share > 0.01:
        say(f"               {s.clipped_share:.0%} of the speech distorted (clipped)")
    say(f"Fillers:       {report.fillers} (an estimate; target: as few as you can)")
    if report.read_aloud is not None:
        r = report.read_aloud
        say(
            f"Read aloud:    {r.matched_words} of {r.script_words} words matched "
            f"({r.match_rate:.0%}); target: {speech.MATCH_TARGET}"
        )
        if r.skipped:
            for line in textwrap.wrap("Not heard: " + " ".join(r.skipped), 85):
                say(f"               {line}")
    say("")
    for line in textwrap.wrap("Heard (rough): " + (report.transcript or "(nothing)"), 100):
        say(line)
    say("")
    for finding in speech.findings(report):
        for line in textwrap.wrap(finding, 100):
            say(line)
    return 0


def register(sub: SubParsers) -> None:
    parser = command(
        sub,
        "voice",
        _cmd_voice,
        "analyse a recording: pace, dead air, pauses, loudness, fillers, transcript",
        writes=False,
    )
    parser.add_argument("file", metavar="FILE.wav", help="a PCM WAV file, 8-48 kHz, mono or stereo")
    parser.add_argument(
        "--script",
        metavar="FILE.txt",
        help="the passage that was read aloud: also report how much of it was heard",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print only a JSON object: duration_s, words, wpm, longest_pause_s, dead_air "
        "(list of start_s, seconds), fillers, loudness_dbfs, transcript; with --script also "
        "script_words, matched_words, match_rate (0-1), skipped",
    )
