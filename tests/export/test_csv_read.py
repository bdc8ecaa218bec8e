"""export/csv_read.py: encodings, separators and the physical line of every row."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from nextcall.core.errors import ValidationError
from nextcall.export.csv_read import decode, read_csv, sniff_delimiter

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_other_tracker_fixture_keeps_physical_line_numbers() -> None:
    table = read_csv((FIXTURES / "other_tracker.csv").read_bytes())
    assert table.headings[:4] == ("Employer", "Job Title", "Status", "Date Applied")
    # The notes on line 4 run over two lines, so the next row starts on line 6.
    assert [row.line for row in table.rows] == [2, 3, 4, 6, 7, 8]
    assert table.rows[2].cells[7] == "Stopped at the exam.\nGrammar part was hard."
    assert table.encoding == "UTF-8"
    assert table.encoding_note == ""


def test_a_byte_order_mark_is_not_part_of_the_first_heading() -> None:
    data = codecs.BOM_UTF8 + "Company,Role\r\nCafé Uno,Agent\r\n".encode()
    table = read_csv(data)
    assert table.headings == ("Company", "Role")
    assert table.encoding == "UTF-8 with BOM"
    assert table.rows[0].cells == ("Café Uno", "Agent")


def test_windows_1252_is_read_and_said() -> None:
    table = read_csv((FIXTURES / "windows_1252.csv").read_bytes())
    assert table.encoding == "Windows-1252"
    assert table.encoding_note == "read as Windows-1252"
    assert table.delimiter == ";"
    assert table.rows[0].cells[:2] == ("Café Manille", "Agent – nights")
    assert table.rows[1].cells[0] == "Señor Support"
    assert not any(row.bad_encoding for row in table.rows)


def test_utf16_from_a_spreadsheet_is_read() -> None:
    data = "Company\tPosition\nÅkersberg CX\tAgent\n".encode("utf-16")
    table = read_csv(data)
    assert table.encoding == "UTF-16"
    assert table.delimiter == "\t"
    assert table.rows[0].cells == ("Åkersberg CX", "Agent")


def test_a_stray_byte_in_a_utf8_file_marks_only_its_row() -> None:
    data = "Company,Role\nCafé Uno,Agent\n".encode() + b"Bad \xff Co,Agent\nZeta,Lead\n"
    table = read_csv(data)
    assert table.encoding == "UTF-8"
    assert [(row.line, row.bad_encoding) for row in table.rows] == [
        (2, False),
        (3, True),
        (4, False),
    ]


def test_undefined_windows_bytes_mark_their_row() -> None:
    text, name, bad = decode(b"Company\nCaf\xe9\nOdd \x81 byte\n")
    assert name == "Windows-1252"
    assert bad == {3}
    assert text.splitlines()[1] == "Café"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("a,b,c", ","),
        ("a;b;c", ";"),
        ("a\tb\tc", "\t"),
        ('"x;y",b,c', ","),
        ("single", ","),
    ],
)
def test_the_separator_is_the_one_the_headings_use(line: str, expected: str) -> None:
    assert sniff_delimiter(line) == expected


def test_blank_lines_are_skipped_but_counted() -> None:
    table = read_csv(b"Company\n\nAlpha\n , \nBeta\n")
    assert [(row.line, row.cells[0]) for row in table.rows] == [(3, "Alpha"), (5, "Beta")]


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError, match="empty"):
        read_csv(b"\n\n", source="jobs.csv")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_its_byte_order_mark_is_read(codec: str) -> None:
    table = read_csv("Company,Position\nÑandú BPO,Agent\n".encode(codec))
    assert table.encoding == "UTF-16"
    assert table.headings == ("Company", "Position")
    assert table.rows[0].cells == ("Ñandú BPO", "Agent")


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4, "spreadsheet"),
        (bytes(range(256)) * 8, "not text"),
        (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64, "not text"),
    ],
)
def test_a_binary_file_is_named_for_what_it_is(data: bytes, said: str) -> None:
    with pytest.raises(ValidationError, match=said):
        read_csv(data)
