"""The speech coach: read a WAV file, measure it (core/speech.py), run the offline recogniser
(PocketSphinx, loaded only here and only when used) for the transcript, the fillers and the
read-aloud match, and keep the result as a test score of kind "speech".

The recogniser is one function, ``recognise``; ``analyse`` takes another in its place so tests
can run the signal part without it. Only the speech goes to the recogniser: the silences the
signal analysis found are left out, and long stretches of speech are cut at shorter pauses
into pieces of at most ``PIECE_S`` seconds, which a machine with several cores decodes in
parallel processes (the recogniser holds the GIL). A 5-minute recording takes about 35 s of
CPU, under 20 s on 2 idle cores (tests/benchmarks/figures_speech.py, in the benchmark suite).
"""

from __future__ import annotations

import array
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nextcall.core import speech
from nextcall.core.errors import NextCallError
from nextcall.core.speech import SpeechReport, Word
from nextcall.export.packet_data import SpeechFigure
from nextcall.export.wav import RecordingError, read_wav

if TYPE_CHECKING:
    from nextcall.services.database import Database

PIECE_S = 20.0  # the longest piece handed to the recogniser at once
# Silences this long or longer are not handed to the recogniser (it finds no words in them and
# spends as long on them as on speech); PAD_S of each is kept around the speech beside it.
GAP_S = 0.6
PAD_S = 0.15
MIN_RANGE_S = 0.2  # a shorter range left between two silences holds no word
PARALLEL_FROM_S = 45.0  # shorter recordings are decoded in this process
# A narrower, single-pass search than PocketSphinx's defaults (no second "flat" pass, at most
# 3,000 active states a frame, tighter beams). Measured on espeak-ng readings of the two test
# passages (voices en-us and en at 100, 140 and 180 words a minute, 4 min 25 s in all), CPU
# seconds per second of sound, share of words missed, read-aloud match: defaults 0.32, 0.78,
# 54-87 %; the earlier 5,000 states and beam 1e-48 0.27, 0.78, 54-87 %; these 0.12, 0.78,
# 57-85 %, every word left out of a reading still reported as not heard.
DECODER_OPTIONS: dict[str, Any] = {
    "maxhmmpf": 3000,
    "beam": 1e-40,
    "wbeam": 1e-24,
    "fwdflat": False,
    "loglevel": "FATAL",
}

Progress = Callable[[float, str], None]  # share done (0-1), what is happening
Recogniser = Callable[[Sequence[int], Progress, Callable[[], bool]], list[Word]]


class SpeechAnalysisError(NextCallError):
    """A recording the speech coach cannot analyse; the message says which and why."""


class AnalysisCancelledError(NextCallError):
    def __init__(self) -> None:
        super().__init__("The analysis was cancelled.")


def load(path: Path) -> tuple[array.array[int], float]:
    """The recording as 16 kHz mono samples and its original length (s)."""
    name = Path(path).name
    if not Path(path).is_file():
        raise SpeechAnalysisError(f"cannot analyse {name}: there is no such file")
    if Path(path).stat().st_size == 0:
        raise SpeechAnalysisError(f"cannot analyse {name}: the file is empty")
    try:
        pcm = read_wav(Path(path), mix_down=True, max_seconds=speech.MAX_SECONDS)
        speech.check_recording(pcm.samples, pcm.rate)
    except RecordingError as exc:
        raise SpeechAnalysisError(f"cannot analyse {name}: {exc}") from None
    except speech.SpeechError as exc:
        raise SpeechAnalysisError(f"cannot analyse {name}: {exc}") from None
    return speech.resample(pcm.samples, pcm.rate), pcm.duration_s


# -- the recogniser ---------------------------------------------------------------------------

_decoders: dict[str, Any] = {}  # by language model: "" for the general English one


def _script_model(script: str) -> str:
    """An ARPA language model of the passage (and the fillers), written to a temporary file
    whose path is returned: with it the recogniser expects the passage's words in order, which
    on espeak-ng readings raised the share of words matched from 15-35 % to over 80 % while
    words left out were still reported as not heard."""
    import io
    import tempfile

    from pocketsphinx.lm import ArpaBoLM

    words = " ".join(w for w in (speech.normalise(t) for t in script.split()) if w)
    model = ArpaBoLM(text=f"{words}\num\nuh\n", discount_mass=0.5, case="lower", add_start=True)
    model.compute()
    out = io.StringIO()
    model.write(out)
    with tempfile.NamedTemporaryFile(
        "w", suffix=".arpa", prefix="nextcall-script-", delete=False, encoding="utf-8"
    ) as handle:
        handle.write(out.getvalue())
    return handle.name


def _decode(data: bytes, offset_s: float, script: str = "") -> list[tuple[str, float, float]]:
    """One piece of 16 kHz 16-bit PCM: (word, start, end) in seconds of the recording. With a
    ``script``, recognition expects that passage (see ``_script_model``)."""
    decoder = _decoders.get(script)
    if decoder is None:
        from pocketsphinx import Decoder  # ~40 MB of model: loaded only for an analysis

        options = dict(DECODER_OPTIONS)
        model = _script_model(script) if script else None
        if model is not None:
            options["lm"] = model
        try:
            decoder = Decoder(samprate=speech.RATE, **options)
        finally:
            if model is not None:
                Path(model).unlink(missing_ok=True)
        _decoders.clear()  # one passage at a time: keep memory flat
        _decoders[script] = decoder
    decoder.start_utt()
    decoder.process_raw(data, full_utt=True)
    decoder.end_utt()
    frame_s = 0.01
    out = []
    for seg in decoder.seg():
        word = seg.word
        if word.startswith(("<", "[", "+")):  # <s>, </s>, <sil>, [NOISE], +SMACK+
            continue
        text = speech.normalise(word) or word
        out.append((text, offset_s + seg.start_frame * frame_s, offset_s + seg.end_frame * frame_s))
    return out


def pieces(samples: Sequence[int], pauses: Sequence[speech.Pause]) -> list[tuple[int, int]]:
    """The sample ranges handed to the recogniser: the recording less its silences of
    ``GAP_S`` or more (``PAD_S`` of each kept on either side), each range at most ``PIECE_S``
    long, cut in the middle of a shorter pause where possible."""
    rate = speech.RATE
    pad, shortest = round(PAD_S * rate), round(MIN_RANGE_S * rate)
    spoken: list[tuple[int, int]] = []
    start = 0
    for pause in sorted(pauses, key=lambda p: p.start_s):
        if pause.seconds < GAP_S:
            continue
        quiet_from = round(pause.start_s * rate) + pad
        quiet_to = round((pause.start_s + pause.seconds) * rate) - pad
        if quiet_from - start >= shortest:
            spoken.append((start, quiet_from))
        start = max(start, quiet_to)
    if len(samples) - start >= shortest or not spoken:
        spoken.append((start, len(samples)))
    longest = int(PIECE_S * rate)
    cuts = sorted(int((p.start_s + p.seconds / 2) * rate) for p in pauses)
    out: list[tuple[int, int]] = []
    for start, end in spoken:
        while end - start > longest:
            inside = [c for c in cuts if start + rate < c <= start + longest]
            cut = inside[-1] if inside else start + longest
            out.append((start, cut))
            start = cut
        out.append((start, end))
    return out


def recognise(
    samples: Sequence[int],
    progress: Progress,
    cancelled: Callable[[], bool],
    pauses: Sequence[speech.Pause] = (),
    script: str = "",
) -> list[Word]:
    """The words PocketSphinx hears in 16 kHz ``samples`` (AnalysisCancelledError when asked
    to stop)."""
    data = samples if isinstance(samples, array.array) else array.array("h", samples)
    ranges = pieces(data, pauses)
    jobs = [(data[a:b].tobytes(), a / speech.RATE) for a, b in ranges]
    total = max(sum(b - a for a, b in ranges) / speech.RATE, 1e-9)
    found: list[tuple[str, float, float]] = []
    done_s = 0.0
    workers = min(os.cpu_count() or 1, len(jobs))
    # A frozen bundle's executable is the app itself: spawned workers would start it again.
    frozen = bool(getattr(sys, "frozen", False))
    if total < PARALLEL_FROM_S or workers < 2 or frozen:
        for (piece, offset), (a, b) in zip(jobs, ranges, strict=True):
            if cancelled():
                raise AnalysisCancelledError
            found += _decode(piece, offset, script)
            done_s += (b - a) / speech.RATE
            progress(done_s / total, "Recognising words")
    else:
        pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"))
        try:
            # longest first, so neither process is left with a long piece at the end
            order = sorted(zip(jobs, ranges, strict=True), key=lambda j: j[1][0] - j[1][1])
            futures: dict[Future[list[tuple[str, float, float]]], float] = {
                pool.submit(_decode, piece, offset, script): (b - a) / speech.RATE
                for (piece, offset), (a, b) in order
            }
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                if cancelled():
                    raise AnalysisCancelledError
                for future in finished:
                    found += future.result()
                    done_s += futures[future]
                    progress(done_s / total, "Recognising words")
            pool.shutdown(wait=True)  # all done: let the workers exit before going on
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
    found.sort(key=lambda w: w[1])
    return [Word(text, start, end) for text, start, end in found]


# -- the analysis -----------------------------------------------------------------------------


def _never() -> bool:
    return False


def _quiet(_share: float, _text: str) -> None:
    return None


def analyse(
    path: Path,
    *,
    script: str | None = None,
    recogniser: Recogniser | None = recognise,
    progress: Progress = _quiet,
    cancelled: Callable[[], bool] = _never,
) -> SpeechReport:
    """Every figure of the speech coach for a WAV file. ``recogniser=None`` skips recognition
    (no transcript, fillers or read-aloud match). Raises SpeechAnalysisError for a file that
    cannot be analysed and AnalysisCancelledError when ``cancelled()`` turns true."""
    progress(0.0, "Reading the recording")
    samples, _duration = load(path)
    return _analysed(samples, Path(path).name, script, recogniser, progress, cancelled)


def analyse_recording(
    frames: bytes,
    rate: int,
    *,
    script: str | None = None,
    recogniser: Recogniser | None = recognise,
    progress: Progress = _quiet,
    cancelled: Callable[[], bool] = _never,
) -> SpeechReport:
    """``analyse`` for a recording made in the app: mono 16-bit PCM ``frames`` at ``rate``,
    never written to disk."""
    progress(0.0, "Reading the recording")
    pcm = array.array("h")
    pcm.frombytes(frames[: len(frames) // 2 * 2])
    if sys.byteorder == "big":
        pcm.byteswap()
    try:
        speech.check_recording(pcm, rate)
    except speech.SpeechError as exc:
        raise SpeechAnalysisError(f"cannot analyse your recording: {exc}") from None
    samples = speech.resample(pcm, rate)
    return _analysed(samples, "your recording", script, recogniser, progress, cancelled)


def _analysed(
    samples: array.array[int],
    name: str,
    script: str | None,
    recogniser: Recogniser | None,
    progress: Progress,
    cancelled: Callable[[], bool],
) -> SpeechReport:
    if cancelled():
        raise AnalysisCancelledError
    progress(0.05, "Measuring pace and pauses")
    try:
        signal = speech.analyse_signal(samples, speech.RATE)
    except speech.SpeechError as exc:
        raise SpeechAnalysisError(f"cannot analyse {name}: {exc}") from None
    if cancelled():
        raise AnalysisCancelledError
    heard: list[Word] = []
    if recogniser is not None:

        def scaled(share: float, text: str) -> None:
            progress(0.1 + 0.9 * share, text)

        if recogniser is recognise:
            heard = recognise(samples, scaled, cancelled, signal.pauses, script or "")
        else:
            heard = recogniser(samples, scaled, cancelled)
    if cancelled():
        raise AnalysisCancelledError
    matched = speech.read_aloud(script, heard) if script is not None else None
    report = SpeechReport(signal, tuple(heard), matched, recognised=recogniser is not None)
    progress(1.0, "Done")
    return report


# -- keeping the result -----------------------------------------------------------------------


@dataclass(frozen=True)
class SpeechContext:
    """What was analysed: "Mock call", "Read-aloud: Billing", a file name; and optionally the
    application and the milestone it prepared for."""

    label: str
    application_id: int | None = None
    milestone: str = ""


def score_details(report: SpeechReport, context: SpeechContext) -> dict[str, object]:
    """The figures kept with a speech score (flat, as test score details are)."""
    s = report.signal
    details: dict[str, object] = {
        "context": context.label[:120],
        "milestone": context.milestone,
        "duration_s": round(s.duration_s, 1),
        "words": round(s.words),
        "wpm": round(s.wpm, 1),
        "dead_air": len(s.dead_air),
        "dead_air_at": ", ".join(
            f"{speech.seconds_label(p.start_s)} ({p.seconds:.0f} s)" for p in s.dead_air
        )[:400],
        "longest_pause_s": round(s.longest_pause_s, 1),
        "loudness_dbfs": round(s.loudness_dbfs, 1),
        "clipped_share": round(s.clipped_share, 3),
        "fillers": report.fillers,
        "transcript": report.transcript[:1500],
    }
    if report.read_aloud is not None:
        details["match_rate"] = round(report.read_aloud.match_rate, 3)
        details["script_words"] = report.read_aloud.script_words
        details["skipped"] = " ".join(report.read_aloud.skipped)[:600]
    return details


def latest_figures(db: Database) -> SpeechFigure:
    """The latest speech coach analysis (pace, dead air, longest pause) and the latest
    read-aloud's match rate, as the packet and the report print them."""
    from nextcall.services.practice import logged_scores

    rows = logged_scores(db, "speech")
    if not rows:
        return SpeechFigure()
    row = rows[-1]
    count, pause, context = (row.details.get(k) for k in ("dead_air", "longest_pause_s", "context"))
    figure = SpeechFigure(
        wpm=row.value,
        dead_air=count if isinstance(count, int) else 0,
        longest_pause_s=float(pause) if isinstance(pause, int | float) else 0.0,
        context=context if isinstance(context, str) else "",
        taken_on=row.taken_on,
    )
    read = [r for r in rows if isinstance(r.details.get("match_rate"), int | float)]
    if not read:
        return figure
    last = read[-1]
    rate, words, label = (last.details.get(k) for k in ("match_rate", "script_words", "context"))
    assert isinstance(rate, int | float)
    return replace(
        figure,
        match_rate=float(rate),
        script_words=words if isinstance(words, int) else 0,
        match_context=label if isinstance(label, str) else "",
        match_on=last.taken_on,
    )


def save_speech_score(db: Database, report: SpeechReport, context: SpeechContext) -> int:
    """Keep an analysis as a test score of kind "speech" (the score is the pace)."""
    from nextcall.services.practice import ScoreInput, add_test_score

    return add_test_score(
        db,
        ScoreInput(
            kind="speech",
            value=f"{min(report.signal.wpm, 400):.0f}",
            application_id=context.application_id,
            notes=context.label[:200],
            taken_at=db.clock.now(),
            details=score_details(report, context),
        ),
    )
