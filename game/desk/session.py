"""One game in progress: the story, the text the player has read, and undo.

The desk (:class:`game.desk.Desk`) owns one and drives it; presenters read from it
(``story``, ``transcript``, ``fresh_scene``, ``can_undo``) and ask the desk to act.
"""

from __future__ import annotations

import time
from typing import Any

from game.engine import Scenario, Story
from game.saves import SaveData, SaveInfo

UNDO_LIMIT = 100  # as Ren'Py's rollback


class Session:
    """A story with what it needs to be shown, saved and rolled back."""

    def __init__(self, scenario: Scenario, story: Story, transcript: list[dict[str, str]],
                 classroom: bool = False) -> None:
        self.scenario = scenario
        self.story = story
        self.transcript = transcript
        self.classroom = classroom
        self._undo: list[tuple[dict[str, Any], int]] = []
        self.fresh_scene = True  # the current scene was just entered (its text is new)

    @classmethod
    def new(cls, scenario: Scenario, seed: int, classroom: bool = False) -> Session:
        session = cls(scenario, Story(scenario, seed=seed), [], classroom)
        session._record_scene()
        return session

    @classmethod
    def from_save(cls, scenario: Scenario, save: SaveData) -> Session:
        """Resume a save exactly; RestoreError (from the engine) says why it cannot."""
        story = Story(scenario)
        story.restore(save.snapshot)
        session = cls(scenario, story, list(save.transcript), save.info.classroom)
        session.fresh_scene = False
        return session

    # --- playing ------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return not self.classroom and bool(self._undo)

    def choose(self, index: int) -> None:
        options = self.story.choices()
        text = options[index].text if 0 <= index < len(options) else ""
        before = (self.story.snapshot(), len(self.transcript))
        self.story.choose(index)  # raises ChoiceError before anything changes
        if not self.classroom:
            self._undo.append(before)
            del self._undo[:-UNDO_LIMIT]
        self.transcript.append({"kind": "choice", "text": text})
        self._record_scene()

    def undo(self) -> bool:
        """Go back to just before the last choice; False when there is nothing to undo."""
        if not self.can_undo:
            return False
        snapshot, length = self._undo.pop()
        self.story.restore(snapshot)
        del self.transcript[length:]
        self.fresh_scene = False
        return True

    def replace_story(self, story: Story) -> None:
        """Swap in a story over reloaded content (hot reload); undo refers to old content."""
        self.story = story
        self.scenario = story.scenario
        self._undo.clear()
        self.fresh_scene = False

    def _record_scene(self) -> None:
        scene = self.story.scene
        self.transcript.append({"kind": "scene", "text": scene.title, "day": scene.day})
        for paragraph in self.story.paragraphs():
            self.transcript.append({"kind": "text", "text": paragraph.text})
        self.fresh_scene = True

    # --- saving -------------------------------------------------------------------------

    def to_save(self, slot: str) -> SaveData:
        scene = self.story.scene
        info = SaveInfo(
            slot=slot, saved_at=time.time(), scenario=self.scenario.id,
            scenario_title=self.scenario.title, scene_title=scene.title, day=scene.day,
            time_left=self.story.time, ended=self.story.is_over, classroom=self.classroom)
        return SaveData(info, self.story.snapshot(), list(self.transcript))
