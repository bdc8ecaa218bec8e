"""packaging/linux/: the .desktop file and AppStream metainfo match the app and validate."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from nextcall import APP_ID

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
# AppStream's rules for a component id: at least three dot-separated parts of letters, digits
# and underscores, none starting with a digit; the domain parts are lower case by convention.
REVERSE_DNS = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+\.[A-Za-z_][A-Za-z0-9_]*")


def desktop_entry(path: Path = DESKTOP) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def test_app_id_is_reverse_dns() -> None:
    assert REVERSE_DNS.fullmatch(APP_ID), APP_ID
    assert [p.name for p in LINUX.glob("*.desktop")] == [DESKTOP.name]
    assert [p.name for p in LINUX.glob("*.metainfo.xml")] == [METAINFO.name]


def test_desktop_entry_launches_the_app_with_its_icon() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "NextCall"
    assert entry["Exec"] == "nextcall-gui"  # [project.gui-scripts]; install.sh rewrites it
    assert entry["Icon"] == APP_ID
    assert entry["StartupWMClass"] == "NextCall"  # Qt's WM_CLASS class: the application name
    assert entry["Terminal"] == "false"
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "nextcall-gui" in pyproject["project"]["gui-scripts"]


def test_metainfo_names_the_app_id_and_licenses() -> None:
    root = metainfo()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert root.findtext("project_license") == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert root.find("content_rating[@type='oars-1.1']") is not None


def test_newest_release_is_this_version() -> None:
    from nextcall import __version__  # (pyproject.toml reads its version from there)

    releases = metainfo().findall("releases/release")
    assert releases, "the metainfo lists no release"
    newest = releases[0]
    assert newest.get("version") == __version__
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", newest.get("date", ""))
    assert newest.findall("description/ul/li"), "the release has no notes"


def test_listed_screenshots_exist() -> None:
    # Listed only once there is a public https home to serve them from (packaging/README.md).
    for image in metainfo().iter("image"):
        url = image.text or ""
        assert url.startswith("https://"), url
        assert (ROOT / "packaging" / "screenshots" / url.rsplit("/", 1)[-1]).is_file(), url


def run_tool(*cmd: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(cmd[0]) is None:
        pytest.skip(f"{cmd[0]} is not installed (Debian: appstream, desktop-file-utils)")
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)


def test_desktop_file_validate() -> None:
    result = run_tool("desktop-file-validate", str(DESKTOP))
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_appstreamcli_validate() -> None:
    result = run_tool("appstreamcli", "validate", "--no-net", "--explain", str(METAINFO))
    assert result.returncode == 0, result.stdout + result.stderr


def test_install_helper_puts_the_app_in_the_menu(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle dir"
    bundle.mkdir()
    (bundle / "nextcall-gui").write_text("#!/bin/sh\n", encoding="utf-8")
    (bundle / "nextcall-gui").chmod(0o755)
    data = tmp_path / "share"
    env = {**os.environ, "XDG_DATA_HOME": str(data), "PATH": "/usr/bin:/bin"}
    helper = ["sh", str(LINUX / "install.sh")]

    subprocess.run([*helper, "--bundle", str(bundle)], env=env, check=True, capture_output=True)
    installed = data / "applications" / DESKTOP.name
    assert desktop_entry(installed)["Exec"] == f'"{bundle}/nextcall-gui"'
    assert (data / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()
    assert (data / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(installed)], capture_output=True)
        assert check.returncode == 0, check.stdout

    subprocess.run([*helper, "--uninstall"], env=env, check=True, capture_output=True)
    assert not installed.exists()
    assert not (data / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").exists()

    refused = subprocess.run(
        [*helper, "--bundle", str(tmp_path / "none")], env=env, capture_output=True, text=True
    )
    assert refused.returncode == 1
    assert "no folder" in refused.stderr
