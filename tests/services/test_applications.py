"""services/applications.py: add, edit, trash, search, sort and page, through the real file."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from nextcall.core.errors import NotFoundError, ValidationError
from nextcall.services.applications import (
    SORT_COLUMNS,
    ApplicationForm,
    ApplicationQuery,
    add_application,
    count_applications,
    delete_application,
    get_form,
    list_applications,
    restore_application,
    update_application,
)
from nextcall.services.database import Database
from nextcall.services.progress import refresh_progress
from nextcall.services.stages import record_outcome
from nextcall.store.models import Company, Contact, FollowUp

ALL = ApplicationQuery()


def ids(db: Database, query: ApplicationQuery = ALL) -> set[int]:
    return {row.id for row in list_applications(db, query)}


def search(db: Database, text: str) -> set[int]:
    return ids(db, ApplicationQuery(search=text))


def record(db: Database, application_id: int, *events: tuple[str, str], on: str = "") -> None:
    """Record outcomes (milestone key, outcome) through the milestone service."""
    day = date.fromisoformat(on) if on else None
    for key, outcome in events:
        record_outcome(db, application_id, key, outcome, on=day)


def test_an_added_application_is_listed_with_its_company(db: Database) -> None:
    new_id = add_application(
        db, ApplicationForm(company="  Acme Contact  ", position="CSR", applied_on="2026-11-03")
    )
    [row] = list_applications(db, ALL)
    assert row.id == new_id
    assert row.company == "Acme Contact"
    assert row.position == "CSR"
    assert row.applied_on.isoformat() == "2026-11-03"
    assert row.status == "active"
    # Sent and waiting for an answer: the first milestone is reached and pending.
    assert (row.furthest_key, row.furthest_outcome) == ("application", "pending")
    assert count_applications(db, ALL) == 1


def test_company_names_are_shared_case_insensitively(db: Database) -> None:
    add_application(db, ApplicationForm(company="Acme"))
    add_application(db, ApplicationForm(company="ACME"))
    add_application(db, ApplicationForm(company="acme"))
    with db.session() as s:
        names = s.execute(select(Company.name)).scalars().all()
    assert names == ["Acme"]
    assert [row.company for row in list_applications(db, ALL)] == ["Acme"] * 3


@pytest.mark.parametrize(
    ("form", "field"),
    [
        (ApplicationForm(company="   "), "company"),
        (ApplicationForm(company="Acme", applied_on="03/04/2026"), "applied_on"),
        (ApplicationForm(company="Acme", applied_on="2099-01-01"), "applied_on"),
        (ApplicationForm(company="Acme", salary_expected="-5"), "salary_expected"),
        (ApplicationForm(company="Acme", position="x" * 201), "position"),
        (ApplicationForm(company="Acme", status="hired"), "status"),
    ],
)
def test_validation_errors_name_the_field(db: Database, form: ApplicationForm, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        add_application(db, form)
    assert caught.value.field == field
    assert count_applications(db, ALL) == 0


def test_update_changes_the_fields(db: Database) -> None:
    app_id = add_application(db, ApplicationForm(company="Acme", position="CSR"))
    changed = ApplicationForm(
        company="Bolt BPO",
        position="Tech support",
        account_type="Telco",
        applied_on="2026-11-01",
        site="Makati",
        salary_expected="22k",
        status="rejected",
    )
    update_application(db, app_id, changed)
    form = get_form(db, app_id)
    assert form == replace(changed, salary_expected="22000")
    [row] = list_applications(db, ALL)
    assert (row.company, row.status) == ("Bolt BPO", "rejected")


def test_delete_hides_and_restore_brings_back(db: Database) -> None:
    keep = add_application(db, ApplicationForm(company="Acme"))
    gone = add_application(db, ApplicationForm(company="Bolt"))
    delete_application(db, gone)
    assert ids(db) == {keep}
    assert count_applications(db, ALL) == 1
    assert search(db, "Bolt") == set()
    with pytest.raises(NotFoundError):
        get_form(db, gone)
    with pytest.raises(NotFoundError):
        delete_application(db, gone)
    restore_application(db, gone)
    assert ids(db) == {keep, gone}
    assert count_applications(db, ALL) == 2


def test_search_covers_company_position_site_and_contact(db: Database) -> None:
    acme = add_application(db, ApplicationForm(company="Acme", position="Chat support"))
    bolt = add_application(db, ApplicationForm(company="Bolt", site="Ortigas"))
    crest = add_application(db, ApplicationForm(company="Crest", account_type="Healthcare"))
    with db.session() as s:
        company_id = s.execute(select(Company.id).where(Company.name == "Crest")).scalar_one()
        s.add(Contact(company_id=company_id, name="Maria Santos"))
    assert search(db, "acme") == {acme}
    assert search(db, "CHAT") == {acme}
    assert search(db, "ortig") == {bolt}
    assert search(db, "health") == {crest}
    assert search(db, "santos") == {crest}
    assert search(db, "chat acme") == {acme}  # every word must match
    assert search(db, "chat bolt") == set()
    assert search(db, "") == {acme, bolt, crest}
    assert count_applications(db, ApplicationQuery(search="santos")) == 1


def test_search_treats_wildcards_literally(db: Database) -> None:
    percent = add_application(db, ApplicationForm(company="100% Care"))
    underscore = add_application(db, ApplicationForm(company="Net_Works"))
    backslash = add_application(db, ApplicationForm(company="A\\B Services"))
    add_application(db, ApplicationForm(company="Netxworks 100 Care"))
    assert search(db, "%") == {percent}
    assert search(db, "_") == {underscore}
    assert search(db, "t_w") == {underscore}
    assert search(db, "\\") == {backslash}


def test_status_filter(db: Database) -> None:
    active = add_application(db, ApplicationForm(company="A"))
    rejected = add_application(db, ApplicationForm(company="B", status="rejected"))
    offer = add_application(db, ApplicationForm(company="C", status="offer"))
    assert ids(db, ApplicationQuery(statuses=("rejected",))) == {rejected}
    assert ids(db, ApplicationQuery(statuses=("active", "offer"))) == {active, offer}
    assert count_applications(db, ApplicationQuery(statuses=("ghosted",))) == 0


@pytest.fixture
def three(db: Database) -> dict[str, int]:
    """Three applications whose values order differently in every sortable column."""
    a = add_application(
        db,
        ApplicationForm(
            company="Alpha", position="Mid", account_type="Telco", applied_on="2026-02-01"
        ),
    )
    b = add_application(
        db,
        ApplicationForm(
            company="Bravo",
            position="Agent",
            account_type="Health",
            applied_on="2026-03-01",
            status="withdrawn",
        ),
    )
    c = add_application(
        db,
        ApplicationForm(
            company="Charlie",
            position="Zeta",
            account_type="Banking",
            applied_on="2026-01-01",
            status="rejected",
        ),
    )
    # a: just sent (pending). b: passed the exam, then withdrew. c: failed the phone interview.
    record(db, b, ("application", "passed"), on="2026-03-10")
    record(db, b, ("exam", "passed"), on="2026-03-20")
    update_application(db, b, replace(get_form(db, b), status="withdrawn"))
    record(db, c, ("application", "passed"), on="2026-01-05")
    record(db, c, ("phone-interview", "failed"), on="2026-01-15")
    with db.session() as s:
        for app_id, due in ((a, "2026-12-01"), (b, "2026-12-05"), (c, "2026-11-25")):
            s.add(
                FollowUp(
                    application_id=app_id,
                    kind="custom",
                    title="Call",
                    due_at=datetime.fromisoformat(due),
                )
            )
            s.flush()
            refresh_progress(s, app_id)
    return {"a": a, "b": b, "c": c}


FIRST = {  # column: (first ascending, first descending)
    "company": ("a", "c"),
    "position": ("b", "c"),
    "account_type": ("c", "a"),
    "applied_on": ("c", "b"),
    "current": ("a", "b"),
    "furthest": ("a", "b"),
    "status": ("a", "b"),
    "next_follow_up": ("c", "b"),
    "last_contact": ("c", "b"),
}


def test_every_sort_column_is_covered() -> None:
    assert set(FIRST) == set(SORT_COLUMNS)


@pytest.mark.parametrize("column", SORT_COLUMNS)
@pytest.mark.parametrize("descending", [False, True])
def test_sorting(db: Database, three: dict[str, int], column: str, descending: bool) -> None:
    rows = list_applications(db, ApplicationQuery(sort=column, descending=descending))
    assert len(rows) == 3
    assert rows[0].id == three[FIRST[column][descending]]
    assert rows[-1].id == three[FIRST[column][not descending]]


def test_sorting_by_an_unknown_column_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError):
        list_applications(db, ApplicationQuery(sort="id; DROP TABLE applications"))


def test_pages_are_disjoint_and_cover_everything(db: Database) -> None:
    # Equal sort keys everywhere: only the tie-breaker keeps the pages stable.
    made = {
        add_application(db, ApplicationForm(company=f"Co {i % 3}", applied_on="2026-11-01"))
        for i in range(23)
    }
    query = ApplicationQuery(sort="applied_on")
    pages = [list_applications(db, query, offset=o, limit=10) for o in (0, 10, 20, 30)]
    assert [len(p) for p in pages] == [10, 10, 3, 0]
    seen = [row.id for page in pages for row in page]
    assert len(seen) == len(set(seen)) == 23
    assert set(seen) == made
    assert count_applications(db, query) == 23


def test_the_furthest_milestone_survives_rejection(db: Database) -> None:
    app_id = add_application(db, ApplicationForm(company="Acme"))
    record(db, app_id, ("application", "passed"), ("phone-interview", "passed"))
    record(db, app_id, ("exam", "failed"))
    [row] = list_applications(db, ALL)
    assert (row.furthest_key, row.furthest_name, row.furthest_outcome) == (
        "exam",
        "Exam",
        "failed",
    )
    update_application(db, app_id, replace(get_form(db, app_id), status="rejected"))
    [row] = list_applications(db, ALL)
    assert row.status == "rejected"
    assert (row.furthest_key, row.furthest_outcome) == ("exam", "failed")


def test_a_skipped_stage_is_not_reached(db: Database) -> None:
    app_id = add_application(db, ApplicationForm(company="Acme"))
    record(db, app_id, ("application", "passed"), ("exam", "passed"))
    record(db, app_id, ("final-interview", "skipped"))
    [row] = list_applications(db, ALL)
    assert (row.furthest_key, row.furthest_outcome) == ("exam", "passed")


def test_a_no_show_still_counts_as_reached(db: Database) -> None:
    app_id = add_application(db, ApplicationForm(company="Acme"))
    record(db, app_id, ("application", "passed"), ("phone-interview", "no-show"))
    [row] = list_applications(db, ALL)
    assert (row.furthest_key, row.furthest_outcome) == ("phone-interview", "no-show")
