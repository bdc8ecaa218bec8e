"""The speech coach's figures: pace, dead air, pauses, loudness, fillers and read-aloud matching.

Pure Python over 16-bit PCM samples (no numpy, no recogniser): the recogniser lives in
services/speech.py and hands its words in, so everything here can be tested without it.

**Pace is estimated from the signal**, not from counting recognised words (offline recognition
misses up to half the words of fast or accented speech; ARCHITECTURE.md). Syllable nuclei are
found the way phoneticians count them automatically (de Jong & Wempe 2009, simplified): the
intensity contour in 10 ms frames, smoothed over 50 ms; a nucleus is a peak that is voiced
(the frame's neighbouring samples are strongly correlated, as in vowels and unlike hiss), loud
enough (within ``PEAK_RANGE_DB`` of the loud end of the recording) and separated from the
previous nucleus by a dip of at least ``DIP_DB``. Nuclei become words with
``NUCLEI_PER_WORD``, measured on espeak-ng speech (see its comment).

**Speaking time** is the recording less its dead air (each silence of ``DEAD_AIR_S`` or more),
so a long silence shows up as dead air instead of dragging the pace down. Silence is judged
against the recording itself (``SILENCE_BELOW_PEAK_DB`` under its loud end, at most
``voice.SILENCE_DBFS``), so quiet speech is not mistaken for silence.
"""

from __future__ import annotations

import array
import difflib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import mul

from nextcall.core import voice

RATE = 16_000  # what the analysis and the recogniser work at
FRAME_S = 0.01
SMOOTH_FRAMES = 5  # 50 ms
DIP_DB = 2.0
PEAK_RANGE_DB = 25.0
VOICED_CORRELATION = 0.6  # lag-1 correlation of a vowel frame at 16 kHz (hiss: near 0 or below)
# Nuclei found per word of running speech, measured with this detector on espeak-ng
# (voices en-us and en, -s 80, 100, 130 and 160, i.e. about 95-200 words a minute) reading two
# call-center passages of 62 and 54 words (tests/core/test_speech.py has them): 1.23-1.39
# nuclei a word on the first, 1.33-1.52 on the second, 1.36 over all 48 clips (plain, quiet
# and clipped). English prose has about 1.4-1.5 syllables a word; the detector merges some
# unstressed syllables into their neighbours, as every intensity-peak counter does.
NUCLEI_PER_WORD = 1.36
DEAD_AIR_S = 3.0
MIN_PAUSE_S = 0.25
STRETCH_S = 15.0
MIN_STRETCH_SPEECH_S = 5.0  # a stretch with less speaking time than this gets no pace
SILENCE_BELOW_PEAK_DB = 35.0
SILENT_FILE_DBFS = -60.0  # nothing louder than this anywhere: a silent recording
MAX_SECONDS = 30 * 60
MIN_RATE, MAX_RATE = 8_000, 48_000
FILLERS = frozenset({"um", "uh", "ah", "er", "hmm", "mm", "uhm", "erm"})

# The target bands shown beside every figure (DOMAIN.md: "Tests applicants take").
PACE_LOW, PACE_HIGH = 140, 170
PACE_TARGET = "about 140–170 words a minute is easy to follow on a call"
DEAD_AIR_TARGET = "no dead air: no silence of 3 s or more"
PAUSE_TARGET = "pauses under 3 s; say what you are doing instead of going quiet"
LOUDNESS_TARGET = f"louder than {voice.QUIET_DBFS:.0f} dBFS, and not distorted".replace("-", "−")
FILLER_TARGET = "as few “um” and “uh” as you can (an estimate: the recogniser misses some)"
MATCH_TARGET = "read every word: aim for most of the passage matched"
MATCH_LOW = 0.5  # under this share of the passage matched: read it again, more clearly


class SpeechError(ValueError):
    """A recording that cannot be analysed (silent, too long, an unusable rate)."""


@dataclass(frozen=True)
class Pause:
    start_s: float
    seconds: float


@dataclass(frozen=True)
class Stretch:
    start_s: float
    end_s: float
    wpm: float | None  # None: too little speech in it to judge


@dataclass(frozen=True)
class Signal:
    """The figures taken from the sound alone."""

    duration_s: float
    nuclei: tuple[float, ...]  # seconds of each syllable nucleus
    words: float
    wpm: float
    speaking_s: float
    stretches: tuple[Stretch, ...]
    dead_air: tuple[Pause, ...]
    pauses: tuple[Pause, ...]  # every silence of MIN_PAUSE_S or more (dead air included)
    longest_pause_s: float
    loudness_dbfs: float
    clipped_share: float
    silence_dbfs: float


@dataclass(frozen=True)
class Word:
    """A word the recogniser heard, with where."""

    text: str
    start_s: float
    end_s: float


@dataclass(frozen=True)
class ReadAloud:
    script: tuple[str, ...]  # the passage's words as written
    matched: tuple[bool, ...]  # for each script word: heard

    @property
    def script_words(self) -> int:
        return len(self.script)

    @property
    def matched_words(self) -> int:
        return sum(self.matched)

    @property
    def match_rate(self) -> float:
        return self.matched_words / self.script_words if self.script else 0.0

    @property
    def skipped(self) -> list[str]:
        return [w for w, ok in zip(self.script, self.matched, strict=True) if not ok]


@dataclass(frozen=True)
class SpeechReport:
    signal: Signal
    heard: tuple[Word, ...] = ()
    read_aloud: ReadAloud | None = None
    recognised: bool = True  # False: the recogniser was not run (figures from sound only)
    findings: tuple[str, ...] = field(default=())

    @property
    def transcript(self) -> str:
        return " ".join(w.text for w in self.heard)

    @property
    def fillers(self) -> int:
        return sum(1 for w in self.heard if normalise(w.text) in FILLERS)

    def as_json(self) -> dict[str, object]:
        s = self.signal
        out: dict[str, object] = {
            "duration_s": round(s.duration_s, 2),
            "words": round(s.words),
            "wpm": round(s.wpm, 1),
            "longest_pause_s": round(s.longest_pause_s, 2),
            "dead_air": [
                {"start_s": round(p.start_s, 2), "seconds": round(p.seconds, 2)} for p in s.dead_air
            ],
            "fillers": self.fillers,
            "loudness_dbfs": round(s.loudness_dbfs, 1),
            "transcript": self.transcript,
        }
        if self.read_aloud is not None:
            r = self.read_aloud
            out.update(
                script_words=r.script_words,
                matched_words=r.matched_words,
                match_rate=round(r.match_rate, 3),
                skipped=r.skipped,
            )
        return out


# -- samples ----------------------------------------------------------------------------------


def check_recording(samples: Sequence[int], rate: int) -> None:
    if not MIN_RATE <= rate <= MAX_RATE:
        raise SpeechError(
            f"its sample rate is {rate} Hz; recordings of {MIN_RATE // 1000}–"
            f"{MAX_RATE // 1000} kHz can be analysed"
        )
    if not samples:
        raise SpeechError("it holds no sound")
    if len(samples) / rate > MAX_SECONDS:
        raise SpeechError(
            f"it lasts {len(samples) / rate / 60:.0f} minutes; recordings of up to "
            f"{MAX_SECONDS // 60} minutes can be analysed"
        )


def resample(samples: Sequence[int], rate: int, target: int = RATE) -> array.array[int]:
    """16-bit ``samples`` at ``target`` samples a second (linear interpolation; when shrinking,
    each output sample is first the mean of the input samples it covers, so high frequencies
    do not fold back into speech)."""
    if rate == target:
        return array.array("h", samples)
    step = rate / target
    source = samples
    if step >= 2:  # box filter before decimating: 48 kHz -> 16 kHz averages 3 samples
        width = int(step)
        cut = len(samples) - len(samples) % width
        parts = [samples[k:cut:width] for k in range(width)]
        source = array.array("h", (sum(group) // width for group in zip(*parts, strict=True)))
        step /= width
    count = int(len(source) / step)
    last = len(source) - 1

    def at(i: int) -> int:
        x = i * step
        j = int(x)
        if j >= last:
            return source[last]
        a = source[j]
        return int(a + (source[j + 1] - a) * (x - j))

    return array.array("h", map(at, range(count)))


# -- the signal -------------------------------------------------------------------------------


def _frames(samples: Sequence[int], size: int) -> tuple[list[float], list[float]]:
    """Per frame: power (mean square, full scale 1) and lag-1 correlation."""
    powers: list[float] = []
    correlations: list[float] = []
    scale = voice.FULL_SCALE * voice.FULL_SCALE
    for start in range(0, len(samples) - size + 1, size):
        w = samples[start : start + size]
        r0 = float(sum(map(mul, w, w)))
        r1 = float(sum(map(mul, w[1:], w[:-1])))
        powers.append(r0 / (size * scale))
        correlations.append(r1 / r0 if r0 > 0 else 0.0)
    return powers, correlations


def _smoothed(powers: Sequence[float], width: int) -> list[float]:
    half = width // 2
    out: list[float] = []
    total = sum(powers[:half])
    count = min(half, len(powers))
    for i in range(len(powers)):
        if i + half < len(powers):
            total += powers[i + half]
            count += 1
        if i - half - 1 >= 0:
            total -= powers[i - half - 1]
            count -= 1
        out.append(voice.to_db(total / max(count, 1)))
    return out


def syllable_nuclei(
    powers: Sequence[float], correlations: Sequence[float], floor_dbfs: float
) -> list[float]:
    """The moments (s) of syllable nuclei in FRAME_S frames (``_frames``): voiced intensity
    peaks above ``floor_dbfs`` with a dip of ``DIP_DB`` between neighbours."""
    contour = _smoothed(powers, SMOOTH_FRAMES)
    if not contour:
        return []
    loud = sorted(contour)[int(len(contour) * 0.99)]
    threshold = max(floor_dbfs, loud - PEAK_RANGE_DB)
    kept: list[int] = []
    for i in range(1, len(contour) - 1):
        db = contour[i]
        if db < threshold or db < contour[i - 1] or db <= contour[i + 1]:
            continue
        if correlations[i] < VOICED_CORRELATION:
            continue
        if kept:
            last = kept[-1]
            valley = min(contour[last : i + 1])
            if min(contour[last], db) - valley < DIP_DB:
                if db > contour[last]:
                    kept[-1] = i
                continue
        kept.append(i)
    return [(i + 0.5) * FRAME_S for i in kept]


def _silences(levels: Sequence[float], below: float, window_s: float) -> list[Pause]:
    out: list[Pause] = []
    start: int | None = None
    for i, db in enumerate([*levels, 0.0]):
        if db < below and i < len(levels):
            if start is None:
                start = i
        elif start is not None:
            out.append(Pause(start * window_s, (i - start) * window_s))
            start = None
    return out


def _refined(
    samples: Sequence[int], rate: int, pauses: Sequence[Pause], amplitude: float
) -> list[Pause]:
    """Pauses of MIN_PAUSE_S or more with their edges moved to the sample: into the frame
    before and the frame after, as far as the samples stay below ``amplitude``."""
    out: list[Pause] = []
    size = round(rate * FRAME_S)
    for pause in pauses:
        if pause.seconds < MIN_PAUSE_S:
            out.append(pause)
            continue
        first = round(pause.start_s * rate)
        end = first + round(pause.seconds * rate)
        stop = max(0, first - size)
        while first > stop and abs(samples[first - 1]) < amplitude:
            first -= 1
        stop = min(len(samples), end + size)
        while end < stop and abs(samples[end]) < amplitude:
            end += 1
        out.append(Pause(first / rate, (end - first) / rate))
    return out


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def analyse_signal(samples: Sequence[int], rate: int) -> Signal:
    """Pace, dead air, pauses and loudness of mono 16-bit ``samples`` (SpeechError when the
    recording cannot be analysed)."""
    check_recording(samples, rate)
    duration = len(samples) / rate
    levels, clipped = voice.window_levels(samples, rate)
    window = voice.WINDOW_S
    loud = sorted(levels)[int(len(levels) * 0.95)] if levels else voice.FLOOR_DBFS
    if not levels or max(levels) < SILENT_FILE_DBFS:
        raise SpeechError("it is silent: no voice was recorded")
    silence_db = min(voice.SILENCE_DBFS, loud - SILENCE_BELOW_PEAK_DB)
    powers, correlations = _frames(samples, max(1, round(rate * FRAME_S)))
    # pauses in 10 ms frames, so their edges are found to within 10 ms
    pauses = _refined(
        samples,
        rate,
        _silences([voice.to_db(p) for p in powers], silence_db, FRAME_S),
        voice.FULL_SCALE * 10 ** (silence_db / 20),
    )
    dead_air = tuple(p for p in pauses if p.seconds >= DEAD_AIR_S - 1e-9)
    speaking_windows = [db for db in levels if db >= silence_db]
    nuclei = syllable_nuclei(powers, correlations, silence_db)
    speaking_s = max(duration - sum(p.seconds for p in dead_air), window)
    words = len(nuclei) / NUCLEI_PER_WORD
    stretches = []
    start = 0.0
    while start < duration - 1e-9:
        end = min(start + STRETCH_S, duration)
        quiet = sum(
            max(0.0, min(end, p.start_s + p.seconds) - max(start, p.start_s)) for p in dead_air
        )
        talk = end - start - quiet
        count = sum(1 for t in nuclei if start <= t < end)
        pace = count / NUCLEI_PER_WORD / talk * 60 if talk >= MIN_STRETCH_SPEECH_S else None
        stretches.append(Stretch(start, end, pace))
        start = end
    return Signal(
        duration_s=duration,
        nuclei=tuple(nuclei),
        words=words,
        wpm=words / speaking_s * 60,
        speaking_s=speaking_s,
        stretches=tuple(stretches),
        dead_air=dead_air,
        pauses=tuple(p for p in pauses if p.seconds >= MIN_PAUSE_S),
        longest_pause_s=max((p.seconds for p in pauses), default=0.0),
        loudness_dbfs=_median(speaking_windows) if speaking_windows else voice.FLOOR_DBFS,
        clipped_share=clipped / len(speaking_windows) if speaking_windows else 0.0,
        silence_dbfs=silence_db,
    )


# -- words ------------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


def normalise(word: str) -> str:
    """A word as compared: lower case, curly apostrophes straight, punctuation and the
    recogniser's pronunciation marks ("the(2)") dropped."""
    text = re.sub(r"\(\d+\)$", "", word.strip().lower().replace("’", "'"))
    found = _WORD.findall(text)
    return "".join(found)


def script_words(text: str) -> list[str]:
    """The words of a passage as written (punctuation kept off)."""
    return [m.strip("'\"“”‘’.,;:!?()-–—") for m in text.split() if normalise(m)]


def read_aloud(script: str, heard: Sequence[Word]) -> ReadAloud:
    """Which words of ``script`` were heard, by aligning normalised words (difflib)."""
    written = script_words(script)
    wanted = [normalise(w) for w in written]
    got = [normalise(w.text) for w in heard]
    got = [w for w in got if w and w not in FILLERS]
    matched = [False] * len(wanted)
    matcher = difflib.SequenceMatcher(None, wanted, got, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            matched[block.a + k] = True
    return ReadAloud(tuple(written), tuple(matched))


def findings(report: SpeechReport) -> list[str]:
    """Plain sentences on the figures against their targets, most important first."""
    s = report.signal
    out: list[str] = []
    if s.wpm > PACE_HIGH:
        out.append(f"You spoke at {s.wpm:.0f} words a minute: slow down to about {PACE_HIGH}.")
    elif s.wpm < PACE_LOW:
        out.append(f"You spoke at {s.wpm:.0f} words a minute: a little faster keeps a caller.")
    if s.dead_air:
        n = len(s.dead_air)
        out.append(
            f"{n} stretch{'es' if n != 1 else ''} of dead air (3 s or more of silence): say "
            "what you are doing instead of going quiet."
        )
    if s.clipped_share > voice.CLIPPED_SHARE_LIMIT:
        out.append("Parts were so loud they distorted: move the microphone a little away.")
    elif s.loudness_dbfs < voice.QUIET_DBFS:
        out.append("Your voice was quiet: speak up or bring the microphone closer.")
    if report.fillers >= 3:
        out.append(f"About {report.fillers} fillers (“um”, “uh”) were heard: pause instead.")
    if report.read_aloud is not None and report.read_aloud.match_rate < MATCH_LOW:
        out.append("Less than half the passage was recognised: read every word clearly.")
    if not out:
        out.append("Pace, pauses and loudness are all within the targets.")
    return out


def seconds_label(seconds: float) -> str:
    """'0:12', '1:05': where something happened in a recording."""
    whole = math.floor(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


@dataclass(frozen=True)
class Passage:
    key: str
    title: str
    text: str


def load_passages() -> tuple[Passage, ...]:
    """The read-aloud passages shipped in resources/speech/passages.toml."""
    import tomllib

    from nextcall.core.resources import read_text

    data = tomllib.loads(read_text("speech", "passages.toml"))
    out = []
    for item in data.get("passage", []):
        text = " ".join(str(item["text"]).split())
        out.append(Passage(str(item["key"]), str(item["title"]), text))
    return tuple(out)
