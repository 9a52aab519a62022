"""Saved games: the autosave and numbered slots, as JSON files in ``<data>/saves``.

A save holds the engine's snapshot (the whole play state), the text the player has
read (for the history screen) and a few words about where the player is, so the
load screen can list slots without loading the story. No pygame and no engine
import here: listing saves must stay cheap at start-up.

Every save read is checked against ``saves.schema.json`` (types and ranges, the engine's
snapshot included). A corrupt, truncated, foreign, out-of-range or other-version save is
set aside (renamed, never deleted) and reported with :class:`DamagedSave`; the game
carries on.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from game.i18n import tr
from game.schemacheck import SchemaCheck
from game.storage import DamagedFile, atomic_write_json, read_json, set_aside

# read through the package, not a path beside this file: a zipped package has no such file
SCHEMA_FILE = resources.files("game").joinpath("saves.schema.json")
SAVE_KIND = "deconfliction-line-save"
SAVE_FORMAT = 1
AUTOSAVE = "autosave"
SLOTS = ("slot1", "slot2", "slot3", "slot4", "slot5")


class DamagedSave(Exception):
    """A save that could not be used; it has been set aside where ``moved_to`` says."""

    def __init__(self, slot: str, message: str, moved_to: Path | None) -> None:
        super().__init__(message)
        self.slot = slot
        self.moved_to = moved_to


@dataclass(frozen=True)
class SaveInfo:
    """What the load screen shows about a save, without loading the story."""

    slot: str
    saved_at: float  # seconds since the epoch
    scenario: str
    scenario_title: str
    scene_title: str
    day: str
    time_left: int
    ended: bool
    classroom: bool


@dataclass
class SaveData:
    info: SaveInfo
    snapshot: dict[str, Any]  # Story.snapshot()
    transcript: list[dict[str, str]] = field(default_factory=list)  # the text read, in order
    # classroom: the results file this game feeds, {"class": code, "id": session id}
    record: dict[str, str] | None = None


def saves_dir(data_folder: Path) -> Path:
    return data_folder / "saves"


def save_path(data_folder: Path, slot: str) -> Path:
    if slot != AUTOSAVE and slot not in SLOTS:
        raise ValueError(f"no save slot {slot!r}")
    return saves_dir(data_folder) / f"{slot}.json"


def slot_label(slot: str) -> str:
    if slot == AUTOSAVE:
        return tr("saves.autosave", "Autosave")
    return tr("saves.slot", "Slot {n}", n=SLOTS.index(slot) + 1)


def write_save(data_folder: Path, slot: str, save: SaveData) -> None:
    info = save.info
    atomic_write_json(save_path(data_folder, slot), {
        "kind": SAVE_KIND,
        "format": SAVE_FORMAT,
        "saved_at": info.saved_at,
        "scenario": info.scenario,
        "scenario_title": info.scenario_title,
        "scene_title": info.scene_title,
        "day": info.day,
        "time_left": info.time_left,
        "ended": info.ended,
        "classroom": info.classroom,
        "snapshot": save.snapshot,
        "transcript": save.transcript,
        **({"record": save.record} if save.record is not None else {}),
    })


def has_save(data_folder: Path, slot: str) -> bool:
    return save_path(data_folder, slot).is_file()


def read_save(data_folder: Path, slot: str) -> SaveData | None:
    """The save in ``slot``, or None when the slot is empty; DamagedSave if unusable."""
    path = save_path(data_folder, slot)
    try:
        data = read_json(path)
    except FileNotFoundError:
        return None
    except DamagedFile as exc:
        raise DamagedSave(slot, _message(slot, exc.reason, exc.moved_to), exc.moved_to) from None
    try:
        return _parse(slot, data)
    except ValueError as exc:
        moved = set_aside(path)
        raise DamagedSave(slot, _message(slot, str(exc), moved), moved) from None


def set_save_aside(data_folder: Path, slot: str, reason: str) -> DamagedSave:
    """Move a save that turned out unusable out of the way; the error to report."""
    moved = set_aside(save_path(data_folder, slot))
    return DamagedSave(slot, _message(slot, reason, moved), moved)


def list_saves(data_folder: Path) -> tuple[dict[str, SaveInfo | None], list[DamagedSave]]:
    """Every slot (autosave first) with its info or None, and the saves set aside."""
    found: dict[str, SaveInfo | None] = {}
    problems: list[DamagedSave] = []
    for slot in (AUTOSAVE, *SLOTS):
        try:
            save = read_save(data_folder, slot)
        except DamagedSave as exc:
            problems.append(exc)
            save = None
        found[slot] = save.info if save else None
    return found, problems


def format_time(saved_at: float) -> str:
    return time.strftime("%d %b %Y, %H:%M", time.localtime(saved_at))


@cache
def _schema() -> SchemaCheck:
    return SchemaCheck(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def _parse(slot: str, data: Any) -> SaveData:
    if not isinstance(data, dict) or data.get("kind") != SAVE_KIND:
        raise ValueError(tr("saves.foreign", "is not a saved game of this game"))
    version = data.get("format")
    if version != SAVE_FORMAT:
        if isinstance(version, int) and not isinstance(version, bool) and version > SAVE_FORMAT:
            raise ValueError(tr("saves.newer", "was made by a newer version of the game"))
        raise ValueError(tr("saves.older", "was made by an older version of the game"))
    problem = _schema().problem(data)
    if problem is not None:
        raise ValueError(tr("saves.damaged", "is damaged ({problem})", problem=problem))
    info = SaveInfo(
        slot=slot,
        saved_at=float(data["saved_at"]),
        scenario=data["scenario"],
        scenario_title=data["scenario_title"],
        scene_title=data["scene_title"],
        day=data["day"],
        time_left=int(data["time_left"]),
        ended=data["ended"],
        classroom=data["classroom"],
    )
    return SaveData(info, data["snapshot"], data["transcript"], data.get("record"))


def _message(slot: str, reason: str, moved_to: Path | None) -> str:
    text = tr("saves.problem", "{slot} {reason}, so it cannot be loaded.",
              slot=slot_label(slot), reason=reason)
    if moved_to is not None:
        text += tr("saves.kept_as", " It was kept as {name}.", name=moved_to.name)
    return text
