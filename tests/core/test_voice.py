"""core/voice.py: the voice check on WAV files generated here (tones, silence, noise, and
speech from espeak-ng where it is installed), read back through export/wav.py."""

from __future__ import annotations

import array
import itertools
import math
import random
import shutil
import subprocess
import wave
from collections.abc import Iterable
from pathlib import Path

import pytest

from nextcall.core import voice
from nextcall.core.voice import QUIET_DBFS, SILENCE_DBFS, analyse, describe_thresholds
from nextcall.export.wav import read_wav

RATE = 16_000


def tone(seconds: float, dbfs: float, hz: float = 220.0) -> list[int]:
    """A sine whose RMS level is ``dbfs`` (a sine's peak is 3 dB above its RMS)."""
    peak = 32767 * 10 ** (dbfs / 20) * math.sqrt(2)
    n = int(seconds * RATE)
    return [
        round(max(-32768, min(32767, peak * math.sin(2 * math.pi * hz * i / RATE))))
        for i in range(n)
    ]


def silence(seconds: float) -> list[int]:
    return [0] * int(seconds * RATE)


def noise(seconds: float, dbfs: float, seed: int = 3) -> list[int]:
    rng = random.Random(seed)
    sigma = 32767 * 10 ** (dbfs / 20)
    return [round(max(-32768, min(32767, rng.gauss(0, sigma)))) for _ in range(int(seconds * RATE))]


def write(path: Path, parts: Iterable[list[int]], rate: int = RATE) -> Path:
    samples = array.array("h")
    for part in parts:
        samples.extend(part)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return path


def check(path: Path) -> voice.VoiceReport:
    pcm = read_wav(path)
    return analyse(pcm.samples, pcm.rate)


def test_levels_are_measured_in_dbfs(tmp_path: Path) -> None:
    report = check(write(tmp_path / "t.wav", [tone(2, -20.0)]))
    assert len(report.levels) == 40  # 50 ms windows
    assert all(abs(db + 20.0) < 0.3 for db in report.levels)
    assert report.speech_level is not None and abs(report.speech_level + 20.0) < 0.3
    assert report.duration_s == pytest.approx(2.0)


def test_a_clear_steady_voice_is_good(tmp_path: Path) -> None:
    report = check(write(tmp_path / "t.wav", [tone(3, -18), silence(0.5), tone(3, -22)]))
    assert report.level == "good"
    assert report.verdict.startswith("Your voice was at a good level")
    assert "−35 dBFS" in report.verdict  # the threshold is named
    assert report.silence_share == pytest.approx(0.5 / 6.5, abs=0.02)


def test_silence_only_says_to_check_the_microphone(tmp_path: Path) -> None:
    report = check(write(tmp_path / "t.wav", [silence(4)]))
    assert report.level == "problem"
    assert report.speech_level is None
    assert report.silence_share == 1.0
    assert "microphone" in report.verdict and "nothing" in report.verdict


def test_too_little_sound_is_not_judged_as_a_call(tmp_path: Path) -> None:
    report = check(write(tmp_path / "t.wav", [silence(3), tone(0.5, -20), silence(3)]))
    assert report.level == "problem"
    assert "only 0.5 s of sound" in report.verdict


def test_a_quiet_call_says_most_of_it_was_quieter_than_the_threshold(tmp_path: Path) -> None:
    report = check(write(tmp_path / "t.wav", [tone(5, -40), tone(1, -20)]))
    assert report.quiet_share == pytest.approx(5 / 6, abs=0.02)
    assert report.level == "problem"
    assert report.verdict.startswith("Most of the call was quieter than −35 dBFS (83%")
    assert not any(f.level == "good" for f in report.findings)


def test_some_quiet_speech_is_a_warning(tmp_path: Path) -> None:
    report = check(write(tmp_path / "t.wav", [tone(2, -40), tone(4, -20)]))
    assert report.level == "warning"
    assert report.findings[0].text.startswith("A good part of your speech (33%)")


def test_long_silences_and_pauses(tmp_path: Path) -> None:
    report = check(write(tmp_path / "t.wav", [tone(2, -20), silence(6), tone(2, -20)]))
    assert report.silence_share == pytest.approx(0.6, abs=0.01)
    assert report.longest_pause_s == pytest.approx(6.0, abs=0.05)
    texts = " ".join(f.text for f in report.findings)
    assert "60% of the recording was silence" in texts
    assert "The longest pause lasted 6 s" in texts
    assert report.level == "warning"
    assert report.findings[-1].level == "good"  # the level itself was fine


def test_clipping_is_reported(tmp_path: Path) -> None:
    square = [32767 if (i // 40) % 2 else -32768 for i in range(3 * RATE)]
    report = check(write(tmp_path / "t.wav", [square]))
    assert report.clipped_share == 1.0
    assert report.level == "problem"
    assert report.verdict.startswith("Parts of the call were so loud that the recording distorted")


def test_a_noisy_background_is_reported(tmp_path: Path) -> None:
    report = check(write(tmp_path / "t.wav", [noise(3, -40), tone(3, -18)]))
    assert report.noise_floor >= SILENCE_DBFS
    assert any("background noise" in f.text for f in report.findings)


def test_curve_merges_windows_for_the_chart(tmp_path: Path) -> None:
    report = check(write(tmp_path / "t.wav", [tone(10, -20), silence(10)]))
    points = report.curve(100)
    assert len(points) <= 100
    assert points[0][1] == pytest.approx(-20, abs=0.5)
    assert points[-1][1] == voice.FLOOR_DBFS
    assert points[-1][0] == pytest.approx(20, abs=0.5)
    assert all(a[0] < b[0] for a, b in itertools.pairwise(points))
    assert analyse(array.array("h"), RATE).curve() == []


def test_other_sample_rates(tmp_path: Path) -> None:
    samples = [round(3000 * math.sin(i / 3)) for i in range(44_100 * 2)]
    report = check(write(tmp_path / "t.wav", [samples], rate=44_100))
    assert report.duration_s == pytest.approx(2.0)
    assert len(report.levels) == 40
    with pytest.raises(ValueError, match="sample rate"):
        analyse([0, 1], 0)


def test_thresholds_are_explained() -> None:
    lines = describe_thresholds()
    assert any(line.startswith("Silence: −45 dBFS") for line in lines)
    assert any(line.startswith("Quiet speech: −35 dBFS") for line in lines)
    assert QUIET_DBFS > SILENCE_DBFS


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_synthesised_speech(tmp_path: Path) -> None:
    normal, quiet = tmp_path / "normal.wav", tmp_path / "quiet.wav"
    text = (
        "Thank you for calling. My name is Ana. I understand your internet has been down "
        "for two days, and I am sorry about that. Let me check your account."
    )
    subprocess.run(["espeak-ng", "-s", "150", "-w", str(normal), text], check=True, timeout=60)
    subprocess.run(
        ["espeak-ng", "-s", "150", "-a", "8", "-w", str(quiet), text], check=True, timeout=60
    )
    report = check(normal)
    assert report.level == "good", report.findings
    assert 0.5 < report.speech_share < 0.98  # words and the pauses between them
    assert report.speech_level is not None and -35 < report.speech_level < -10
    soft = check(quiet)
    assert soft.level == "problem"
    assert soft.verdict.startswith("Most of the call was quieter than −35 dBFS")


def test_five_minutes_at_16_khz_give_a_level_every_50_ms() -> None:
    # How long this takes is measured by the benchmark suite, not asserted here (a loaded
    # machine would fail a time limit without anything being wrong).
    second = array.array("h", noise(1, -20) + silence(0.25) + tone(0.75, -25))[: RATE * 2]
    samples = second * 150  # five minutes, built without generating each sample
    report = analyse(samples, RATE)
    assert len(report.levels) == 6000
