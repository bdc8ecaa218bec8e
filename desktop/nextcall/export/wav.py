"""Practice-call recordings as WAV files: written atomically, read back as 16-bit mono samples
for the voice check (nextcall.core.voice). Only the standard library's ``wave`` module."""

from __future__ import annotations

import array
import sys
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from nextcall.export.files import ExportError, write_atomically

SAMPLE_WIDTH = 2  # bytes: what the app records and what the analysis reads


class RecordingError(ExportError):
    """A recording could not be read; the message says which and why."""


@dataclass(frozen=True)
class Pcm:
    samples: array.array[int]  # signed 16-bit, mono
    rate: int

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.rate if self.rate else 0.0


def write_wav(target: Path, frames: bytes, rate: int, *, channels: int = 1) -> Path:
    """Save signed 16-bit little-endian PCM ``frames`` as a WAV file (replacing ``target``)."""
    if rate <= 0:
        raise ExportError(f"cannot save {target}: the sample rate must be positive")

    def write(handle: IO[bytes]) -> None:
        with wave.open(handle, "wb") as out:
            out.setnchannels(channels)
            out.setsampwidth(SAMPLE_WIDTH)
            out.setframerate(rate)
            out.writeframes(frames)

    return write_atomically(target, write)


def _to_int16(data: bytes, width: int) -> array.array[int]:
    """Samples of any common width as signed 16-bit (the top two bytes of each sample)."""
    samples = array.array("h")
    if width == 2:
        samples.frombytes(data)
        if sys.byteorder == "big":
            samples.byteswap()
        return samples
    if width == 1:  # unsigned 8-bit
        samples.extend((b - 128) << 8 for b in data)
        return samples
    # 24 or 32 bit little-endian: keep the two most significant bytes of each sample
    top = bytearray(len(data) // width * 2)
    top[0::2] = data[width - 2 :: width]
    top[1::2] = data[width - 1 :: width]
    samples.frombytes(bytes(top))
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def _mixed(samples: array.array[int], channels: int) -> array.array[int]:
    """Interleaved ``samples`` of several channels as one channel (their mean)."""
    parts = [samples[c::channels] for c in range(channels)]
    return array.array("h", (sum(frame) // channels for frame in zip(*parts, strict=False)))


def read_wav(path: Path, *, mix_down: bool = False, max_seconds: float | None = None) -> Pcm:
    """An uncompressed WAV file as 16-bit mono samples: the first channel, or with
    ``mix_down`` the mean of all channels. With ``max_seconds``, a file whose header claims a
    longer recording is refused before its samples are read."""
    try:
        with wave.open(str(path), "rb") as source:
            channels = source.getnchannels()
            width = source.getsampwidth()
            rate = source.getframerate()
            frames = source.getnframes()
            if max_seconds is not None and rate > 0 and frames / rate > max_seconds:
                raise RecordingError(
                    f"{Path(path).name} lasts {frames / rate / 60:.0f} minutes; recordings of "
                    f"up to {max_seconds / 60:.0f} minutes can be analysed"
                )
            data = source.readframes(frames)
    except FileNotFoundError as exc:
        raise RecordingError(f"the recording {path} no longer exists") from exc
    except (wave.Error, EOFError) as exc:
        raise RecordingError(
            f"{Path(path).name} is not a WAV recording NextCall can read ({exc}); "
            "save it as uncompressed WAV (PCM) and try again"
        ) from exc
    except OSError as exc:
        raise RecordingError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if width not in (1, 2, 3, 4):
        raise RecordingError(f"{Path(path).name}: {width * 8}-bit samples are not supported")
    samples = _to_int16(data, width)
    if channels > 1:
        samples = _mixed(samples, channels) if mix_down else samples[::channels]
    return Pcm(samples, rate)
