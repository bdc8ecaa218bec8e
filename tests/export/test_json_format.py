"""export/json_format.py: the versioned file, checked with the JSON path of every problem."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from nextcall.export.json_format import VERSION, FormatError, dump, load

FIXTURE = Path(__file__).parent / "fixtures" / "nextcall_v1.json"


def document() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def broken(change: Callable[[dict[str, Any]], None]) -> bytes:
    doc = copy.deepcopy(document())
    change(doc)
    return json.dumps(doc).encode()


def test_the_documented_example_loads_with_python_values() -> None:
    sections = load(FIXTURE.read_bytes())
    app = sections["applications"][0]
    assert app["applied_on"] == date(2026, 10, 1)
    assert app["created_at"] == datetime(2026, 10, 1, 9, 5)
    assert app["salary_expected"] == 18000.0
    assert app["events"][1]["contact"] == 1
    assert sections["practice_sessions"][0]["scores"] == {"empathy": 4, "clarity": 3}
    assert sections["settings"] == {"weekly_target": "25"}


def test_dump_then_load_gives_the_same_records() -> None:
    sections = load(FIXTURE.read_bytes())
    again = load(dump(sections, exported_at=datetime(2026, 11, 20, 18, 30)))
    assert again == sections
    first = json.loads(dump(sections, exported_at=datetime(2026, 11, 20, 18, 30)))
    assert first == document()


def test_missing_sections_are_empty() -> None:
    sections = load(b'{"format": "nextcall", "version": 1}')
    assert sections["applications"] == []
    assert sections["settings"] == {}


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (
            lambda d: d["applications"][0].update(applied_on="01/10/2026"),
            r"\$\.applications\[0\]\.applied_on: expected a date like 2026-11-03",
        ),
        (
            lambda d: d["applications"][0]["events"][1].update(outcome="maybe"),
            r"\$\.applications\[0\]\.events\[1\]\.outcome: \"maybe\" is not one of",
        ),
        (
            lambda d: d["applications"][0].update(status=None),
            r"\$\.applications\[0\]\.status: is required",
        ),
        (
            lambda d: d["companies"][0].update(name="  "),
            r"\$\.companies\[0\]\.name: must not be empty",
        ),
        (
            lambda d: d["notes"][0].update(application=5),
            r"\$\.notes\[0\]\.application: 5 does not match any application",
        ),
        (
            lambda d: d["applications"][0]["events"][0].update(stage="coffee-chat"),
            r"\$\.applications\[0\]\.events\[0\]\.stage: \"coffee-chat\" does not match",
        ),
        (
            lambda d: d["test_scores"][0].update(value="fast"),
            r"\$\.test_scores\[0\]\.value: expected a number",
        ),
        (lambda d: d.update(notes={}), r"\$\.notes: expected a list"),
        (
            lambda d: d["companies"].append(dict(d["companies"][0], name="HARBORLINE bpo")),
            r"\$\.companies\[1\]\.name: .* appears twice",
        ),
    ],
)
def test_problems_name_their_json_path(
    change: Callable[[dict[str, Any]], None], where: str
) -> None:
    with pytest.raises(FormatError, match=where) as caught:
        load(broken(change))
    assert "nothing was imported" in str(caught.value)


def test_a_newer_version_asks_for_an_update() -> None:
    data = broken(lambda d: d.update(version=VERSION + 1))
    with pytest.raises(FormatError, match=r"newer NextCall \(format version 2"):
        load(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"format": "nextcall", "version": 1,', "not valid JSON: .* line 1, column"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[]", "not a NextCall export"),
        (b'{"format": "other"}', "not a NextCall export"),
        (b'{"format": "nextcall", "version": "1"}', r"\$\.version"),
    ],
)
def test_files_that_are_not_exports_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        load(data)


def test_the_readme_example_is_a_valid_file() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Your data: JSON format", 1)[1]
    example = section.split("```json\n", 1)[1].split("```", 1)[0]
    sections = load(example.encode())
    assert sections["applications"][0]["events"][0]["stage"] == "phone-interview"


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_a_nesting_bomb_is_a_clear_format_error(opening: str) -> None:
    bomb = (opening * 100_000).encode()
    with pytest.raises(FormatError, match="nests too deeply"):
        load(bomb)
