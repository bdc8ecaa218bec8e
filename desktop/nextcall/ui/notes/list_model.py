"""Qt models for the notes list: groups of notes per application (fetched page by page) and
search results. Neither holds a database session or a note's full text."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtCore import QPersistentModelIndex as QPIndex

from nextcall.services.database import Database
from nextcall.services.note_list import (
    GroupPager,
    NoteGroup,
    NoteSummary,
    first_notes,
    note_summaries,
)
from nextcall.services.note_search import NoteFilter, SearchHit

Index = QModelIndex | QPIndex
ROOT = QModelIndex()  # the invalid index: the top level
ROW_KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "group", "note", "more" or "hit"
NOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
ITEM_ROLE = Qt.ItemDataRole.UserRole + 3  # the NoteGroup, NoteSummary or SearchHit
GROUP_PAGE = 40
FIRST_NOTES = 20
MORE_PAGE = 50


@dataclass
class _Group:
    info: NoteGroup
    notes: list[NoteSummary]

    @property
    def more(self) -> int:
        return max(self.info.count - len(self.notes), 0)

    def rows(self) -> list[tuple[str, _Group, NoteSummary | None]]:
        """This group as list rows: its header, its loaded notes, and "show more"."""
        rows: list[tuple[str, _Group, NoteSummary | None]] = [("group", self, None)]
        rows += [("note", self, note) for note in self.notes]
        if self.more:
            rows.append(("more", self, None))
        return rows


def group_title(info: NoteGroup) -> str:
    if info.application_id is None:
        return "Not linked to an application"
    return " — ".join(x for x in (info.company, info.position) if x)


class NotesListModel(QAbstractListModel):
    """One flat list: a header row per application with notes (newest note first), its
    notes below it (newest first), and a "show more" row when the group holds more than is
    loaded. Pages are appended as the view scrolls, so the list stays fast with 200,000 notes
    (a flat list is laid out in batches; a tree re-lays out every expanded group)."""

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.filter = NoteFilter()
        self._groups: list[_Group] = []
        self._rows: list[tuple[str, _Group, NoteSummary | None]] = []
        self._pager = GroupPager(db, self.filter)

    # -- loading -------------------------------------------------------------------------------

    def set_filter(self, flt: NoteFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._groups, self._rows = [], []
        self._pager = GroupPager(self.db, self.filter)
        self.endResetModel()
        self.fetchMore(ROOT)

    def canFetchMore(self, parent: Index = ROOT) -> bool:
        return not parent.isValid() and not self._pager.done

    def fetchMore(self, parent: Index = ROOT) -> None:
        if parent.isValid() or self._pager.done:
            return
        infos = self._pager.next_page(GROUP_PAGE)
        if not infos:
            return
        notes = first_notes(
            self.db, [i.application_id for i in infos], self.filter, per_group=FIRST_NOTES
        )
        known = {g.info.application_id: g for g in self._groups}
        groups = []
        for info in infos:
            fetched = notes.get(info.application_id, [])
            group = known.get(info.application_id)
            if group is None:
                groups.append(_Group(info, fetched))
                continue
            # A note written here before this page arrived made the group already: complete it.
            group.info = replace(group.info, count=info.count)
            ids = {n.id for n in group.notes}
            group.notes += [n for n in fetched if n.id not in ids]
            self._replace(group, group)
        if not groups:
            return
        rows = [row for group in groups for row in group.rows()]
        start = len(self._rows)
        self.beginInsertRows(ROOT, start, start + len(rows) - 1)
        self._groups.extend(groups)
        self._rows.extend(rows)
        self.endInsertRows()

    def load_more(self, index: Index) -> None:
        """Fetch the next notes of the group whose "show more" row is ``index``."""
        if not index.isValid() or self._rows[index.row()][0] != "more":
            return
        group = self._rows[index.row()][1]
        page = note_summaries(
            self.db,
            group.info.application_id,
            self.filter,
            offset=len(group.notes),
            limit=MORE_PAGE,
        )
        group.notes.extend(page)
        if not page or group.more <= 0:
            group.info = replace(group.info, count=len(group.notes))
        self._replace(group, group)

    # -- list model ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()][0] == "group":
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        kind, group, note = self._rows[index.row()]
        if role == ROW_KIND_ROLE:
            return kind
        if role == ITEM_ROLE:
            return note if kind == "note" else group.info if kind == "group" else group
        if role == NOTE_ID_ROLE:
            return note.id if note is not None else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if kind == "group":
                count = group.info.count
                return f"{group_title(group.info)} ({count} note{'' if count == 1 else 's'})"
            if note is not None:
                return note.preview or "(empty note)"
            shown = min(MORE_PAGE, group.more)
            return f"Show {shown} more of {group.more}"
        return None

    # -- finding and changing rows ---------------------------------------------------------------

    def note_index(self, note_id: int) -> QModelIndex:
        for row, (_kind, _group, note) in enumerate(self._rows):
            if note is not None and note.id == note_id:
                return self.index(row, 0)
        return QModelIndex()

    def group_index(self, application_id: int | None) -> QModelIndex:
        for row, (kind, group, _note) in enumerate(self._rows):
            if kind == "group" and group.info.application_id == application_id:
                return self.index(row, 0)
        return QModelIndex()

    def groups(self) -> list[NoteGroup]:
        return [g.info for g in self._groups]

    def _span(self, group: _Group) -> tuple[int, int]:
        start = next(r for r, (k, g, _n) in enumerate(self._rows) if g is group and k == "group")
        end = start + 1
        while end < len(self._rows) and self._rows[end][1] is group:
            end += 1
        return start, end

    def _replace(self, group: _Group, before: _Group | None) -> None:
        """Redraw ``group``'s rows in place (and move it to just before ``before``)."""
        start, end = self._span(group)
        self.beginRemoveRows(ROOT, start, end - 1)
        del self._rows[start:end]
        self.endRemoveRows()
        at = start if before is group else self._span(before)[0] if before else len(self._rows)
        rows = group.rows()
        self.beginInsertRows(ROOT, at, at + len(rows) - 1)
        self._rows[at:at] = rows
        self.endInsertRows()

    def update_note(self, summary: NoteSummary) -> None:
        """Show a saved note's new preview, kind or tags (it moves if its application did)."""
        index = self.note_index(summary.id)
        if not index.isValid():
            return
        group = self._rows[index.row()][1]
        if group.info.application_id == summary.application_id:
            group.notes[group.notes.index(self._rows[index.row()][2])] = summary  # type: ignore[arg-type]
            self._rows[index.row()] = ("note", group, summary)
            self.dataChanged.emit(index, index)
            return
        self.remove_note(summary.id)
        self.insert_note(summary)

    def insert_note(self, summary: NoteSummary) -> None:
        """Put a new (or moved) note into its group, which moves up if it is now the newest."""
        group = next(
            (g for g in self._groups if g.info.application_id == summary.application_id), None
        )
        if group is None:
            info = NoteGroup(
                summary.application_id, summary.company, summary.position, 0, summary.created_at
            )
            group = _Group(info, [])
            self._groups.insert(0, group)
            self.beginInsertRows(ROOT, 0, 0)
            self._rows.insert(0, ("group", group, None))
            self.endInsertRows()
        key = (summary.created_at, summary.id)
        at = next(
            (i for i, n in enumerate(group.notes) if (n.created_at, n.id) < key), len(group.notes)
        )
        group.notes.insert(at, summary)
        latest = max(group.info.latest, summary.created_at)
        group.info = replace(group.info, count=group.info.count + 1, latest=latest)
        self._groups.remove(group)
        target = next((g for g in self._groups if g.info.latest <= latest), None)
        self._groups.insert(self._groups.index(target) if target else len(self._groups), group)
        self._replace(group, target)

    def remove_note(self, note_id: int) -> None:
        index = self.note_index(note_id)
        if not index.isValid():
            return
        _, group, note = self._rows[index.row()]
        group.notes.remove(note)  # type: ignore[arg-type]
        group.info = replace(group.info, count=group.info.count - 1)
        if group.info.count <= 0 and not group.notes:
            start, end = self._span(group)
            self.beginRemoveRows(ROOT, start, end - 1)
            del self._rows[start:end]
            self._groups.remove(group)
            self.endRemoveRows()
            return
        self._replace(group, group)


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        if role == ROW_KIND_ROLE:
            return "hit"
        if role == ITEM_ROLE:
            return hit
        if role == NOTE_ID_ROLE:
            return hit.note_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{hit.company or 'No application'}: {hit.snippet}"
        return None

    def note_index(self, note_id: int) -> QModelIndex:
        for row, hit in enumerate(self.hits):
            if hit.note_id == note_id:
                return self.index(row, 0)
        return QModelIndex()
