"""services/note_search.py: full-text search that no typed text can break, and the notes list
fetched page by page."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import update

from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.note_list import (
    GroupPager,
    first_notes,
    note_groups,
    note_summaries,
    note_summary,
)
from nextcall.services.note_search import (
    MARK_END,
    MARK_START,
    NoteFilter,
    any_notes,
    companies_with_notes,
    count_notes,
    fts_query,
    one_line,
    parse_snippet,
    search_notes,
    tag_choices,
)
from nextcall.services.notes import NoteInput, add_note, get_note
from nextcall.store.models import Application, Note

TRICKY = [
    '"',
    '""',
    '"unclosed',
    'a"b',
    "*",
    "**",
    "smile*",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(smile louder)",
    "smile AND",
    "AND smile",
    "(",
    ")",
    "(smile",
    "-",
    "-smile",
    "smile -louder",
    "^smile",
    "body:smile",
    "fix:",
    ":",
    "{body fix}: smile",
    "+",
    "'",
    "\\",
    "%",
    "_",
    "smile\x00louder",
    "  ",
    "\t\n",
    "😀",
    "👩‍💻",
    "громче",
    "שלום",
    "e\u0301",
    "\u0301",
    "<b>",
    "&amp;",
    "x" * 5000,
    " ".join(["word"] * 200),
]


def _app(db: Database, company: str, position: str = "Agent") -> int:
    return add_application(db, ApplicationForm(company=company, position=position))


@pytest.fixture
def notes(db: Database) -> dict[str, int]:
    harbor = _app(db, "Harborline BPO", "Customer service agent")
    blue = _app(db, "Bluewave Contact Center", "Sales agent")
    ids = {
        "louder": add_note(
            db,
            NoteInput(
                "Speak louder and smile: they could hardly hear me.",
                kind="tip",
                application_id=harbor,
                tags=("voice-volume",),
            ),
        ),
        "cyrillic": add_note(
            db, NoteInput("Говорите громче и медленнее.", kind="feedback", application_id=blue)
        ),
        "cafe": add_note(db, NoteInput("Practised my résumé at the café.", kind="observation")),
        "emoji": add_note(
            db,
            NoteInput("Great mock call 😀 keep the pace", kind="observation", application_id=blue),
        ),
        "markup": add_note(
            db,
            NoteInput(
                "They wrote <b>bold</b> &amp; S&P in the email",
                kind="tip",
                application_id=blue,
                tags=("written-english", "My own tag"),
            ),
        ),
        "fix": add_note(
            db,
            NoteInput(
                "Froze on the salary question",
                kind="debrief",
                application_id=harbor,
                fix="Prepare a salary range before the final interview",
            ),
        ),
    }
    return ids


def test_fts_query_quotes_every_word_as_a_prefix() -> None:
    assert fts_query("speak lou") == '"speak"* "lou"*'
    assert fts_query('say "AND" (now)') == '"say"* """AND"""* "(now)"*'
    assert fts_query("") is None
    assert fts_query("   ") is None
    assert fts_query("😀 -- **") is None
    assert fts_query("громче") == '"громче"*'


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_input_never_raises(db: Database, notes: dict[str, int], text: str) -> None:
    hits = search_notes(db, text)
    assert isinstance(hits, list)
    for hit in hits:
        for start, end in hit.marks:
            assert 0 <= start < end <= len(hit.snippet)


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_an_empty_query_finds_nothing(db: Database, notes: dict[str, int], text: str) -> None:
    assert search_notes(db, text) == []


def test_words_are_prefixes_and_all_must_appear(db: Database, notes: dict[str, int]) -> None:
    assert [h.note_id for h in search_notes(db, "lou")] == [notes["louder"]]
    assert [h.note_id for h in search_notes(db, "speak SMI")] == [notes["louder"]]
    assert search_notes(db, "speak salary") == []


def test_operators_are_searched_as_words(db: Database, notes: dict[str, int]) -> None:
    assert [h.note_id for h in search_notes(db, "louder AND")] == [notes["louder"]]
    assert [h.note_id for h in search_notes(db, '"smile"')] == [notes["louder"]]
    assert [h.note_id for h in search_notes(db, "-smile")] == [notes["louder"]]
    assert search_notes(db, "NOT smile") == []  # "not" is a word, and no note has it


def test_cyrillic_case_and_diacritics(db: Database, notes: dict[str, int]) -> None:
    assert [h.note_id for h in search_notes(db, "ГРОМ")] == [notes["cyrillic"]]
    assert [h.note_id for h in search_notes(db, "cafe resume")] == [notes["cafe"]]


def test_text_without_letters_is_found_literally(db: Database, notes: dict[str, int]) -> None:
    [hit] = search_notes(db, "😀")
    assert hit.note_id == notes["emoji"]
    start, end = hit.marks[0]
    assert hit.snippet[start:end] == "😀"
    assert [h.note_id for h in search_notes(db, "&")] == [notes["markup"]]


def test_snippet_marks_the_matched_words(db: Database, notes: dict[str, int]) -> None:
    [hit] = search_notes(db, "lou smi")
    marked = [hit.snippet[a:b] for a, b in hit.marks]
    assert marked == ["louder", "smile"]
    assert MARK_START not in hit.snippet and MARK_END not in hit.snippet
    assert hit.company == "Harborline BPO"
    assert hit.kind == "tip"
    assert isinstance(hit.created_at, datetime)


def test_markup_in_notes_comes_back_as_text(db: Database, notes: dict[str, int]) -> None:
    [hit] = search_notes(db, "bold")
    assert "<b>bold</b> &amp; S&P" in hit.snippet


def test_the_fix_of_a_debrief_is_searched_too(db: Database, notes: dict[str, int]) -> None:
    [hit] = search_notes(db, "range")
    assert hit.note_id == notes["fix"]
    assert "salary range" in hit.snippet


def test_filters(db: Database, notes: dict[str, int]) -> None:
    assert [h.note_id for h in search_notes(db, "the", kind="debrief")] == [notes["fix"]]
    assert [h.note_id for h in search_notes(db, "the", tag="written-english")] == [notes["markup"]]
    assert [h.note_id for h in search_notes(db, "the", tag="my-own-tag")] == [notes["markup"]]
    found = {h.note_id for h in search_notes(db, "the", company="harborline bpo")}
    assert found == {notes["louder"], notes["fix"]}
    assert search_notes(db, "the", company="Nobody Inc") == []


def test_newest_first_and_limit(db: Database) -> None:
    ids = [add_note(db, NoteInput(f"practice call number {n}")) for n in range(5)]
    hits = search_notes(db, "practice", limit=3)
    assert [h.note_id for h in hits] == ids[::-1][:3]


def test_notes_of_trashed_applications_are_left_out(db: Database, notes: dict[str, int]) -> None:
    app_id = get_note(db, notes["louder"]).application_id
    with db.session() as s:
        s.execute(
            update(Application).where(Application.id == app_id).values(deleted_at=datetime.now())
        )
    assert search_notes(db, "louder") == []
    assert notes["louder"] not in {g.application_id for g in note_groups(db)}


def test_parse_snippet_and_one_line() -> None:
    raw = f"…the  {MARK_START}first{MARK_END}\nline and {MARK_START}more{MARK_END}…"
    text, marks = parse_snippet(raw)
    assert text == "…the first line and more…"
    assert [text[a:b] for a, b in marks] == ["first", "more"]
    assert one_line("a\n\n b\tc") == "a b c"
    assert one_line("word " * 100, limit=20).endswith("…")
    assert len(one_line("word " * 100, limit=20)) <= 20


# -- the list ---------------------------------------------------------------------------------


def _stamp(db: Database, note_id: int, when: datetime) -> None:
    with db.session() as s:
        s.execute(update(Note).where(Note.id == note_id).values(created_at=when, updated_at=when))


def test_groups_newest_note_first_and_pages_never_repeat(db: Database) -> None:
    start = datetime(2026, 1, 1, 9, 0)
    apps = [_app(db, f"Company {n:02d}") for n in range(12)]
    minute = 0
    expected_latest: dict[int, datetime] = {}
    for round_ in range(3):
        for app_id in apps:
            note_id = add_note(db, NoteInput(f"note {round_}", application_id=app_id))
            when = start + timedelta(minutes=minute)
            _stamp(db, note_id, when)
            expected_latest[app_id] = when
            minute += 1
    loose = add_note(db, NoteInput("a note about nothing in particular"))
    _stamp(db, loose, start - timedelta(days=1))

    pager = GroupPager(db)
    pager.WALK_BATCH = 5  # force several walks per page
    pages = [pager.next_page(5) for _ in range(4)]
    groups = [g for page in pages for g in page]
    assert pager.done
    assert [len(p) for p in pages] == [5, 5, 3, 0]
    assert [g.application_id for g in groups] == [*apps[::-1], None]
    assert all(g.count == 3 for g in groups[:-1]) and groups[-1].count == 1
    assert groups[0].company == "Company 11" and groups[0].position == "Agent"
    assert groups[0].latest == expected_latest[apps[-1]]


def test_selective_filters_group_in_sql(db: Database, notes: dict[str, int]) -> None:
    groups = note_groups(db, NoteFilter(company="HARBORLINE BPO"))
    assert [(g.company, g.count) for g in groups] == [("Harborline BPO", 2)]
    groups = note_groups(db, NoteFilter(tag="voice-volume"))
    assert [g.count for g in groups] == [1]
    groups = note_groups(db, NoteFilter(kind="observation"))
    assert sorted(g.count for g in groups) == [1, 1]


def test_first_notes_and_more_pages(db: Database) -> None:
    app_id = _app(db, "Pages BPO")
    other = _app(db, "Other BPO")
    ids = [
        add_note(db, NoteInput(f"note {n}\nsecond line", application_id=app_id)) for n in range(7)
    ]
    add_note(db, NoteInput("elsewhere", application_id=other))
    first = first_notes(db, [app_id, other, None], per_group=3)
    assert [n.id for n in first[app_id]] == ids[::-1][:3]
    assert len(first[other]) == 1 and first[None] == []
    assert first[app_id][0].preview == "note 6 second line"
    rest = note_summaries(db, app_id, offset=3, limit=10)
    assert [n.id for n in rest] == ids[::-1][3:]


def test_summary_is_short_even_for_megabytes(db: Database) -> None:
    big = "first words " + "x" * 3_000_000
    note_id = add_note(db, NoteInput(big, tags=("confidence",)))
    summary = note_summary(db, note_id)
    assert summary is not None
    assert summary.preview.startswith("first words")
    assert len(summary.preview) <= 160
    assert summary.tag_names == ("Confidence",)
    assert note_summary(db, 999_999) is None


def test_counts_choices_and_companies(db: Database, notes: dict[str, int]) -> None:
    assert any_notes(db)
    assert count_notes(db) == 6
    assert count_notes(db, NoteFilter(kind="tip")) == 2
    assert companies_with_notes(db) == ["Bluewave Contact Center", "Harborline BPO"]
    choices = tag_choices(db)
    keys = [key for key, _, _ in choices]
    assert keys[0] == "english-grammar"
    assert ("my-own-tag", "My own tag", False) in choices
    assert len(keys) == len(set(keys))


def test_no_notes(db: Database) -> None:
    assert not any_notes(db)
    assert note_groups(db) == []
    assert search_notes(db, "anything") == []
