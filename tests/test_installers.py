"""The Windows installer script and the PyInstaller spec agree with each other and the app.

Neither Inno Setup nor macOS is available here, so these read the scripts (packaging/README.md
says what was never run).
"""

from __future__ import annotations

import re
from pathlib import Path

from nextcall import APP_ID
from nextcall.core.paths import default_root

ROOT = Path(__file__).resolve().parents[1]
ISS = (ROOT / "packaging/windows/nextcall.iss").read_text(encoding="utf-8")
SPEC = (ROOT / "packaging/nextcall.spec").read_text(encoding="utf-8")


def iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in ISS.splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if match := re.fullmatch(r"\[(\w+)\]", line):
            current = match.group(1)
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def setup_value(key: str) -> str:
    values = [
        line.split("=", 1)[1] for line in iss_sections()["Setup"] if line.startswith(f"{key}=")
    ]
    assert len(values) == 1, key
    return values[0]


def test_installs_per_user_without_admin_rights() -> None:
    assert setup_value("PrivilegesRequired") == "lowest"
    assert setup_value("DefaultDirName").startswith("{autopf}\\")  # %LOCALAPPDATA%\Programs
    assert setup_value("AppId") == APP_ID


def test_installs_the_bundle_the_spec_builds() -> None:
    assert 'name="nextcall",' in SPEC  # COLLECT: dist/nextcall/
    assert 'launcher("nextcall-gui", console=False)' in SPEC
    assert '#define AppExe "nextcall-gui.exe"' in ISS
    [files] = iss_sections()["Files"]
    assert files.startswith('Source: "..\\dist\\nextcall\\*"; DestDir: "{app}"')
    assert "recursesubdirs" in files
    assert setup_value("SetupIconFile") == "..\\icons\\nextcall.ico"  # make_icons.py's name
    assert any(line.startswith('Name: "{group}\\') for line in iss_sections()["Icons"])


def test_uninstaller_leaves_user_data_alone() -> None:
    sections = iss_sections()
    assert "UninstallDelete" not in sections
    data_folder = default_root().name  # %APPDATA%\NextCall on Windows
    for name in ("InstallDelete", "UninstallRun"):
        for line in sections.get(name, []):
            assert "{app}" in line and data_folder not in line.replace("{app}", ""), line
    assert not re.search(r"\{(userappdata|localappdata|userdocs)\}", ISS)


def test_macos_bundle_uses_the_app_id_and_icns() -> None:
    assert "bundle_identifier=nextcall.APP_ID" in SPEC
    assert 'ICONS / "nextcall.icns"' in SPEC
