"""Hostile input through the services the window and the CLI use (applications, notes with
tags, contacts, lookup, search, settings): every call succeeds and reads back exactly, or
refuses with a clear NextCallError; nothing else escapes, and the database stays sound after
every example. (Milestones, follow-ups and bulk add: test_hostile_input_pipeline.py.)"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from hostile import attempt, check_database, dates, examples, ids, ok, spoiled, text
from nextcall.core.companies import company_key
from nextcall.core.errors import NotFoundError, ValidationError
from nextcall.core.playbook import load_playbook
from nextcall.core.stages import NoteKind, Status
from nextcall.core.validation import parse_amount
from nextcall.services import applications as apps
from nextcall.services import contacts, lookup, note_search, notes, settings
from nextcall.services.applications import ApplicationForm
from nextcall.services.database import Database

FIELDS = ("position", "account_type", "source", "url", "site", "shift", "notes")
forms = spoiled(
    valid={
        "company": st.sampled_from(["Acme", "Bolt Ltd", "  Crest  ", "Żabka ☎"]),
        **{name: st.sampled_from(["", "Agent", "night shift"]) for name in FIELDS},
        "applied_on": st.sampled_from(["", "2026-11-02", "3 Nov 2026", "yesterday"]),
        "salary_expected": st.sampled_from(["", "25k", "18,000.50"]),
        "status": st.sampled_from([s.value for s in Status]),
    },
    hostile={
        "company": text,
        **{name: text for name in FIELDS},
        "applied_on": st.one_of(text, dates.map(lambda d: d.isoformat())),
        "salary_expected": st.one_of(
            text, st.sampled_from(["-5", "1e12", "inf", "nan", "1e400", "0x10"])
        ),
        "status": text,
    },
).map(lambda values: ApplicationForm(**values))
kinds = st.one_of(st.sampled_from([k.value for k in NoteKind]), text)
tag_lists = st.lists(st.one_of(text, st.sampled_from(["confidence", "Voice volume"])), max_size=4)


def _same_application(db: Database, app_id: int, form: ApplicationForm) -> None:
    values, errors = apps.validate(form, db.clock.today())
    assert values is not None and not errors
    stored = apps.get_form(db, app_id)
    assert company_key(stored.company) == company_key(values.company)  # an existing company
    for name in ("position", "account_type", "source", "url", "site", "shift", "notes"):
        assert getattr(stored, name) == getattr(values, name), name
    assert stored.status == values.status
    assert stored.applied_on == (values.applied_on.isoformat() if values.applied_on else "")
    assert parse_amount(stored.salary_expected) == values.salary_expected


@examples(120)
@given(form=forms)
def test_validate_never_raises_and_add_round_trips(db: Database, form: ApplicationForm) -> None:
    values, errors = apps.validate(form, db.clock.today())
    assert (values is None) == bool(errors)
    result = attempt(lambda: apps.add_application(db, form))
    assert ok(result) == (values is not None)
    if ok(result):
        _same_application(db, result, form)  # type: ignore[arg-type]
    check_database(db)


@examples(80)
@given(first=forms, second=forms, target=ids)
def test_update_round_trips_or_refuses(
    db: Database, first: ApplicationForm, second: ApplicationForm, target: int
) -> None:
    app_id = attempt(lambda: apps.add_application(db, replace(first, company="Update Co")))
    assert ok(app_id) or first != replace(first, company="Update Co")
    for where in (app_id if ok(app_id) else None, target):
        if where is None:
            continue
        result = attempt(lambda w=where: apps.update_application(db, w, second))
        if ok(result):
            _same_application(db, where, second)  # type: ignore[arg-type]
        elif apps.validate(second, db.clock.today())[0] is not None:
            assert isinstance(result, NotFoundError | ValidationError)
    check_database(db)


def _expected_tags(given_tags: list[str]) -> set[str]:
    playbook = load_playbook()
    keys = {a.key for a in playbook.areas}
    by_name = {a.name.lower(): a.key for a in playbook.areas}
    return {
        t if t in keys else by_name.get(t.strip().lower()) or notes.tag_key(t) for t in given_tags
    }


NOTE_CALLS = spoiled(
    valid={
        "body": st.text(max_size=30),
        "fix": st.sampled_from(["", "Slow down"]),
        "kind": st.sampled_from([k.value for k in NoteKind]),
        "tags": st.lists(st.sampled_from(["confidence", "Voice volume", "my own"]), max_size=3),
        "later": st.text(max_size=30),
    },
    hostile={"body": text, "fix": text, "kind": kinds, "tags": tag_lists, "later": text},
)


@examples(150)
@given(call=NOTE_CALLS, app=ids)
def test_notes_store_text_exactly_or_refuse(db: Database, call: dict[str, Any], app: int) -> None:
    body, fix, kind, tags, later = (
        call["body"],
        call["fix"],
        call["kind"],
        call["tags"],
        call["later"],
    )
    real_app = apps.add_application(db, ApplicationForm(company="Notes Co"))
    for application_id in (real_app, app):
        note = notes.NoteInput(body, kind, application_id, tags=tuple(tags), fix=fix)
        note_id = attempt(lambda n=note: notes.add_note(db, n))
        if not ok(note_id):
            continue
        stored = notes.get_note(db, note_id)  # type: ignore[arg-type]
        assert (stored.body, stored.fix, stored.kind) == (body, fix, kind)
        assert set(stored.tags) == _expected_tags(tags)
        saved = attempt(lambda i=note_id: notes.save_note(db, i, body=later, tags=(later,)))
        stored = notes.get_note(db, note_id)  # type: ignore[arg-type]
        assert stored.body == (later if ok(saved) else body)  # a refusal changes nothing
    assert not ok(attempt(lambda: notes.save_note(db, 10**9, body="x")))
    check_database(db)


contact_forms = spoiled(
    valid={
        "name": st.sampled_from(["Ana Cruz", " Ben "]),
        "role": st.sampled_from(["", "Recruiter"]),
        "email": st.sampled_from(["", "ana@acme.com", "mailto:ben@bolt.ph"]),
        "phone": st.sampled_from(["", "+63 912 345 6789"]),
        "memory_hook": st.sampled_from(["", "likes cats\nasked about Excel"]),
    },
    hostile={name: text for name in ("name", "role", "email", "phone", "memory_hook")},
).map(lambda values: contacts.ContactForm(**values))


@examples(100)
@given(form=contact_forms, other=contact_forms, company=ids, contact=ids)
def test_contacts_round_trip_or_refuse(
    db: Database,
    form: contacts.ContactForm,
    other: contacts.ContactForm,
    company: int,
    contact: int,
) -> None:
    app_id = apps.add_application(db, ApplicationForm(company="Contacts Co"))
    clean, problems = contacts.check_contact(form)
    added = attempt(lambda: contacts.add_contact(db, form, application_id=app_id))
    assert ok(added) == (not problems)
    if ok(added):
        view = contacts.get_contact(db, added)  # type: ignore[arg-type]
        assert (view.name, view.role, view.email, view.phone, view.memory_hook) == (
            clean.name,
            clean.role,
            clean.email,
            clean.phone,
            clean.memory_hook,
        )
    attempt(lambda: contacts.add_contact(db, form, company_id=company))
    attempt(lambda: contacts.update_contact(db, contact, other))
    attempt(lambda: contacts.delete_contact(db, contact))
    attempt(lambda: contacts.link_event_contact(db, contact, company))
    check_database(db)


@examples(120)
@given(query=text, tag=st.one_of(st.none(), text), kind=st.one_of(st.none(), kinds))
def test_lookup_and_search_answer_or_refuse(
    db: Database, query: str, tag: str | None, kind: str | None
) -> None:
    if not lookup.matching_applications(db, "Search Co"):
        app_id = apps.add_application(db, ApplicationForm(company="Search Co"))
        notes.add_note(db, notes.NoteInput("smile on the phone 😀", application_id=app_id))
    found = attempt(lambda: lookup.find_application(db, query))
    if ok(found):
        assert found.id > 0  # type: ignore[union-attr]
    attempt(lambda: lookup.matching_applications(db, query))
    hits = attempt(lambda: note_search.search_notes(db, query, tag=tag, kind=kind, company=query))
    if ok(hits):
        assert isinstance(hits, list)
    check_database(db)


@examples(60)
@given(name=st.sampled_from(sorted(settings.INTEGER_SETTINGS)), number=st.integers(), words=text)
def test_settings_round_trip_or_refuse(db: Database, name: str, number: int, words: str) -> None:
    if ok(attempt(lambda: settings.set_int(db, name, number))):
        assert settings.get_int(db, name) == number
    if ok(attempt(lambda: settings.set_text(db, "applicant_name", words))):
        assert settings.get_text(db, "applicant_name") == " ".join(words.split())
    check_database(db)
