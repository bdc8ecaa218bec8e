"""services/bulk.py: preview a pasted list against the profile, then add it all or nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from nextcall.core.errors import ValidationError
from nextcall.services import bulk
from nextcall.services.applications import (
    ApplicationForm,
    ApplicationQuery,
    add_application,
    delete_application,
    list_applications,
)
from nextcall.services.bulk import DEFAULT_COOLDOWN_DAYS, Kind, commit, preview
from nextcall.services.database import Database
from nextcall.store.models import Application, Company, StageEvent

TODAY = date(2026, 11, 20)


def existing(
    db: Database,
    company: str,
    *,
    status: str = "active",
    position: str = "",
    applied_on: str = "",
    last_contact_on: date | None = None,
    reapply_after: date | None = None,
    updated_at: datetime | None = None,
) -> int:
    app_id = add_application(
        db,
        ApplicationForm(company=company, position=position, applied_on=applied_on, status=status),
    )
    with db.session() as s:
        app = s.get(Application, app_id)
        assert app is not None
        app.last_contact_on = last_contact_on
        if reapply_after is not None:
            app.company.reapply_after = reapply_after
    if updated_at is not None:
        with db.session() as s:
            s.execute(
                update(Application).where(Application.id == app_id).values(updated_at=updated_at)
            )
    return app_id


def kinds(p: bulk.BulkPreview) -> list[tuple[str, str]]:
    return [(item.name or item.text, item.kind.value) for item in p.items]


def count(db: Database, model: type) -> int:
    with db.session() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def stored(db: Database) -> list[tuple[str, str, str, date | None]]:
    with db.session() as s:
        rows = s.execute(
            select(Company.name, Application.position, Application.source, Application.applied_on)
            .join(Company)
            .order_by(Application.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


# -- preview ---------------------------------------------------------------------------------


def test_thirty_companies_in_one_paste(db: Database) -> None:
    text = "\n".join(f"- Contact Center {n:02d}" for n in range(1, 31))
    p = preview(db, text, position="CSR", applied_on=TODAY, source="Job board")
    assert p.counts == {Kind.NEW: 30, Kind.DUPLICATE: 0, Kind.COOLDOWN: 0, Kind.INVALID: 0}
    assert p.to_add() == 30
    result = commit(db, p)
    assert len(result.added_ids) == 30
    assert result.skipped == ()
    rows = stored(db)
    assert len(rows) == 30
    assert rows[0] == ("Contact Center 01", "CSR", "Job board", TODAY)
    assert count(db, Company) == 30
    # Each started its pipeline like a single add: the application milestone is pending.
    assert count(db, StageEvent) == 30
    listed = list_applications(db, ApplicationQuery(), limit=100)
    assert {r.status for r in listed} == {"active"}


def test_a_duplicate_shows_the_open_application(db: Database) -> None:
    first = existing(db, "Harborline BPO", position="CSR", applied_on="2026-11-03")
    p = preview(db, "harborline bpo\nNorthstar", applied_on=TODAY)
    dup, new = p.items
    assert (dup.kind, new.kind) == (Kind.DUPLICATE, Kind.NEW)
    assert dup.name == "Harborline BPO"  # the stored spelling
    assert dup.existing is not None
    assert (dup.existing.id, dup.existing.position, dup.existing.applied_on) == (
        first,
        "CSR",
        date(2026, 11, 3),
    )
    assert "2026-11-03" in dup.reason
    assert f"#{first}" in dup.reason


def test_an_offer_is_a_duplicate_too(db: Database) -> None:
    existing(db, "Acme", status="offer")
    assert preview(db, "Acme", applied_on=None).items[0].kind is Kind.DUPLICATE


@pytest.mark.parametrize("status", ["accepted", "withdrawn"])
def test_closed_by_the_applicant_is_new(db: Database, status: str) -> None:
    existing(db, "Acme", status=status)
    [item] = preview(db, "Acme", applied_on=None).items
    assert item.kind is Kind.NEW
    assert item.company_id is not None  # the known company is reused
    assert "known company" in item.reason


def test_a_deleted_application_is_ignored(db: Database) -> None:
    app_id = existing(db, "Acme")
    delete_application(db, app_id)
    assert preview(db, "Acme", applied_on=None).items[0].kind is Kind.NEW


def test_the_newest_of_several_open_applications_is_shown(db: Database) -> None:
    existing(db, "Acme", applied_on="2026-10-01")
    newest = existing(db, "Acme", applied_on="2026-11-10")
    [item] = preview(db, "ACME", applied_on=None).items
    assert item.existing is not None and item.existing.id == newest
    assert "2 open applications" in item.reason


def test_matching_is_case_insensitive_but_whole_name(db: Database) -> None:
    existing(db, "ACME BPO")
    existing(db, "ACME")
    p = preview(db, "acme\nAcme Bpo\nacme bpo inc", applied_on=None)
    assert kinds(p) == [("ACME", "duplicate"), ("ACME BPO", "duplicate"), ("acme bpo inc", "new")]


def test_acme_is_not_acme_bpo(db: Database) -> None:
    existing(db, "ACME BPO")
    assert kinds(preview(db, "acme", applied_on=None)) == [("acme", "new")]


def test_cooldown_until_the_companys_reapply_date(db: Database) -> None:
    existing(
        db,
        "Skyline Telecom",
        status="rejected",
        last_contact_on=date(2026, 6, 1),  # long ago: only the recorded date keeps it cooling
        reapply_after=date(2027, 1, 15),
    )
    [item] = preview(db, "skyline telecom", applied_on=None).items
    assert item.kind is Kind.COOLDOWN
    assert item.until == date(2027, 1, 15)
    assert item.closed_status == "rejected"
    assert "re-apply after 2027-01-15" in item.reason
    assert "waiting period" in item.reason


def test_a_passed_reapply_date_ends_the_cooldown_even_after_a_recent_rejection(
    db: Database,
) -> None:
    existing(
        db,
        "Skyline",
        status="rejected",
        last_contact_on=TODAY - timedelta(days=5),
        reapply_after=TODAY,  # ends today: re-applying today is fine
    )
    assert preview(db, "Skyline", applied_on=None).items[0].kind is Kind.NEW


def test_a_reapply_date_without_a_rejection_is_not_a_cooldown(db: Database) -> None:
    existing(db, "Skyline", status="withdrawn", reapply_after=date(2027, 1, 15))
    assert preview(db, "Skyline", applied_on=None).items[0].kind is Kind.NEW


@pytest.mark.parametrize("status", ["rejected", "ghosted"])
def test_without_a_reapply_date_a_recent_rejection_counts(db: Database, status: str) -> None:
    closed = TODAY - timedelta(days=30)
    existing(db, "Skyline", status=status, last_contact_on=closed)
    [item] = preview(db, "Skyline", applied_on=None).items
    assert item.kind is Kind.COOLDOWN
    assert item.until == closed + timedelta(days=DEFAULT_COOLDOWN_DAYS)
    assert item.closed_on == closed
    assert f"re-apply after {item.until.isoformat()}" in item.reason
    assert f"{DEFAULT_COOLDOWN_DAYS} days" in item.reason


@pytest.mark.parametrize(
    ("days_ago", "kind"),
    [
        (DEFAULT_COOLDOWN_DAYS - 1, Kind.COOLDOWN),
        (DEFAULT_COOLDOWN_DAYS, Kind.NEW),
        (200, Kind.NEW),
    ],
)
def test_the_default_cooldown_boundary(db: Database, days_ago: int, kind: Kind) -> None:
    existing(db, "Skyline", status="rejected", last_contact_on=TODAY - timedelta(days=days_ago))
    assert preview(db, "Skyline", applied_on=None).items[0].kind is kind


def test_without_any_contact_date_the_last_change_stands_for_the_rejection(db: Database) -> None:
    existing(db, "Old", status="rejected", updated_at=datetime(2026, 1, 5, 9, 0))
    existing(db, "Recent", status="ghosted", updated_at=datetime(2026, 11, 10, 9, 0))
    p = preview(db, "Old\nRecent", applied_on=None)
    assert kinds(p) == [("Old", "new"), ("Recent", "cooldown")]
    assert p.items[1].until == date(2026, 11, 10) + timedelta(days=DEFAULT_COOLDOWN_DAYS)


def test_the_most_recent_rejection_counts(db: Database) -> None:
    existing(db, "Skyline", status="rejected", last_contact_on=date(2026, 3, 1))
    existing(db, "Skyline", status="ghosted", last_contact_on=date(2026, 10, 1))
    [item] = preview(db, "Skyline", applied_on=None).items
    assert (item.kind, item.closed_status, item.closed_on) == (
        Kind.COOLDOWN,
        "ghosted",
        date(2026, 10, 1),
    )


def test_an_open_application_wins_over_a_cooldown(db: Database) -> None:
    existing(db, "Skyline", status="rejected", last_contact_on=TODAY)
    existing(db, "Skyline", status="active")
    assert preview(db, "Skyline", applied_on=None).items[0].kind is Kind.DUPLICATE


def test_invalid_lines_and_repeats(db: Database) -> None:
    p = preview(
        db, "Acme\n" + "x" * 201 + "\nBad\x07Name\nACME\n# skip me\n\nBeta", applied_on=None
    )
    assert [(i.line, i.kind.value) for i in p.items] == [
        (1, "new"),
        (2, "invalid"),
        (3, "invalid"),
        (4, "invalid"),
        (7, "new"),
    ]
    assert "201 characters" in p.items[1].reason
    assert p.items[2].reason == "contains control characters"
    assert (p.items[3].repeat_of, p.items[3].reason) == ("line 1", "repeats line 1")
    assert p.repeats == 1


def test_shared_fields_follow_the_single_form_rules(db: Database) -> None:
    p = preview(
        db,
        "Acme",
        position="x" * 201,
        applied_on=TODAY + timedelta(days=1),
        source="web\x00",
    )
    assert set(p.field_errors) == {"position", "applied_on", "source"}
    assert "future" in p.field_errors["applied_on"]
    with pytest.raises(ValidationError):
        commit(db, p)
    assert count(db, Application) == 0


def test_shared_fields_are_trimmed(db: Database) -> None:
    p = preview(db, "Acme", position="  CSR ", applied_on=None, source=" referral ")
    assert (p.position, p.source, p.field_errors) == ("CSR", "referral", {})


def test_preview_does_not_write(db: Database) -> None:
    preview(db, "Acme\nBeta", applied_on=TODAY)
    assert count(db, Company) == 0


# -- commit ----------------------------------------------------------------------------------


def seeded(db: Database) -> bulk.BulkPreview:
    existing(db, "Dup One", applied_on="2026-11-01")
    existing(db, "Cool One", status="rejected", last_contact_on=TODAY - timedelta(days=10))
    return preview(db, "New One\ndup one\nCOOL ONE\nNew Two\n\x01", applied_on=TODAY)


def test_commit_skips_duplicates_and_cooldown_by_default(db: Database) -> None:
    p = seeded(db)
    result = commit(db, p)
    assert [a.item.name for a in result.added] == ["New One", "New Two"]
    assert [(i.name or i.text, i.kind.value) for i in result.skipped] == [
        ("Dup One", "duplicate"),
        ("Cool One", "cooldown"),
        ("\N{REPLACEMENT CHARACTER}", "invalid"),
    ]
    assert result.id_for(result.items[0]) == result.added_ids[0]
    assert result.id_for(result.items[1]) is None


def test_commit_can_add_duplicates_and_cooldown(db: Database) -> None:
    p = seeded(db)
    assert p.to_add(allow_duplicates=True, include_cooldown=True) == 4
    result = commit(db, p, allow_duplicates=True, include_cooldown=True)
    assert [a.item.name for a in result.added] == ["New One", "Dup One", "Cool One", "New Two"]
    assert count(db, Company) == 4  # the known companies were reused
    assert count(db, Application) == 6


def test_commit_only_duplicates(db: Database) -> None:
    result = commit(db, seeded(db), allow_duplicates=True)
    assert [a.item.name for a in result.added] == ["New One", "Dup One", "New Two"]


def test_a_failure_midway_adds_nothing(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    existing(db, "Already Here")
    p = preview(db, "\n".join(f"Company {n}" for n in range(30)), applied_on=TODAY)
    real = bulk.company_for
    calls = 0

    def failing(s, name):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 15:
            raise RuntimeError("disk unplugged")
        return real(s, name)

    monkeypatch.setattr(bulk, "company_for", failing)
    with pytest.raises(RuntimeError):
        commit(db, p)
    assert calls == 15
    assert count(db, Application) == 1
    assert count(db, Company) == 1
    assert count(db, StageEvent) == 1
    # And it works once the problem is gone.
    monkeypatch.setattr(bulk, "company_for", real)
    assert len(commit(db, p).added_ids) == 30


def test_a_stale_preview_cannot_add_a_duplicate(db: Database) -> None:
    p = preview(db, "Acme\nBeta", applied_on=TODAY)
    assert p.to_add() == 2
    existing(db, "ACME")  # added elsewhere after the preview
    result = commit(db, p)
    assert [a.item.name for a in result.added] == ["Beta"]
    assert result.skipped[0].kind is Kind.DUPLICATE


def test_invalid_lines_are_never_added(db: Database) -> None:
    p = preview(db, "Acme\nacme\n\x02", applied_on=None)
    result = commit(db, p, allow_duplicates=True, include_cooldown=True)
    assert len(result.added) == 1
    assert count(db, Application) == 1


def test_nothing_to_add_is_not_an_error(db: Database) -> None:
    result = commit(db, preview(db, "# nothing\n", applied_on=None))
    assert (result.added, result.items) == ((), ())


def test_an_empty_date_is_stored_as_none(db: Database) -> None:
    commit(db, preview(db, "Acme", applied_on=None))
    assert stored(db) == [("Acme", "", "", None)]
