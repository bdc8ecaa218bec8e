"""Qt models for the notes list: groups of notes per application (fetched page by page) and
search results. Neither holds a database session or a note's full text."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
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
_serials = itertools.count(1)


@dataclass
class _Group:
    info: NoteGroup
    notes: list[NoteSummary]
    gid: int = field(default_factory=lambda: next(_serials))

    @property
    def more(self) -> int:
        return max(self.info.count - len(self.notes), 0)


def group_title(info: NoteGroup) -> str:
    if info.application_id is None:
        return "Not linked to an application"
    return " — ".join(x for x in (info.company, info.position) if x)


class NotesTreeModel(QAbstractItemModel):
    """Top level: one row per application with notes, newest note first; below: its notes,
    newest first, with a "show more" row when the group holds more than is loaded."""

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.filter = NoteFilter()
        self._groups: list[_Group] = []
        self._by_gid: dict[int, _Group] = {}
        self._pager = GroupPager(db, self.filter)

    # -- loading -------------------------------------------------------------------------------

    def set_filter(self, flt: NoteFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._groups, self._by_gid = [], {}
        self._pager = GroupPager(self.db, self.filter)
        self.endResetModel()
        self.fetchMore(QModelIndex())

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
        start = len(self._groups)
        self.beginInsertRows(QModelIndex(), start, start + len(infos) - 1)
        for info in infos:
            group = _Group(info, notes.get(info.application_id, []))
            self._groups.append(group)
            self._by_gid[group.gid] = group
        self.endInsertRows()

    def load_more(self, index: Index) -> None:
        """Fetch the next notes of the group whose "show more" row is ``index``."""
        group = self._by_gid.get(index.internalId()) if index.isValid() else None
        if group is None or index.row() != len(group.notes):
            return
        page = note_summaries(
            self.db,
            group.info.application_id,
            self.filter,
            offset=len(group.notes),
            limit=MORE_PAGE,
        )
        parent = self.index(self._groups.index(group), 0)
        if not page or group.more <= len(page):
            self.beginRemoveRows(parent, len(group.notes), len(group.notes))
            group.info = replace(group.info, count=len(group.notes) + len(page))
            self.endRemoveRows()
        if page:
            at = len(group.notes)
            self.beginInsertRows(parent, at, at + len(page) - 1)
            group.notes.extend(page)
            self.endInsertRows()

    # -- structure -------------------------------------------------------------------------------

    def index(self, row: int, column: int = 0, parent: Index = ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        group = self._groups[parent.row()]
        if row >= len(group.notes) + (1 if group.more else 0):
            return QModelIndex()
        return self.createIndex(row, 0, group.gid)

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        group = self._by_gid.get(index.internalId())
        if group is None:
            return QModelIndex()
        return self.createIndex(self._groups.index(group), 0, 0)

    def rowCount(self, parent: Index = ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() != 0:
            return 0
        group = self._groups[parent.row()]
        return len(group.notes) + (1 if group.more else 0)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 1

    def hasChildren(self, parent: Index = ROOT) -> bool:
        return not parent.isValid() or parent.internalId() == 0

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _item(self, index: Index) -> tuple[str, Any]:
        if index.internalId() == 0:
            return "group", self._groups[index.row()].info
        group = self._by_gid[index.internalId()]
        if index.row() < len(group.notes):
            return "note", group.notes[index.row()]
        return "more", group

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        kind, item = self._item(index)
        if role == ROW_KIND_ROLE:
            return kind
        if role == ITEM_ROLE:
            return item
        if role == NOTE_ID_ROLE:
            return item.id if kind == "note" else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if kind == "group":
                count = item.count
                return f"{group_title(item)} ({count} note{'' if count == 1 else 's'})"
            if kind == "note":
                return item.preview or "(empty note)"
            shown = min(MORE_PAGE, item.more)
            return f"Show {shown} more of {item.more}"
        return None

    # -- finding and changing rows ---------------------------------------------------------------

    def note_index(self, note_id: int) -> QModelIndex:
        for row, group in enumerate(self._groups):
            for n, note in enumerate(group.notes):
                if note.id == note_id:
                    return self.index(n, 0, self.index(row, 0))
        return QModelIndex()

    def group_index(self, application_id: int | None) -> QModelIndex:
        for row, group in enumerate(self._groups):
            if group.info.application_id == application_id:
                return self.index(row, 0)
        return QModelIndex()

    def update_note(self, summary: NoteSummary) -> None:
        """Show a saved note's new preview, kind or tags (it moves if its application did)."""
        index = self.note_index(summary.id)
        if not index.isValid():
            return
        group = self._by_gid[index.internalId()]
        if group.info.application_id == summary.application_id:
            group.notes[index.row()] = summary
            self.dataChanged.emit(index, index)
            return
        self.remove_note(summary.id)
        self.insert_note(summary)

    def insert_note(self, summary: NoteSummary) -> None:
        """Put a new (or moved) note into its group, which moves up if it is now the newest."""
        parent = self.group_index(summary.application_id)
        if not parent.isValid():
            info = NoteGroup(
                summary.application_id, summary.company, summary.position, 0, summary.created_at
            )
            group = _Group(info, [])
            self.beginInsertRows(QModelIndex(), 0, 0)
            self._groups.insert(0, group)
            self._by_gid[group.gid] = group
            self.endInsertRows()
            parent = self.index(0, 0)
        group = self._groups[parent.row()]
        at = next(
            (
                i
                for i, n in enumerate(group.notes)
                if (n.created_at, n.id) < (summary.created_at, summary.id)
            ),
            len(group.notes),
        )
        self.beginInsertRows(parent, at, at)
        group.notes.insert(at, summary)
        latest = max(group.info.latest, summary.created_at)
        group.info = replace(group.info, count=group.info.count + 1, latest=latest)
        self.endInsertRows()
        self.dataChanged.emit(parent, parent)
        row = parent.row()
        newer = [g for g in self._groups[:row] if g.info.latest > latest]
        target = len(newer)
        if target < row:
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target)
            self._groups.insert(target, self._groups.pop(row))
            self.endMoveRows()

    def remove_note(self, note_id: int) -> None:
        index = self.note_index(note_id)
        if not index.isValid():
            return
        group = self._by_gid[index.internalId()]
        parent = index.parent()
        if group.info.count <= 1 and len(group.notes) == 1:
            self.beginRemoveRows(QModelIndex(), parent.row(), parent.row())
            self._groups.pop(parent.row())
            del self._by_gid[group.gid]
            self.endRemoveRows()
            return
        self.beginRemoveRows(parent, index.row(), index.row())
        group.notes.pop(index.row())
        group.info = replace(group.info, count=group.info.count - 1)
        self.endRemoveRows()
        self.dataChanged.emit(parent, parent)


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
