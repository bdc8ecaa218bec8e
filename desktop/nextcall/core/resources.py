"""Read files shipped in resources/ the same way from a checkout, a wheel or a bundle.

The build maps the top-level resources/ folder onto the package ``nextcall.resources``; every
reader goes through importlib.resources, so no code guesses paths.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

PACKAGE = "nextcall.resources"


def resource(*parts: str) -> Traversable:
    node = resources.files(PACKAGE)
    for part in parts:
        node = node.joinpath(part)
    return node


def read_text(*parts: str) -> str:
    return resource(*parts).read_text(encoding="utf-8")


def read_bytes(*parts: str) -> bytes:
    return resource(*parts).read_bytes()
