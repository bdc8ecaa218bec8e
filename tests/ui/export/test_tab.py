"""The Export tab as the applicant uses it: a live preview of the prep packet or the report,
saving exactly what was previewed, opening it in a viewer, and the empty states."""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from nextcall.core.stages import Status
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.demo import fill_demo
from nextcall.services.documents import default_packet_target, report_filename
from nextcall.ui.common.operations import hub_for
from nextcall.ui.export.preview import LAST_FOLDER, PACKET, REPORT, Renderer, Request
from nextcall.ui.export.tab import NO_OPEN, ExportTab

WAIT_MS = 15000


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def went() -> list[str]:
    return []


@pytest.fixture
def make_tab(
    qtbot: QtBot, db: Database, settings: QSettings, went: list[str]
) -> Iterator[Callable[[], ExportTab]]:
    made: list[ExportTab] = []

    def make() -> ExportTab:
        tab = ExportTab(db, lambda: went.append("applications"), settings)
        qtbot.addWidget(tab)
        tab.resize(1000, 700)
        tab.show()
        made.append(tab)
        return tab

    yield make
    for tab in made:
        tab.shutdown()


@pytest.fixture
def demo_tab(db: Database, make_tab: Callable[[], ExportTab], qtbot: QtBot) -> ExportTab:
    fill_demo(db)
    tab = make_tab()
    wait_ready(qtbot, tab)
    return tab


def wait_ready(qtbot: QtBot, tab: ExportTab) -> None:
    qtbot.waitUntil(lambda: tab.current() is not None, timeout=WAIT_MS)


class FakeDialog:
    """Stands in for the save dialog: records what it was offered, answers ``answer``."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.offered: list[str] = []

    def __call__(self, _parent: object, _title: str, path: str, _filter: str) -> tuple[str, str]:
        self.offered.append(path)
        return (str(self.answer) if self.answer else "", "")


def test_opens_on_the_packet_for_the_next_interview(db: Database, demo_tab: ExportTab) -> None:
    tab = demo_tab
    assert tab.kind() == PACKET
    assert tab.application_id() == default_packet_target(db)
    assert tab.picker.isVisible() and not tab.report_note.isVisible()
    assert tab.preview.page_count() > 1
    shown = tab.current()
    assert shown is not None and shown.filename.startswith("Prep packet - ")
    assert tab.status.text() == f"{shown.pages} pages · ready to save or print"
    assert tab.preview.page_label.text() == f"Page 1 of {shown.pages}"
    assert tab.progress.isHidden()


def test_switching_to_the_report_renders_it_and_back_needs_no_new_render(
    qtbot: QtBot, demo_tab: ExportTab
) -> None:
    tab = demo_tab
    packet = tab.current()
    qtbot.mouseClick(tab.kind_group.button(1), Qt.MouseButton.LeftButton)
    assert tab.kind() == REPORT
    assert tab.report_note.isVisible() and not tab.picker.isVisible()
    qtbot.waitUntil(lambda: tab.current() is not None, timeout=WAIT_MS)
    report = tab.current()
    assert report is not None and report.request.kind == REPORT and report.pages > 1
    assert tab.preview.page_count() == report.pages
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    qtbot.keyClick(tab, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: tab.kind() == PACKET)  # a shortcut clicks after a short flash
    qtbot.waitUntil(lambda: tab.current() is packet)  # from the cache
    assert not tab.renderer.busy()
    assert packet is not None and packet.path.exists()


def test_choosing_another_application_renders_its_packet(qtbot: QtBot, demo_tab: ExportTab) -> None:
    tab = demo_tab
    first = tab.current()
    tab.picker.setCurrentIndex(2)
    qtbot.waitUntil(lambda: tab.current() is not None, timeout=WAIT_MS)
    second = tab.current()
    assert second is not None and first is not None
    assert second.request.application_id == tab.picker.itemData(2)
    assert second.filename != first.filename


def test_save_writes_the_previewed_pdf_privately_and_remembers_the_folder(
    qtbot: QtBot,
    demo_tab: ExportTab,
    settings: QSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tab = demo_tab
    folder = tmp_path / "saved"
    folder.mkdir()
    dialog = FakeDialog(folder / "packet")  # no suffix typed: .pdf is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    shown = tab.current()
    assert shown is not None
    with qtbot.waitSignal(hub_for(tab.db).status) as said:
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    saved = folder / "packet.pdf"
    assert saved.read_bytes()[:5] == b"%PDF-"
    assert saved.read_bytes() == shown.path.read_bytes()
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert Path(dialog.offered[0]).name == shown.filename
    assert said.args == [f"Saved to {saved}"]
    assert tab.status.text() == f"Saved to {saved}"
    assert settings.value(LAST_FOLDER) == str(folder)

    tab.set_kind(REPORT)  # the next save suggests the report's name in the same folder
    dialog.answer = None  # cancelled
    tab.save()
    qtbot.waitUntil(lambda: len(dialog.offered) == 2, timeout=WAIT_MS)
    assert Path(dialog.offered[1]) == folder / report_filename(tab.db)


def test_ctrl_s_saves(qtbot: QtBot, demo_tab: ExportTab, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = FakeDialog(None)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    demo_tab.activateWindow()
    qtbot.waitUntil(demo_tab.isActiveWindow)
    demo_tab.preview.view.setFocus()
    qtbot.keyClick(demo_tab.preview.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(dialog.offered) == 1


def test_a_failed_save_explains_itself_and_changes_nothing(
    demo_tab: ExportTab, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "gone" / "packet.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", FakeDialog(missing))
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, title, text, *_a: warnings.append(f"{title}: {text}")
    )
    demo_tab.save()
    assert len(warnings) == 1 and "does not exist" in warnings[0]
    assert demo_tab.status.text().startswith("Not saved: ")
    assert not missing.exists()
    assert settings.value(LAST_FOLDER) is None


def test_saving_after_the_data_changed_renders_again_first(
    qtbot: QtBot, db: Database, demo_tab: ExportTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = demo_tab
    tab.set_kind(REPORT)
    wait_ready(qtbot, tab)
    before = tab.current()
    add_application(db, ApplicationForm(company="Zenith Late Addition BPO", position="CSR"))
    tab.reload()
    assert tab.current() is None  # the preview is out of date now
    dialog = FakeDialog(tmp_path / "report.pdf")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    tab.save()
    qtbot.waitUntil(lambda: (tmp_path / "report.pdf").exists(), timeout=WAIT_MS)
    after = tab.current()
    assert after is not None and before is not None and after is not before
    assert (tmp_path / "report.pdf").read_bytes() == after.path.read_bytes()


def test_open_in_viewer_opens_a_copy_or_says_it_could_not(
    demo_tab: ExportTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    answer = [True]

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return answer[0]

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    demo_tab.open_in_viewer()
    shown = demo_tab.current()
    assert shown is not None
    path = Path(opened[0].toLocalFile())
    assert path.name == shown.filename and path.read_bytes() == shown.path.read_bytes()
    answer[0] = False
    demo_tab.open_in_viewer()
    assert "No PDF viewer could be started" in demo_tab.status.text()


def test_hidden_tab_waits_until_shown_to_catch_up(qtbot: QtBot, demo_tab: ExportTab) -> None:
    tab = demo_tab
    tab.hide()
    tab.reload()
    assert not tab.renderer.busy() and tab.current() is not None  # nothing happened yet
    tab.show()
    assert tab.current() is None
    wait_ready(qtbot, tab)


def test_rapid_requests_end_in_one_more_render_with_the_latest(qtbot: QtBot, db: Database) -> None:
    fill_demo(db)
    renderer = Renderer(db)
    started: list[Request] = []
    renderer.started.connect(started.append)
    first, middle, last = (Request(REPORT, None, v) for v in (1, 2, 3))
    renderer.request(first)
    renderer.request(middle)
    renderer.request(last)
    with qtbot.waitSignal(renderer.rendered, timeout=WAIT_MS) as done:
        pass
    assert started == [first, last]
    assert done.args[0].request == last
    renderer.shutdown()


def test_an_empty_profile_points_to_the_applications_tab(
    qtbot: QtBot, make_tab: Callable[[], ExportTab], went: list[str]
) -> None:
    tab = make_tab()
    assert tab.pages.currentWidget() is tab.empty
    qtbot.mouseClick(tab.empty.buttons[0], Qt.MouseButton.LeftButton)
    assert went == ["applications"]


def test_without_open_applications_the_report_still_works(
    qtbot: QtBot, db: Database, make_tab: Callable[[], ExportTab]
) -> None:
    add_application(db, ApplicationForm(company="Acme BPO", status=Status.REJECTED.value))
    tab = make_tab()
    assert tab.kind() == REPORT
    wait_ready(qtbot, tab)
    tab.set_kind(PACKET)
    qtbot.waitUntil(lambda: tab.preview.message.text() == NO_OPEN)
    assert not tab.save_button.isEnabled() and not tab.picker.isEnabled()
