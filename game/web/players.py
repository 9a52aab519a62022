"""The browser's players: one state file per visitor, kept beside the class's results.

A visitor is known only by a random cookie. Its state file is named by a hash of that
cookie (``<state>/<hash>.json``), so neither a URL nor the folder ever shows a cookie,
and no one can reach another student's game by guessing a name. The file holds the
player's game (the desk session's save) and their display settings; the classroom record
itself is the ordinary results file the window writes too, so ``report DIR`` reads a
mixed class. A server restarted on the same folder finds every player again from here.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.classroom.session import ClassroomSession
from game.engine.model import Scenario
from game.engine.state import RestoreError
from game.engine.story import Story
from game.storage import DamagedFile, atomic_write_json, read_json
from game.web.security import file_key

PLAYER_KIND = "deconfliction-line/web-player"
PLAYER_FORMAT = 1
THEMES = ("auto", "light", "dark", "high_contrast")
TEXT_SIZES = tuple(range(80, 201, 10))

QUIZ_BEFORE, PLAY, QUIZ_AFTER, DEBRIEF = "quiz-before", "play", "quiz-after", "debrief"


@dataclass
class Looks:
    """How a player likes the pages: a theme (``auto`` follows the device) and a text size."""

    theme: str = "auto"
    text_size: int = 100
    tell_grade: bool = True  # the grade with the response right after a call (else: debrief)

    @classmethod
    def from_json(cls, data: Any) -> Looks:
        if not isinstance(data, dict):
            return cls()
        theme = data.get("theme")
        size = data.get("text_size")
        return cls(theme if theme in THEMES else "auto",
                   size if isinstance(size, int) and size in TEXT_SIZES else 100,
                   data.get("tell_grade") is not False)


@dataclass
class Player:
    """One visitor's game, their classroom record (in class) and their looks."""

    key: str
    story: Story
    record: ClassroomSession | None
    quiz_on: bool
    looks: Looks = field(default_factory=Looks)
    turn: int = 0  # counts every accepted form: an older page's form is refused
    seed: int = 0
    quiz_shown: float = 0.0  # when the current headline was shown (time.monotonic)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def stage(self) -> str:
        """Where the player is: quiz before, the desk, quiz after, or the debrief."""
        record = self.record
        if (record is not None and self.quiz_on and not self.story.state.history
                and len(record.quiz["before"]) < len(record.quiz_items("before"))):
            return QUIZ_BEFORE
        if not self.story.is_over:
            return PLAY
        if (record is not None and self.quiz_on
                and len(record.quiz["after"]) < len(record.quiz_items("after"))):
            return QUIZ_AFTER
        return DEBRIEF

    def to_json(self) -> dict[str, Any]:
        return {"kind": PLAYER_KIND, "format": PLAYER_FORMAT, "turn": self.turn,
                "seed": self.seed, "snapshot": self.story.snapshot(),
                "results": self.record.path.name if self.record else None,
                "looks": {"theme": self.looks.theme, "text_size": self.looks.text_size,
                          "tell_grade": self.looks.tell_grade}}


class PlayerStore:
    """Every player of this server, in memory and in ``folder`` (one file each)."""

    def __init__(self, folder: Path, scenario: Scenario, *, class_code: str | None = None,
                 results_dir: Path | None = None, quiz: bool = True) -> None:
        self.folder = folder
        self.scenario = scenario
        self.class_code = class_code
        self.results_dir = results_dir
        self.quiz_on = quiz and bool(scenario.quiz) and class_code is not None
        self._players: dict[str, Player] = {}
        self.version = 0  # goes up with every write: the dashboard redraws when it moves

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def count(self) -> int:
        return sum(1 for _ in self.folder.glob("*.json")) if self.folder.is_dir() else 0

    def players(self) -> list[Player]:
        return list(self._players.values())

    def load_all(self) -> int:
        """Read every player's file (at start-up, so the dashboard knows them all)."""
        if not self.folder.is_dir():
            return 0
        for path in sorted(self.folder.glob("*.json")):
            if path.stem not in self._players:
                player = self._load(path.stem)
                if player is not None:
                    self._players[path.stem] = player
        return len(self._players)

    def find(self, cookie: str) -> Player | None:
        """The player this cookie belongs to, from memory or its file; None if none."""
        key = file_key(cookie)
        player = self._players.get(key)
        if player is None:
            player = self._load(key)
            if player is not None:
                self._players[key] = player
        return player

    def create(self, cookie: str, seed: int, nickname: str | None = None) -> Player:
        """A new player with a new game (and, in class, a new results file), written now."""
        key = file_key(cookie)
        record = None
        if self.class_code is not None and self.results_dir is not None:
            record = ClassroomSession(self.class_code, self.results_dir, self.scenario, nickname)
        player = Player(key, Story(self.scenario, seed=seed), record, self.quiz_on, seed=seed)
        self._players[key] = player
        self.save(player)
        return player

    def save(self, player: Player) -> None:
        """Write the player's state, then bring the results file up to it.

        In this order, so that a crash between the two loses nothing: on resume the
        results file is brought up to the state again.
        """
        atomic_write_json(self.path(player.key), player.to_json())
        if player.record is not None:
            player.record.update_from_story(player.story)
            if player.stage == DEBRIEF and player.record.finished is None:
                player.record.finish(player.story)
        self.version += 1

    def _load(self, key: str) -> Player | None:
        path = self.path(key)
        try:
            data = read_json(path)
        except (FileNotFoundError, DamagedFile):
            return None
        if not isinstance(data, dict) or data.get("kind") != PLAYER_KIND:
            return None
        story = Story(self.scenario)
        try:
            story.restore(data.get("snapshot"))
        except (RestoreError, ValueError, TypeError, KeyError):
            return None
        record = None
        results = data.get("results")
        if isinstance(results, str) and self.results_dir is not None:
            try:
                record = ClassroomSession.reopen(self.results_dir / Path(results).name,
                                                 self.scenario)
            except ValueError:
                record = None
        turn = data.get("turn")
        seed = data.get("seed")
        player = Player(key, story, record, self.quiz_on and record is not None,
                        Looks.from_json(data.get("looks")),
                        turn if isinstance(turn, int) else 0, seed if isinstance(seed, int) else 0)
        if record is not None:
            record.update_from_story(story)  # catch up a write the last run did not finish
        return player
