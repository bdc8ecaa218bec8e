"""export/wav.py: recordings written atomically and privately, read back as 16-bit mono from
the WAV widths and layouts other apps produce, with clear errors for anything else."""

from __future__ import annotations

import array
import os
import struct
import wave
from pathlib import Path

import pytest

from nextcall.export.files import ExportError
from nextcall.export.wav import RecordingError, read_wav, write_wav


def raw_wav(path: Path, frames: bytes, *, width: int, channels: int = 1, rate: int = 8000) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(frames)
    return path


def test_round_trip(tmp_path: Path) -> None:
    samples = array.array("h", [0, 1000, -1000, 32767, -32768])
    target = write_wav(tmp_path / "call.wav", samples.tobytes(), 16_000)
    pcm = read_wav(target)
    assert list(pcm.samples) == list(samples)
    assert pcm.rate == 16_000
    assert pcm.duration_s == pytest.approx(5 / 16_000)
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["call.wav"]  # no temporary file left


def test_writing_into_a_missing_folder_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        write_wav(tmp_path / "nope" / "call.wav", b"\0\0", 16_000)
    with pytest.raises(ExportError, match="sample rate"):
        write_wav(tmp_path / "call.wav", b"\0\0", 0)


def test_stereo_keeps_the_first_channel(tmp_path: Path) -> None:
    frames = array.array("h", [100, -5, 200, -5, 300, -5]).tobytes()
    pcm = read_wav(raw_wav(tmp_path / "s.wav", frames, width=2, channels=2))
    assert list(pcm.samples) == [100, 200, 300]


def test_8_bit_samples(tmp_path: Path) -> None:
    pcm = read_wav(raw_wav(tmp_path / "b.wav", bytes([128, 255, 0]), width=1))
    assert list(pcm.samples) == [0, 127 << 8, -128 << 8]


@pytest.mark.parametrize("width", [3, 4])
def test_24_and_32_bit_samples_keep_their_top_16_bits(tmp_path: Path, width: int) -> None:
    values = [0x1234, -0x1234, 0x7FFF, -0x8000]
    shift = 8 * (width - 2)  # the sample's value with ``values`` as its top 16 bits
    frames = b"".join(struct.pack("<i", v << shift)[:width] for v in values)
    pcm = read_wav(raw_wav(tmp_path / "w.wav", frames, width=width))
    assert list(pcm.samples) == values


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(RecordingError, match="no longer exists"):
        read_wav(tmp_path / "gone.wav")
    text = tmp_path / "notes.wav"
    text.write_text("not a recording", encoding="utf-8")
    with pytest.raises(RecordingError, match=r"notes\.wav is not a WAV recording"):
        read_wav(text)
