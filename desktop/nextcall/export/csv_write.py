"""Writing a table as CSV that spreadsheets open safely (pure Python).

RFC 4180 quoting with CRLF line ends, UTF-8 with a byte-order mark (so Excel does not guess a
legacy encoding), and a leading ``'`` on every cell that starts with ``= + - @``, a tab or NUL:
a spreadsheet would otherwise run such a cell as a formula.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Sequence
from typing import IO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\x00")


def guard(cell: str) -> str:
    """The cell as it is safe to write: a leading ``'`` before a formula-like start."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def write_table(stream: IO[bytes], headings: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """Write the headings and rows to a binary stream; returns the number of rows written."""
    stream.write(codecs.BOM_UTF8)
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.writer(text, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow([guard(h) for h in headings])
        count = 0
        for row in rows:
            writer.writerow([guard(cell) for cell in row])
            count += 1
        text.flush()
    finally:
        text.detach()  # leave the caller's stream open
    return count
