"""services/json_export.py: everything in one versioned file, the bin included."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from nextcall.services.applications import ApplicationForm, add_application, delete_application
from nextcall.services.database import Database
from nextcall.services.json_export import export_json
from nextcall.services.notes import NoteInput, add_note
from nextcall.services.stages import add_stage, record_outcome


def test_the_file_links_records_by_ref(db: Database, tmp_path: Path) -> None:
    first = add_application(db, ApplicationForm(company="Alpha CX", applied_on="2026-11-02"))
    record_outcome(db, first, "phone-interview", "passed")
    add_stage(db, "Second interview", "phone-interview")
    gone = add_application(db, ApplicationForm(company="Beta BPO", applied_on="2026-11-03"))
    delete_application(db, gone)
    add_note(db, NoteInput(body="Smile", kind="tip", application_id=first, tags=("confidence",)))
    done = export_json(db, tmp_path / "all.json")
    assert (done.applications, done.notes) == (2, 1)
    doc = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"]) == ("nextcall", 1)
    assert [a["company"] for a in doc["applications"]] == ["Alpha CX", "Beta BPO"]
    assert doc["applications"][1]["deleted_at"] is not None
    events = doc["applications"][0]["events"]
    assert [(e["ref"], e["stage"], e["outcome"]) for e in events] == [
        (1, "application", "passed"),
        (2, "phone-interview", "passed"),
    ]
    assert [h["outcome"] for h in doc["applications"][0]["history"]] == [
        "pending",
        "passed",
        "passed",
    ]
    assert [s["name"] for s in doc["stages"]] == ["Second interview"]
    note = doc["notes"][0]
    assert (note["application"], note["tags"]) == (1, ["confidence"])
    assert [t["key"] for t in doc["tags"]] == ["confidence"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_file_is_private(db: Database, tmp_path: Path) -> None:
    export_json(db, tmp_path / "all.json")
    assert stat.S_IMODE(os.stat(tmp_path / "all.json").st_mode) == 0o600
