"""Reading a CSV file another tracker or a spreadsheet wrote (pure Python, no database).

Encodings, deterministically: UTF-8 with or without a byte-order mark, UTF-16 with a
byte-order mark (Excel's "Unicode text"), and Windows-1252 when the file is not UTF-8. Bytes
that do not decode put "wrong encoding" on the row that holds them instead of failing the whole
file. The separator is whichever of comma, semicolon or tab the heading line uses most.

Every row keeps the physical line it starts on (the heading is line 1), so problems can be
reported where a spreadsheet or text editor shows them.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass

from nextcall.core.errors import ValidationError

MAX_FILE_BYTES = 20_000_000
MAX_ROWS = 20_000
WINDOWS_1252 = "Windows-1252"


@dataclass(frozen=True)
class CsvRow:
    line: int  # the physical line the row starts on
    cells: tuple[str, ...]
    bad_encoding: bool = False  # some of its bytes were not valid in the file's encoding


@dataclass(frozen=True)
class CsvTable:
    headings: tuple[str, ...]
    rows: tuple[CsvRow, ...]
    encoding: str  # "UTF-8", "UTF-8 with BOM", "UTF-16" or "Windows-1252"
    delimiter: str

    @property
    def encoding_note(self) -> str:
        """What to tell the user about the encoding ("" when it is plain UTF-8)."""
        return f"read as {WINDOWS_1252}" if self.encoding == WINDOWS_1252 else ""


SNIFF_BYTES = 4096
ZIP_MAGIC = b"PK\x03\x04"  # .xlsx, .ods and other zip-packed files


def decode(data: bytes) -> tuple[str, str, frozenset[int]]:
    """(text, encoding name, numbers of the lines holding bytes that did not decode)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16", frozenset()
        except UnicodeDecodeError as exc:
            raise ValidationError(
                f"the file says it is UTF-16 but byte {exc.start} is not; save it again as "
                "CSV UTF-8",
                "file",
            ) from None
    if b"\x00" in data[:SNIFF_BYTES] or data.startswith(ZIP_MAGIC):
        return _decode_without_bom(data)
    name, codec = "UTF-8", "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        data, name = data[len(codecs.BOM_UTF8) :], "UTF-8 with BOM"
    try:
        return data.decode("utf-8"), name, frozenset()
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    if name == "UTF-8" and not any(_is_utf8_text(line) for line in lines):
        name, codec = WINDOWS_1252, "cp1252"  # no line reads as UTF-8 text: a Windows file
    texts: list[str] = []
    bad: set[int] = set()
    for number, line in enumerate(lines, start=1):
        try:
            texts.append(line.decode(codec))
        except UnicodeDecodeError:
            texts.append(line.decode(codec, errors="replace"))
            bad.add(number)
    return "\n".join(texts), name, frozenset(bad)


def _decode_without_bom(data: bytes) -> tuple[str, str, frozenset[int]]:
    """Text holding NUL bytes: UTF-16 saved without its byte order mark (every other byte of
    Latin text is zero), or not text at all."""
    if data.startswith(ZIP_MAGIC):
        raise ValidationError(
            "the file is a spreadsheet or another packed file, not CSV text; open it in your "
            "spreadsheet program and save it as CSV UTF-8",
            "file",
        )
    sample = data[:SNIFF_BYTES]
    even, odd = sample[0::2], sample[1::2]
    for codec, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.4 * len(zeros) and others.count(0) <= 0.05 * len(others):
            try:
                return data.decode(codec), "UTF-16", frozenset()
            except UnicodeDecodeError:
                break
    raise ValidationError(
        "the file is not text (it holds binary data), so it cannot be a CSV file; save your "
        "list as CSV UTF-8 and try again",
        "file",
    )


def _is_utf8_text(line: bytes) -> bool:
    """A line with non-ASCII bytes that are valid UTF-8 (so the file is UTF-8 at heart)."""
    if line.isascii():
        return False
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def sniff_delimiter(first_line: str) -> str:
    """Comma, semicolon or tab: the one the heading line uses most outside quotes."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda c: (counts[c], c == ","))
    return best if counts[best] else ","


def read_csv(data: bytes, *, source: str = "the file") -> CsvTable:
    """The headings and rows of a CSV file; raises ValidationError for a file that cannot be
    read as a table at all (empty, too big, broken quoting)."""
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(
            f"{source} is {len(data) // 1_000_000} MB; an application list is far smaller. "
            "Is it the right file?",
            "file",
        )
    text, encoding, bad_lines = decode(data)
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headings: tuple[str, ...] | None = None
    rows: list[CsvRow] = []
    end = 0
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if headings is None:
                headings = tuple(cell.strip().lstrip("\ufeff") for cell in cells)
                continue
            if len(rows) >= MAX_ROWS:
                raise ValidationError(
                    f"{source} has more than {MAX_ROWS:,} rows; split it and import the parts "
                    "one after the other",
                    "file",
                )
            broken = any(n in bad_lines for n in range(start, end + 1))
            rows.append(CsvRow(start, tuple(cells), broken))
    except csv.Error as exc:
        raise ValidationError(
            f"line {reader.line_num}: {exc}; check the quotes on that line", "file"
        ) from None
    if headings is None:
        raise ValidationError(f"{source} is empty: there is no heading line", "file")
    return CsvTable(headings, tuple(rows), encoding, delimiter)
