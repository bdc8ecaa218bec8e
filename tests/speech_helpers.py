"""Recordings with known figures for the speech coach's tests, spoken by espeak-ng: the words,
the rate, silences of known length written as zero samples, and a gain (quiet or clipped)."""

from __future__ import annotations

import array
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from nextcall.core import speech
from nextcall.export.wav import read_wav, write_wav

ESPEAK = shutil.which("espeak-ng")
needs_espeak = pytest.mark.skipif(
    ESPEAK is None, reason="espeak-ng is not installed: it speaks the test recordings"
)

# Two call-center passages (62 and 54 words); core/speech.NUCLEI_PER_WORD was measured on them.
BILLING = (
    "Thank you for calling customer support, my name is Maria. I can see that your last bill "
    "was higher than usual, and I understand why that worries you. Let me check the account "
    "while you stay on the line. The extra charge comes from a roaming package that started "
    "on the fifth of March, and I can remove it for you today."
)
DELIVERY = (
    "Good afternoon, and thank you for waiting. I have found your order and it left our "
    "warehouse yesterday evening. The courier expects to deliver it on Thursday before noon. "
    "If nobody is at home, they will leave a card with a number to call, and you can choose "
    "another day that suits you better."
)


@dataclass(frozen=True)
class Clip:
    path: Path
    words: int  # words spoken
    speech_s: float  # the recording less the inserted silences
    silences: tuple[tuple[float, float], ...]  # (start, seconds) of each inserted silence

    @property
    def true_wpm(self) -> float:
        """Words spoken / the time spent speaking (espeak-ng's own short pauses count as
        speaking time, the inserted silences do not), in words a minute."""
        return self.words / self.speech_s * 60


def spoken(
    text: str, rate: int, folder: Path, voice: str = "en-us"
) -> tuple[array.array[int], int]:
    """espeak-ng's reading of ``text`` at ``-s rate``: 16-bit samples and their rate."""
    assert ESPEAK is not None
    out = folder / f"espeak-{abs(hash((text, rate, voice)))}.wav"
    if not out.exists():
        subprocess.run(
            [ESPEAK, "-v", voice, "-s", str(rate), "-w", str(out), text],
            check=True,
            capture_output=True,
        )
    pcm = read_wav(out)
    return pcm.samples, pcm.rate


def trimmed(samples: array.array[int], floor: int = 64) -> array.array[int]:
    """Without espeak-ng's own near-silent lead-in and tail, so that an inserted silence is
    the whole silence heard."""
    first = next((i for i, x in enumerate(samples) if abs(x) > floor), 0)
    last = next((i for i in range(len(samples) - 1, -1, -1) if abs(samples[i]) > floor), 0)
    return samples[first : last + 1]


def clip(
    folder: Path,
    parts: list[str],
    *,
    rate: int = 130,
    silences: list[float] | None = None,
    gain: float = 1.0,
    name: str = "clip.wav",
    stereo: bool = False,
) -> Clip:
    """``parts`` spoken one after another with ``silences[i]`` seconds of zero samples after
    part i (none by default)."""
    gaps = silences or [0.0] * (len(parts) - 1)
    samples = array.array("h")
    sample_rate = speech.RATE
    inserted: list[tuple[float, float]] = []
    for i, part in enumerate(parts):
        voice, sample_rate = spoken(part, rate, folder)
        samples.extend(trimmed(voice) if len(parts) > 1 else voice)
        if i < len(gaps) and gaps[i] > 0:
            inserted.append((len(samples) / sample_rate, gaps[i]))
            samples.extend([0] * round(gaps[i] * sample_rate))
    if gain != 1.0:
        samples = array.array("h", (max(-32768, min(32767, round(x * gain))) for x in samples))
    frames = samples
    if stereo:
        frames = array.array("h", [0]) * (2 * len(samples))
        frames[0::2] = samples
        frames[1::2] = samples
    path = write_wav(folder / name, frames.tobytes(), sample_rate, channels=2 if stereo else 1)
    words = sum(len(p.split()) for p in parts)
    speech_s = len(samples) / sample_rate - sum(s for _, s in inserted)
    return Clip(path, words, speech_s, tuple(inserted))
