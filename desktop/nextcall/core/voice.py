"""The voice check: how loud a practice call was over time, how much of it was silence, and a
plain verdict against thresholds that are explained to the user.

Pure Python over 16-bit PCM samples (no numpy): the level is measured in short windows
(50 ms), in dBFS (decibels below the loudest value a recording can hold, so 0 is the top and
every value is negative). A five-minute recording at 16 kHz is analysed in well under a second.

The thresholds are deliberately simple so they can be explained in a sentence each:

- **silence** (a window quieter than ``SILENCE_DBFS``): pauses, or nobody talking;
- **quiet speech** (a speaking window quieter than ``QUIET_DBFS``): hard to follow on a phone
  line, where the caller cannot ask you to lean in;
- **clipping** (samples at the very top of the scale): so loud that the sound distorts;
- **noisy background**: even the quietest moments of the call (the quietest 5 %, where the
  pauses between words are) are above the silence threshold.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

FULL_SCALE = 32768.0
FLOOR_DBFS = -90.0  # digital silence is shown as this instead of minus infinity
WINDOW_S = 0.05
SILENCE_DBFS = -45.0
QUIET_DBFS = -35.0
CLIP_CHECK_DBFS = -26.0  # only windows at least this loud are searched for clipped samples
QUIET_SHARE_LIMIT = 0.5  # "most of the call"
SILENCE_SHARE_LIMIT = 0.5
LONG_PAUSE_S = 5.0
CLIPPED_SHARE_LIMIT = 0.01  # of the speaking windows
MIN_SPEECH_S = 2.0
NOISE_PERCENTILE = 0.05  # the quietest moments: pauses between words, if there are any

Level = Literal["good", "warning", "problem"]


@dataclass(frozen=True)
class Threshold:
    name: str
    dbfs: float
    meaning: str


THRESHOLDS: tuple[Threshold, ...] = (
    Threshold(
        "Silence",
        SILENCE_DBFS,
        "quieter than this counts as a pause: nobody is talking, or only faint background hiss",
    ),
    Threshold(
        "Quiet speech",
        QUIET_DBFS,
        "speech below this is hard to follow on a phone line; a caller would have to strain",
    ),
    Threshold(
        "Distortion",
        0.0,
        "sound reaching the very top of the scale is clipped: it crackles and words blur",
    ),
)


@dataclass(frozen=True)
class Finding:
    level: Level
    text: str


@dataclass(frozen=True)
class VoiceReport:
    duration_s: float
    window_s: float
    levels: tuple[float, ...]  # dBFS of each window, in order
    speech_share: float  # of all windows, those louder than the silence threshold
    silence_share: float
    quiet_share: float  # of the speaking windows, those quieter than QUIET_DBFS
    speech_level: float | None  # median dBFS of the speaking windows (None: no speech)
    noise_floor: float  # the level of the quietest moments (NOISE_PERCENTILE) of the call
    clipped_share: float  # of the speaking windows, those with clipped samples
    longest_pause_s: float
    verdict: str
    level: Level
    findings: tuple[Finding, ...]

    def curve(self, max_points: int = 600) -> list[tuple[float, float]]:
        """(seconds, dBFS) points for a chart: neighbouring windows merged (by their mean power)
        so a long recording gives at most ``max_points`` points."""
        if not self.levels:
            return []
        group = max(1, math.ceil(len(self.levels) / max_points))
        points = []
        for start in range(0, len(self.levels), group):
            chunk = self.levels[start : start + group]
            power = sum(10 ** (db / 10) for db in chunk) / len(chunk)
            points.append(((start + len(chunk) / 2) * self.window_s, to_db(power)))
        return points


def to_db(power: float) -> float:
    """Mean power (relative to full scale, 0..1) in dBFS, floored at FLOOR_DBFS."""
    if power <= 0:
        return FLOOR_DBFS
    return max(FLOOR_DBFS, 10 * math.log10(power))


def window_levels(
    samples: Sequence[int], rate: int, window_s: float = WINDOW_S
) -> tuple[list[float], int]:
    """The dBFS level of each window of 16-bit ``samples``, and how many windows contain
    clipped samples (only loud windows are searched; a clip in a quiet window is not possible
    with speech). ``samples`` may be an ``array('h')`` or a memoryview cast to 'h'."""
    if rate <= 0:
        raise ValueError("the sample rate must be positive")
    size = max(1, round(rate * window_s))
    scale = FULL_SCALE * FULL_SCALE
    clip_power = 10 ** (CLIP_CHECK_DBFS / 10)
    levels: list[float] = []
    clipped = 0
    total = len(samples)
    for start in range(0, total, size):
        window = samples[start : start + size]
        count = len(window)
        if count < size // 2 and levels:  # a short tail: too little to judge
            break
        power = math.fsum(x * x for x in window) / (count * scale)
        levels.append(to_db(power))
        if power >= clip_power:
            extremes = sum(1 for x in window if x >= 32767 or x <= -32767)
            clipped += extremes > 0
    return levels, clipped


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _longest_run(levels: Sequence[float], below: float) -> int:
    best = run = 0
    for db in levels:
        run = run + 1 if db < below else 0
        best = max(best, run)
    return best


def _percent(share: float) -> str:
    return f"{share:.0%}"


def _db(value: float) -> str:
    return f"{value:.0f} dBFS".replace("-", "−")


def analyse(samples: Sequence[int], rate: int, *, window_s: float = WINDOW_S) -> VoiceReport:
    """Analyse mono 16-bit PCM ``samples`` recorded at ``rate`` samples a second."""
    levels, clipped = window_levels(samples, rate, window_s)
    duration = len(samples) / rate
    speaking = [db for db in levels if db >= SILENCE_DBFS]
    windows = len(levels) or 1
    speech_share = len(speaking) / windows if levels else 0.0
    silence_share = 1.0 - speech_share if levels else 0.0
    quiet = sum(1 for db in speaking if db < QUIET_DBFS)
    quiet_share = quiet / len(speaking) if speaking else 0.0
    speech_level = _median(speaking) if speaking else None
    ordered = sorted(levels)
    noise_floor = ordered[int(len(ordered) * NOISE_PERCENTILE)] if ordered else FLOOR_DBFS
    clipped_share = clipped / len(speaking) if speaking else 0.0
    longest_pause = _longest_run(levels, SILENCE_DBFS) * window_s
    findings = _findings(
        duration=duration,
        speech_s=len(speaking) * window_s,
        silence_share=silence_share,
        quiet_share=quiet_share,
        speech_level=speech_level,
        noise_floor=noise_floor,
        clipped_share=clipped_share,
        longest_pause=longest_pause,
    )
    worst: Level = "good"
    for finding in findings:
        if finding.level == "problem" or (finding.level == "warning" and worst == "good"):
            worst = finding.level
    return VoiceReport(
        duration_s=duration,
        window_s=window_s,
        levels=tuple(levels),
        speech_share=speech_share,
        silence_share=silence_share,
        quiet_share=quiet_share,
        speech_level=speech_level,
        noise_floor=noise_floor,
        clipped_share=clipped_share,
        longest_pause_s=longest_pause,
        verdict=findings[0].text,
        level=worst,
        findings=tuple(findings),
    )


def _findings(
    *,
    duration: float,
    speech_s: float,
    silence_share: float,
    quiet_share: float,
    speech_level: float | None,
    noise_floor: float,
    clipped_share: float,
    longest_pause: float,
) -> list[Finding]:
    """Most important first; the first one is the verdict."""
    if speech_level is None or speech_s < MIN_SPEECH_S:
        heard = "nothing" if speech_level is None else f"only {speech_s:.1f} s of sound"
        return [
            Finding(
                "problem",
                f"Almost no voice was recorded ({heard} louder than {_db(SILENCE_DBFS)} in "
                f"{duration:.0f} s). Check that the microphone is switched on and close to you, "
                "then record again.",
            )
        ]
    out: list[Finding] = []
    if clipped_share > CLIPPED_SHARE_LIMIT:
        out.append(
            Finding(
                "problem",
                f"Parts of the call were so loud that the recording distorted "
                f"({_percent(clipped_share)} of the speech). Move the microphone a little "
                "further away or lower its input volume.",
            )
        )
    if quiet_share > QUIET_SHARE_LIMIT:
        out.append(
            Finding(
                "problem",
                f"Most of the call was quieter than {_db(QUIET_DBFS)} "
                f"({_percent(quiet_share)} of the time you spoke), the level below which a "
                "caller has to strain to hear you. Speak up, or bring the microphone closer.",
            )
        )
    elif quiet_share > QUIET_SHARE_LIMIT / 2:
        out.append(
            Finding(
                "warning",
                f"A good part of your speech ({_percent(quiet_share)}) was quieter than "
                f"{_db(QUIET_DBFS)}. Keep your voice up at the ends of sentences.",
            )
        )
    if noise_floor >= SILENCE_DBFS:
        out.append(
            Finding(
                "warning",
                f"Even the pauses were louder than {_db(SILENCE_DBFS)} (the quietest moments "
                f"were at {_db(noise_floor)}): there is background noise. Find a quieter place "
                "for phone interviews.",
            )
        )
    if silence_share > SILENCE_SHARE_LIMIT:
        out.append(
            Finding(
                "warning",
                f"{_percent(silence_share)} of the recording was silence (quieter than "
                f"{_db(SILENCE_DBFS)}). On a call, long silences feel like dead air: say what "
                "you are doing while you look something up.",
            )
        )
    if longest_pause >= LONG_PAUSE_S:
        out.append(
            Finding(
                "warning",
                f"The longest pause lasted {longest_pause:.0f} s. Keep pauses on a call under "
                f"{LONG_PAUSE_S:.0f} s, or tell the caller you are still there.",
            )
        )
    if clipped_share <= CLIPPED_SHARE_LIMIT and quiet_share <= QUIET_SHARE_LIMIT / 2:
        out.append(
            Finding(
                "good",
                f"Your voice was at a good level for most of the call (typically "
                f"{_db(speech_level)}, above the {_db(QUIET_DBFS)} where listeners start to "
                f"strain), with {_percent(silence_share)} silence.",
            )
        )
    order = {"problem": 0, "warning": 1, "good": 2}
    return sorted(out, key=lambda f: order[f.level])


def describe_thresholds() -> list[str]:
    """One line a threshold, for the explanation under the chart."""
    return [f"{t.name}: {_db(t.dbfs)} — {t.meaning}." for t in THRESHOLDS]
