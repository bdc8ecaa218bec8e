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
