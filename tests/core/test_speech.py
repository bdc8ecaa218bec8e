"""The speech coach's figures from the sound alone (no recogniser), measured on recordings
espeak-ng speaks at known rates, with silences of known length, quiet and clipped."""

from __future__ import annotations

import array
from pathlib import Path

import pytest

from nextcall.core import speech
from nextcall.core.speech import Word
from nextcall.export.wav import read_wav
from speech_helpers import BILLING, DELIVERY, clip, needs_espeak

# espeak-ng's -s is not its true pace: -s 90 / 130 / 170 speak these passages at about
# 115-120, 150-160 and 190-200 words a minute (Clip.true_wpm says how it is computed).
RATES = (90, 130, 170)


def figures(path: Path) -> speech.Signal:
    pcm = read_wav(path)
    return speech.analyse_signal(speech.resample(pcm.samples, pcm.rate), speech.RATE)


@needs_espeak
@pytest.mark.parametrize("rate", RATES)
@pytest.mark.parametrize("text", [BILLING, DELIVERY], ids=["billing", "delivery"])
def test_pace_is_within_15_percent_of_the_true_rate(tmp_path: Path, rate: int, text: str) -> None:
    made = clip(tmp_path, [text], rate=rate)
    found = figures(made.path)
    assert found.wpm == pytest.approx(made.true_wpm, rel=0.15)
    assert found.dead_air == ()


@needs_espeak
def test_each_silence_of_3_s_or_more_is_found_where_it_starts(tmp_path: Path) -> None:
    parts = BILLING.split(". ")
    made = clip(tmp_path, parts, silences=[3.0, 1.0, 4.5])
    found = figures(made.path)
    long = [(start, seconds) for start, seconds in made.silences if seconds >= 3]
    assert len(found.dead_air) == len(long) == 2
    for pause, (start, seconds) in zip(found.dead_air, long, strict=True):
        assert pause.start_s == pytest.approx(start, abs=0.3)
        assert pause.seconds == pytest.approx(seconds, abs=0.3)
    assert found.longest_pause_s == pytest.approx(4.5, abs=0.3)
    # the inserted silences are not speaking time: the pace stays the speaker's
    assert found.wpm == pytest.approx(made.true_wpm, rel=0.15)


@needs_espeak
@pytest.mark.parametrize("gain", [0.03, 8.0], ids=["quiet", "clipped"])
def test_quiet_and_clipped_speech_keep_their_pace_and_report_the_level(
    tmp_path: Path, gain: float
) -> None:
    made = clip(tmp_path, BILLING.split(". "), silences=[3.5, 0, 0], gain=gain)
    found = figures(made.path)
    assert found.wpm == pytest.approx(made.true_wpm, rel=0.15)
    assert len(found.dead_air) == 1
    assert found.dead_air[0].start_s == pytest.approx(made.silences[0][0], abs=0.3)
    if gain < 1:
        assert found.loudness_dbfs < -45  # reported as quiet, not taken for silence
        assert found.clipped_share == 0
    else:
        assert found.loudness_dbfs > -12
        assert found.clipped_share > 0.3


@needs_espeak
def test_stereo_and_other_rates_are_mixed_down_and_resampled(tmp_path: Path) -> None:
    made = clip(tmp_path, [BILLING], stereo=True)
    pcm = read_wav(made.path, mix_down=True)
    assert pcm.rate == 22050  # espeak-ng's own rate
    found = speech.analyse_signal(speech.resample(pcm.samples, pcm.rate), speech.RATE)
    assert found.duration_s == pytest.approx(made.speech_s, abs=0.01)
    assert found.wpm == pytest.approx(made.true_wpm, rel=0.15)


def test_resampling_keeps_the_duration() -> None:
    for rate in (8000, 11025, 22050, 44100, 48000):
        samples = array.array("h", [1000, -1000] * (rate // 2))
        out = speech.resample(samples, rate)
        assert len(out) == pytest.approx(speech.RATE, abs=2)


def test_silent_short_and_long_recordings_are_refused() -> None:
    with pytest.raises(speech.SpeechError, match="silent"):
        speech.analyse_signal(array.array("h", [0] * speech.RATE), speech.RATE)
    with pytest.raises(speech.SpeechError, match="no sound"):
        speech.analyse_signal(array.array("h"), speech.RATE)
    with pytest.raises(speech.SpeechError, match="sample rate"):
        speech.check_recording([1, 2, 3], 4000)


def test_read_aloud_marks_the_words_not_heard() -> None:
    script = "Thank you for calling. My name's Maria, how can I help?"
    heard = [
        Word(w, i, i + 0.5)
        for i, w in enumerate(
            ["thank", "you", "um", "for", "my", "names", "maria", "how", "i", "help"]
        )
    ]
    result = speech.read_aloud(script, heard)
    assert result.script_words == 11
    assert result.skipped == ["calling", "name's", "can"]
    assert result.matched_words == 8
    assert result.match_rate == pytest.approx(8 / 11)


def test_fillers_are_counted_from_the_words_heard() -> None:
    signal = speech.Signal(10, (), 20, 120, 10, (), (), (), 0.5, -20, 0, -45)
    heard = tuple(Word(w, 0, 0) for w in ["so", "um", "the", "uh", "Hmm", "err"])
    report = speech.SpeechReport(signal, heard)
    assert report.fillers == 3
    assert set(report.as_json()) == {
        "duration_s",
        "words",
        "wpm",
        "longest_pause_s",
        "dead_air",
        "fillers",
        "loudness_dbfs",
        "transcript",
    }
