"""Shared set-up for the interview widgets: one application with a booked final interview."""

from __future__ import annotations

import pytest

from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.contacts import ContactForm, add_contact, link_event_contact
from nextcall.services.database import Database
from nextcall.services.stages import record_outcome


@pytest.fixture
def app_id(db: Database) -> int:
    return add_application(
        db,
        ApplicationForm(
            company="Bluewave", position="Customer Service Rep", applied_on="2026-11-02"
        ),
    )


@pytest.fixture
def maria(db: Database, app_id: int) -> int:
    return add_contact(
        db,
        ContactForm(
            name="Maria Santos", role="Recruiter", memory_hook="the long commute from Iloilo."
        ),
        application_id=app_id,
    )


@pytest.fixture
def final_booked(db: Database, app_id: int, maria: int) -> int:
    """Phone interview passed with Maria, final interview booked with her: the event id."""
    phone = record_outcome(db, app_id, "phone-interview", "passed")
    link_event_contact(db, phone, maria)
    final = record_outcome(db, app_id, "final-interview", "scheduled")
    link_event_contact(db, final, maria)
    return final
