"""export/csv_write.py: RFC 4180 quoting, a BOM, and no formulas reaching a spreadsheet."""

from __future__ import annotations

import codecs
import csv
import io

import pytest

from nextcall.export.csv_write import guard, write_table


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+63 912 345 6789", "'+63 912 345 6789"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\x00x", "'\x00x"),
        ("Harborline BPO", "Harborline BPO"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_formula_starts_get_a_quote(cell: str, expected: str) -> None:
    assert guard(cell) == expected


def test_the_file_has_a_bom_crlf_and_quotes_where_needed() -> None:
    stream = io.BytesIO()
    rows = [["Café, Inc.", 'He said "hi"', "two\nlines"], ["=1+1", "plain", ""]]
    count = write_table(stream, ["Company", "Notes", "More"], rows)
    data = stream.getvalue()
    assert count == 2
    assert data.startswith(codecs.BOM_UTF8)
    text = data[len(codecs.BOM_UTF8) :].decode("utf-8")
    assert text.startswith("Company,Notes,More\r\n")
    assert '"Café, Inc.","He said ""hi""","two\nlines"\r\n' in text
    assert text.endswith("'=1+1,plain,\r\n")
    back = list(csv.reader(io.StringIO(text, newline="")))
    assert back[1] == rows[0]
    assert back[2] == ["'=1+1", "plain", ""]
    assert not stream.closed  # the caller's stream stays usable
