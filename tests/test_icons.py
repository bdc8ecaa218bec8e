"""packaging/make_icons.py: every platform's icon is drawn from the one SVG source."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
Image = pytest.importorskip("PIL.Image")  # ReportLab depends on Pillow, so it is installed


def load_make_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "packaging/make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_icons", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def icons(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> Path:
    # qapp first: make_icons would otherwise create a QGuiApplication, and the widget tests
    # that run after it need a QApplication.
    make_icons = load_make_icons()
    out = tmp_path_factory.mktemp("icons")
    assert make_icons.main([str(out)]) == 0
    return out


def test_each_png_is_drawn_at_its_size(icons: Path) -> None:
    make_icons = load_make_icons()
    for size in make_icons.PNG_SIZES:
        with Image.open(icons / f"nextcall-{size}.png") as image:
            assert image.size == (size, size)
            rgba = image.convert("RGBA")
            assert rgba.getpixel((0, 0))[3] == 0, "corners outside the rounded square are clear"
            assert rgba.getpixel((size // 2, size // 3))[3] == 255, "the middle is painted"


def test_small_sizes_are_rendered_not_scaled(icons: Path) -> None:
    # Drawn from the SVG at 16 px, the icon differs from the 256 px bitmap scaled down.
    with (
        Image.open(icons / "nextcall-16.png") as small,
        Image.open(icons / "nextcall-256.png") as big,
    ):
        scaled = big.convert("RGBA").resize((16, 16), Image.Resampling.NEAREST)
        assert small.convert("RGBA").tobytes() != scaled.tobytes()


def test_ico_and_icns_hold_every_size(icons: Path) -> None:
    make_icons = load_make_icons()
    with Image.open(icons / "nextcall.ico") as ico:
        assert sorted(ico.ico.sizes()) == [(s, s) for s in make_icons.ICO_SIZES]
    with Image.open(icons / "nextcall.icns") as icns:
        assert {size for size, _, scale in icns.info["sizes"] if scale == 1} >= {128, 256, 512}
        assert (512, 512, 2) in icns.info["sizes"]  # the 1024 px retina frame


def test_rendering_is_repeatable(icons: Path, tmp_path: Path) -> None:
    make_icons = load_make_icons()
    make_icons.main([str(tmp_path)])
    for path in sorted(icons.iterdir()):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
