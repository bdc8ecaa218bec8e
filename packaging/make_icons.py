"""Render the app icon from its one source, resources/icons/nextcall.svg, for every platform.

    python packaging/make_icons.py [OUT_DIR]        (default: packaging/icons/)

Writes nextcall-<size>.png for each size in PNG_SIZES (Linux icon theme sizes, plus what the
Windows and macOS files need), each drawn by Qt's SVG renderer at that exact size (never
scaled from another bitmap), then packs them into nextcall.ico (Windows) and nextcall.icns
(macOS) with Pillow. Needs PySide6 and Pillow (the `bundle` extra). It runs in well under a
second and its output is the same on every run, so the bundle build regenerates the icons and
packaging/icons/ is not committed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "nextcall.svg"
DEFAULT_OUT = Path(__file__).resolve().parent / "icons"

# hicolor theme sizes (16-512), Windows .ico frames (16-256), macOS .icns frames (32-1024).
PNG_SIZES = (16, 20, 22, 24, 32, 40, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)


def render_pngs(source: Path, out: Path, sizes: tuple[int, ...] = PNG_SIZES) -> dict[int, Path]:
    """Draw the SVG at each size into a transparent square PNG; returns size -> file."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {source} is not an SVG file Qt can draw")
    out.mkdir(parents=True, exist_ok=True)
    written: dict[int, Path] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        target = out / f"nextcall-{size}.png"
        if not image.convertToFormat(QImage.Format.Format_ARGB32).save(str(target), "PNG"):
            raise SystemExit(f"make_icons: could not write {target}")
        written[size] = target
    return written


def pack_ico_icns(pngs: dict[int, Path], out: Path) -> tuple[Path, Path]:
    """Pack the rendered PNGs into nextcall.ico and nextcall.icns, one frame per size."""
    try:
        from PIL import Image
    except ImportError:
        raise SystemExit(
            "make_icons: Pillow is needed for the .ico and .icns files; "
            'install the bundle extra: pip install ".[bundle]"'
        ) from None

    def frames(sizes: tuple[int, ...]) -> list[Image.Image]:
        # Largest first: Pillow takes the first image as the base and the rest as extra frames.
        return [Image.open(pngs[size]).convert("RGBA") for size in sorted(sizes, reverse=True)]

    ico, icns = out / "nextcall.ico", out / "nextcall.icns"
    ico_frames = frames(ICO_SIZES)
    ico_frames[0].save(
        ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=ico_frames[1:]
    )
    icns_frames = frames(ICNS_SIZES)
    icns_frames[0].save(icns, format="ICNS", append_images=icns_frames[1:])
    return ico, icns


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else DEFAULT_OUT
    pngs = render_pngs(SOURCE, out)
    ico, icns = pack_ico_icns(pngs, out)
    print(f"make_icons: {len(pngs)} PNGs, {ico.name} and {icns.name} in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
