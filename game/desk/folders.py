"""Where a desk keeps its files in the data folder: saves per story, results kept locally.

    <data>/stories/<scenario id>/saves/autosave.json   the autosave and slots of one story
    <data>/results-kept/<class>-<id>.json              a results file the folder could not take

Saves are kept per story, so the title never offers to continue another story's game.
Saves from before this layout (``<data>/saves``) are moved to their story's folder the
first time that story looks for them.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from game.classroom.session import file_stem
from game.saves import AUTOSAVE, SLOTS, DamagedSave, read_save, save_path

KEPT_RESULTS = "results-kept"


def story_folder(data: Path, scenario_id: str) -> Path:
    """The folder of one story's saves (pass it where ``game.saves`` asks for a data folder)."""
    return data / "stories" / file_stem(scenario_id)


def kept_results_folder(data: Path) -> Path:
    """Where results wait, on this computer, for a results folder that is away."""
    return data / KEPT_RESULTS


def adopt_old_saves(data: Path, scenario_id: str) -> list[DamagedSave]:
    """Move this story's saves from the old shared folder into its own (others stay).

    A damaged old save is set aside where it is, and returned to be reported.
    """
    problems: list[DamagedSave] = []
    for slot in (AUTOSAVE, *SLOTS):
        old = save_path(data, slot)
        new = save_path(story_folder(data, scenario_id), slot)
        if not old.is_file() or new.exists():
            continue
        try:
            save = read_save(data, slot)
        except DamagedSave as exc:
            problems.append(exc)
            continue
        if save is None or save.info.scenario != scenario_id:
            continue
        with contextlib.suppress(OSError):
            new.parent.mkdir(parents=True, exist_ok=True)
            os.replace(old, new)
    return problems
