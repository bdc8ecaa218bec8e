"""What makes two company names the same company (pure Python).

One definition for the whole app: the database's uniqueness rule (the companies' stored
``name_key`` column), lookups, duplicate checks in bulk add and both imports all compare this
key. Unicode-aware: compatibility forms folded (full-width letters, ligatures), case folded
(``ß`` = ``ss``, ``É`` = ``é``), and any run of whitespace counted as one space.
"""

from __future__ import annotations

import unicodedata


def company_key(name: str) -> str:
    """'  ÉLAN   Contact ' and 'élan contact' give the same key; 'Acme' and 'Acme BPO' do not."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())
