"""Companies as applications name them: one company per name as ``company_key`` compares them,
found or created inside the caller's session."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from nextcall.core.companies import company_key
from nextcall.services.batches import chunks
from nextcall.store.models import Company


def company_for(s: Session, name: str) -> Company:
    """The company of that name (the same company as ``company_key`` says), created when new."""
    [company_id] = company_ids_for(s, [name])
    company = s.get(Company, company_id)
    assert company is not None
    return company


def company_ids_for(
    s: Session, names: Sequence[str], known: dict[str, int] | None = None
) -> list[int]:
    """The id of the company of each name, the new ones created (once each, named as first
    written). ``known`` maps ``company_key``s to ids already looked up in this transaction (an
    import passes the same dict for every batch) and is filled in."""
    known = {} if known is None else known
    keys = [company_key(name) for name in names]
    missing = sorted({key for key in keys if key not in known})
    for part in chunks(missing):
        known.update(
            (key, company_id)
            for company_id, key in s.execute(
                select(Company.id, Company.name_key).where(Company.name_key.in_(part))
            )
        )
    new: dict[str, str] = {}
    for name, key in zip(names, keys, strict=True):
        if key not in known:
            new.setdefault(key, name)
    if new:
        rows = [Company(name=name, notes="") for name in new.values()]
        s.add_all(rows)
        s.flush()
        known.update(zip(new, (row.id for row in rows), strict=True))
    return [known[key] for key in keys]
