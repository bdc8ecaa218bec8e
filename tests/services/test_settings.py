"""services/settings.py: a stored or imported setting can never stop the app. Values are
checked against their range where they are read, and the JSON import refuses them with their
path."""

from __future__ import annotations

import json

import pytest

from cli_helpers import one_error, run
from nextcall.core.errors import ValidationError
from nextcall.services import settings
from nextcall.services.database import Database
from nextcall.services.json_import import import_json
from nextcall.services.pace import quiet_applications, weekly_progress
from nextcall.store.models import Setting

HOSTILE = ["1000000", "99999999999999999999999", "-5", "", "ten", "1e9", "0x10", " 21 ", "½"]


def _store(db: Database, key: str, value: str) -> None:
    with db.session() as s:
        s.merge(Setting(key=key, value=value))


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("name", sorted(settings.INTEGER_SETTINGS))
def test_a_stored_value_out_of_range_reads_as_the_default(
    db: Database, name: str, value: str
) -> None:
    _store(db, name, value)
    default, low, high, _what = settings.INTEGER_SETTINGS[name]
    got = settings.get_int(db, name)
    assert low <= got <= high
    if value.strip().isdigit() and low <= int(value) <= high:
        assert got == int(value)
    else:
        assert got == default


def test_the_pace_figures_survive_hostile_settings(db: Database) -> None:
    _store(db, "ghost_after_days", "1000000")
    _store(db, "weekly_target", "99999999999999999999999")
    assert quiet_applications(db) == []
    assert weekly_progress(db).target == settings.INTEGER_SETTINGS["weekly_target"][0]


def test_a_stored_name_is_trimmed_to_one_short_line(db: Database) -> None:
    _store(db, "applicant_name", "Ana\n\n  Cruz " + "x" * 500)
    name = settings.get_text(db, "applicant_name")
    assert name.startswith("Ana Cruz ") and len(name) == 120


def _document(values: dict[str, str]) -> bytes:
    return json.dumps({"format": "nextcall", "version": 1, "settings": values}).encode()


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("ghost_after_days", "1000000"),
        ("weekly_target", "99999999999999999999999"),
        ("thank_you_after_days", "soon"),
        ("applicant_name", "x" * 500),
        ("no_such_setting", "1"),
    ],
)
def test_the_json_import_refuses_what_the_app_could_not_use(
    db: Database, key: str, value: str
) -> None:
    with pytest.raises(ValidationError, match=rf"\$\.settings\.“{key}”"):
        import_json(db, _document({key: value}))
    with db.session() as s:
        assert s.get(Setting, key) is None  # nothing was imported


def test_good_settings_and_templates_still_import(db: Database) -> None:
    template = json.dumps({"subject": "Thanks", "body": "Dear {interviewer},"})
    import_json(db, _document({"weekly_target": "30", "template:thank_you": template}))
    assert settings.get_int(db, "weekly_target") == 30


def test_the_cli_import_says_which_value_is_wrong(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hostile.json"
    path.write_bytes(_document({"ghost_after_days": "1000000"}))
    code, _out, err = run(capsys, "import", str(path))
    assert code == 1
    line = one_error(err)
    assert "$.settings.“ghost_after_days”" in line and "between 3 and 365" in line
