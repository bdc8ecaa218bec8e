"""`nextcall voice FILE.wav [--script FILE.txt] [--json]`."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import pytest

from cli_helpers import one_error, run
from speech_helpers import BILLING, clip, needs_espeak

KEYS = {
    "duration_s",
    "words",
    "wpm",
    "longest_pause_s",
    "dead_air",
    "fillers",
    "loudness_dbfs",
    "transcript",
}
SCRIPT_KEYS = {"script_words", "matched_words", "match_rate", "skipped"}


@needs_espeak
def test_json_has_exactly_the_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = BILLING.split(". ")[:2]
    made = clip(tmp_path, [first, second], silences=[3.2], rate=130, stereo=True)
    code, out, err = run(capsys, "voice", str(made.path), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == KEYS
    assert data["wpm"] == pytest.approx(made.true_wpm, rel=0.15)
    assert [set(d) for d in data["dead_air"]] == [{"start_s", "seconds"}]
    assert data["dead_air"][0]["start_s"] == pytest.approx(made.silences[0][0], abs=0.3)
    assert data["longest_pause_s"] == pytest.approx(3.2, abs=0.3)
    assert isinstance(data["fillers"], int) and isinstance(data["transcript"], str)
    assert -40 < data["loudness_dbfs"] < -10


@needs_espeak
def test_with_a_script_and_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Thank you for holding. I have your account open now."
    made = clip(tmp_path, [text.replace(" open", "")])
    script = tmp_path / "script.txt"
    script.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "voice", str(made.path), "--script", str(script), "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == KEYS | SCRIPT_KEYS
    assert data["script_words"] == 10 and "open" in data["skipped"]
    assert 0 <= data["match_rate"] <= 1
    code, out, _ = run(capsys, "voice", str(made.path), "--script", str(script))
    assert code == 0
    assert "140–170 words a minute is easy to follow on a call" in out
    assert "no silence of 3 s or more" in out and "Read aloud:" in out


def _header_only(path: Path, seconds: int) -> Path:
    """A WAV whose header claims ``seconds`` of 16 kHz audio but holds only a second."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        out.setnframes(seconds * 16_000)
        out.writeframes(b"\x01\x00" * 16_000)
    data = bytearray(path.read_bytes())
    claimed = seconds * 16_000 * 2
    data[40:44] = claimed.to_bytes(4, "little")  # the data chunk's size
    path.write_bytes(bytes(data))
    return path


def _silent(path: Path) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(44_100)
        out.writeframes(b"\x00\x00" * 2 * 44_100 * 3)
    return path


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.write_bytes(b"ID3\x03 not a wav at all") and p, "not a WAV"),
        (lambda p: p.write_bytes(b"") and p, "empty"),
        (lambda p: p.write_bytes(b"x") and p, "not a WAV"),
        (_silent, "silent"),
        (lambda p: _header_only(p, 31 * 60), "31 minutes"),
    ],
    ids=["mp3", "empty", "garbage", "silent", "too-long"],
)
def test_unusable_files_give_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, says: str
) -> None:
    path = tmp_path / "call.wav"
    assert callable(make)
    make(path)
    code, out, err = run(capsys, "voice", str(path), "--json")
    assert code == 1 and out == ""
    assert says in one_error(err)


def test_a_missing_file_or_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "voice", str(tmp_path / "none.wav"))
    assert code == 1 and "no such file" in one_error(err)
    silent = _silent(tmp_path / "s.wav")
    code, _, err = run(capsys, "voice", str(silent), "--script", str(tmp_path / "none.txt"))
    assert code == 1 and "cannot read the script" in one_error(err)
