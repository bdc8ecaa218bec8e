"""services/quick_find.py and services/call_card.py: find who is calling by company, contact,
position or phone number (digits however typed), and gather the card and the call's note."""

from __future__ import annotations

from datetime import datetime

import pytest

from nextcall.core.errors import NextCallError, NotFoundError
from nextcall.services import practice
from nextcall.services.application_detail import save_answer
from nextcall.services.applications import ApplicationForm, add_application, delete_application
from nextcall.services.call_card import INTRODUCTION_KEY, call_card, start_call_note
from nextcall.services.contacts import ContactForm, add_contact, link_event_contact
from nextcall.services.database import Database
from nextcall.services.notes import get_note
from nextcall.services.quick_find import anything_to_find, quick_find
from nextcall.services.stages import record_outcome
from nextcall.store.engine import session_factory
from nextcall.store.migrate import open_database


def _app(
    db: Database, company: str, position: str = "", status: str = "active", **more: str
) -> int:
    return add_application(
        db,
        ApplicationForm(
            company=company, position=position, status=status, applied_on="2026-11-02", **more
        ),
    )


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    """Three companies, their contacts with phones typed three ways."""
    bluewave = _app(db, "Bluewave Contact Center", "Customer service agent", account_type="Telco")
    harbor = _app(db, "Harborline BPO", "Technical support representative")
    acme = _app(db, "Acme Teleservices", "Chat support agent", status="rejected")
    maria = add_contact(
        db,
        ContactForm(
            name="Maria Santos",
            role="Recruiter",
            phone="0917 555 1234",
            memory_hook="Also from Iloilo; we talked about the commute.",
        ),
        application_id=bluewave,
    )
    paolo = add_contact(
        db, ContactForm(name="Paolo Reyes", role="Team lead", phone="+63 917-555-1234"),
        application_id=harbor,
    )  # fmt: skip
    ana = add_contact(
        db, ContactForm(name="Ana Cruz", phone="9175551234 (after 2 pm)"), application_id=acme
    )
    return {"bluewave": bluewave, "harbor": harbor, "acme": acme,
            "maria": maria, "paolo": paolo, "ana": ana}  # fmt: skip


@pytest.mark.parametrize("query", ["5551234", "917 555", "0917 555 1234", "+63 917 555 1234",
                                   "(0917) 555-1234", "917.555.1234"])  # fmt: skip
def test_a_number_is_found_however_it_was_typed(
    db: Database, people: dict[str, int], query: str
) -> None:
    found = quick_find(db, query)
    assert {r.contact_id for r in found} == {people["maria"], people["paolo"], people["ana"]}
    assert {r.matched for r in found} == {"phone"}
    by_contact = {r.contact_id: r for r in found}
    assert by_contact[people["paolo"]].phone == "+63 917-555-1234"  # shown as typed
    assert by_contact[people["maria"]].application_id == people["bluewave"]


def test_a_number_that_differs_is_not_found(db: Database, people: dict[str, int]) -> None:
    assert quick_find(db, "917 555 9999") == []
    assert quick_find(db, "12") == []  # too few digits to look for a number


def test_companies_contacts_positions_and_accounts_are_found(
    db: Database, people: dict[str, int]
) -> None:
    [hit] = [r for r in quick_find(db, "harbor") if r.contact_id is None]
    assert (hit.application_id, hit.matched, hit.company) == (
        people["harbor"], "company", "Harborline BPO"
    )  # fmt: skip
    [hit] = quick_find(db, "santos")
    assert (hit.contact_id, hit.matched, hit.contact) == (
        people["maria"], "contact", "Maria Santos (Recruiter)"
    )  # fmt: skip
    assert hit.application_id == people["bluewave"]  # the card opens on her company's application
    [hit] = quick_find(db, "iloilo")
    assert (hit.contact_id, hit.matched) == (people["maria"], "memory hook")
    assert "commute" in hit.snippet
    [hit] = quick_find(db, "team lead")
    assert (hit.contact_id, hit.matched) == (people["paolo"], "role")
    [hit] = quick_find(db, "telco")
    assert (hit.application_id, hit.matched, hit.snippet) == (
        people["bluewave"],
        "account",
        "Telco",
    )
    found = quick_find(db, "support")
    assert {r.application_id for r in found} == {people["harbor"], people["acme"]}
    assert {r.matched for r in found} == {"position"}


def test_ranking_whole_then_start_then_word_then_inside_and_open_first(
    db: Database, people: dict[str, int]
) -> None:
    inside = _app(db, "Superagent Hub", "Trainer")  # "agent" inside a word of the company
    starts = _app(db, "Agent Works", "Trainer")  # the company's name starts with it
    exact = _app(db, "Agent", "Trainer")  # the whole name
    found = [r.application_id for r in quick_find(db, "agent")]
    # The whole name, a name starting with it, then a word of a position starting with it
    # (an open application before a rejected one), then the word holding it somewhere.
    assert found == [exact, starts, people["bluewave"], people["acme"], inside]


def test_a_company_lists_its_open_applications_first(db: Database) -> None:
    closed = _app(db, "Northstar", "Agent", status="rejected")
    open_ = _app(db, "Northstar", "Team lead")
    assert [r.application_id for r in quick_find(db, "northstar")] == [open_, closed]


def test_empty_query_no_match_and_deleted_applications(
    db: Database, people: dict[str, int]
) -> None:
    assert quick_find(db, "") == []
    assert quick_find(db, "   ") == []
    assert quick_find(db, "zzzz") == []
    assert quick_find(db, "100%") == []  # LIKE wildcards are taken literally
    assert quick_find(db, "_") == []
    delete_application(db, people["harbor"])
    assert [r for r in quick_find(db, "harbor") if r.application_id is not None] == []


def test_one_letter_finds_words_that_start_with_it(db: Database, people: dict[str, int]) -> None:
    found = quick_find(db, "m")
    assert people["maria"] in {r.contact_id for r in found}  # Maria
    assert people["paolo"] not in {r.contact_id for r in found}  # no word starts with m


def test_results_are_limited(db: Database) -> None:
    for number in range(30):
        _app(db, f"Sunrise {number}", "Agent")
    assert len(quick_find(db, "sunrise")) == 20
    assert len(quick_find(db, "sunrise", limit=5)) == 5


def test_anything_to_find(db: Database) -> None:
    assert not anything_to_find(db)
    _app(db, "Acme")
    assert anything_to_find(db)


def test_the_card_shows_role_standing_contact_and_introduction(
    db: Database, people: dict[str, int]
) -> None:
    app_id = people["bluewave"]
    record_outcome(db, app_id, "phone-interview", "passed")
    record_outcome(
        db, app_id, "in-person-interview", "scheduled", scheduled_at=datetime(2026, 11, 23, 14, 0)
    )
    practice.save_answer(db, INTRODUCTION_KEY, "I am Joy, I studied nursing in Iloilo…")
    save_answer(db, app_id, "motivation", "They train new agents for eight weeks.")
    other = _app(db, "Bluewave Contact Center", "Team lead")
    card = call_card(db, app_id, people["maria"])
    assert card.title == "Bluewave Contact Center — Customer service agent"
    assert card.account_type == "Telco"
    assert card.where_it_stands() == "In-person interview scheduled on Mon 23 Nov at 14:00."
    assert card.furthest_text() == "In-person interview (scheduled)"
    assert card.contacts[0].label == "Maria Santos (Recruiter)"
    assert card.contacts[0].memory_hook.startswith("Also from Iloilo")
    assert card.introduction.startswith("I am Joy")
    assert card.why_them.startswith("They train")
    assert [o.id for o in card.others] == [other]
    assert card.follow_up  # the interview's reminder
    assert card.follow_up_due is not None


def test_where_it_stands_for_a_closed_and_a_new_application(
    db: Database, people: dict[str, int]
) -> None:
    assert call_card(db, people["harbor"]).where_it_stands() == "Applied on 2 Nov; no reply yet."
    record_outcome(db, people["harbor"], "application", "passed")
    assert call_card(db, people["harbor"]).where_it_stands() == (
        "Next: Phone interview (furthest so far: Application sent)."
    )
    record_outcome(db, people["harbor"], "phone-interview", "pending")
    assert call_card(db, people["harbor"]).where_it_stands() == (
        "Waiting for the result of: Phone interview."
    )
    record_outcome(db, people["harbor"], "phone-interview", "failed")
    card = call_card(db, people["harbor"])
    assert card.where_it_stands() == "Rejected; got as far as: Phone interview."
    assert card.introduction == ""  # none prepared yet


def test_a_card_for_a_company_without_application(db: Database, people: dict[str, int]) -> None:
    delete_application(db, people["acme"])
    card = call_card(db, None, people["ana"])
    assert (card.application_id, card.company, card.contacts[0].name) == (
        None, "Acme Teleservices", "Ana Cruz"
    )  # fmt: skip
    assert card.where_it_stands() == "No application to this company yet."
    with pytest.raises(NotFoundError):
        call_card(db, people["acme"])


def test_the_call_note_is_written_through_the_notes_path(
    db: Database, people: dict[str, int]
) -> None:
    card = call_card(db, people["bluewave"], people["maria"])
    note_id = start_call_note(db, card, people["maria"])
    note = get_note(db, note_id)
    assert note.application_id == people["bluewave"]
    assert note.contact_id == people["maria"]
    assert note.kind == "observation"
    assert note.body == (
        "Call from Maria Santos (Recruiter) about Customer service agent, "
        "Fri 20 Nov 2026 at 10:00\n\n"
    )


def test_finding_works_on_a_read_only_database(db: Database, people: dict[str, int]) -> None:
    engine = open_database(db.paths.database, db.paths.backups, read_only=True)
    reader = Database(db.paths, engine, session_factory(engine), read_only="read-only for a test")
    try:
        assert {r.contact_id for r in quick_find(reader, "917 555")} == {
            people["maria"], people["paolo"], people["ana"]
        }  # fmt: skip
        card = call_card(reader, people["bluewave"], people["maria"])
        assert card.contacts[0].name == "Maria Santos"
        with pytest.raises(NextCallError):
            start_call_note(reader, card, people["maria"])  # refused, with the reason
    finally:
        reader.close()


def test_a_contact_opens_the_application_they_were_at_a_milestone_of(
    db: Database, people: dict[str, int]
) -> None:
    newer = add_application(
        db, ApplicationForm(company="Bluewave Contact Center", position="Team lead",
                            applied_on="2026-11-10")
    )  # fmt: skip
    [hit] = quick_find(db, "maria")
    assert hit.application_id == newer  # open and the latest
    event = record_outcome(db, people["bluewave"], "phone-interview", "passed")
    link_event_contact(db, event, people["maria"])
    [hit] = quick_find(db, "maria")
    assert hit.application_id == people["bluewave"]  # she interviewed me for this one
    record_outcome(db, people["bluewave"], "final-interview", "failed")  # closed now
    [hit] = quick_find(db, "maria")
    assert hit.application_id == newer  # an open application comes first
