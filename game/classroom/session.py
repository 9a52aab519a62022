"""One player's classroom session, kept in its own results file as play goes.

    session = ClassroomSession("7B", "//server/results", scenario, nickname="Sam")
    for item in session.quiz_items("before"):
        session.record_quiz("before", item.id, rating, seconds)
    ...                                    # after every choice:
    session.update_from_story(story)
    session.finish(story)                  # at the ending (after the second quiz)

Every call rewrites the session's one file atomically (temporary file, fsync, rename), so
a laptop closed mid-game loses at most the decision being made, and a reader never sees
half a file. Each session has a random anonymous id and its own file name
(``<class>-<id>.json``), so thirty machines writing into one shared folder never write
the same file. If the folder cannot be reached, play goes on and the next write retries.
"""

from __future__ import annotations

import re
import secrets
import time
import unicodedata
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from game import __version__
from game.classroom.quiz import (
    HIGHEST_RATING,
    LOWEST_RATING,
    PHASES,
    QuizAnswer,
    answers_from,
    detection,
    items_for,
    mean_difference,
)
from game.engine.model import QuizItem, Scenario
from game.engine.scoring import score
from game.engine.state import State, Step
from game.engine.story import Story
from game.storage import WRITE_ATTEMPTS, write_json_retrying

RESULTS_FORMAT = 1
RESULTS_KIND = "deconfliction-line/classroom-session"
NICKNAME_MAX = 24
CLASS_CODE_MAX = 24


def clean_nickname(text: str | None) -> str | None:
    """The nickname as stored: printable, trimmed, at most 24 characters; None if empty."""
    if text is None:
        return None
    kept = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    kept = " ".join(kept.split())[:NICKNAME_MAX].strip()
    return kept or None


def clean_class_code(code: str) -> str:
    """The class code as stored: trimmed and at most 24 characters ("class" if empty)."""
    kept = " ".join("".join(ch for ch in code if unicodedata.category(ch)[0] != "C").split())
    return kept[:CLASS_CODE_MAX] or "class"


def file_stem(class_code: str) -> str:
    """The class code as it may appear in a file name on any system (letters, digits, - and _)."""
    ascii_code = unicodedata.normalize("NFKD", class_code).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_-]+", "_", ascii_code).strip("_")[:CLASS_CODE_MAX] or "class"


def new_session_id() -> str:
    """A random anonymous id: 12 hex digits, from the operating system's secure source."""
    return secrets.token_hex(6)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _detection_json(answers: list[QuizAnswer]) -> dict[str, Any] | None:
    if not answers:
        return None
    d = detection(answers)
    return {"hits": d.hits, "misses": d.misses, "false_alarms": d.false_alarms,
            "correct_rejections": d.correct_rejections, "d_prime": round(d.d_prime, 4),
            "criterion": round(d.criterion, 4), "mean_difference": mean_difference(answers)}


def _decision_json(step: Step) -> dict[str, Any]:
    claim, call = step.verdict.split("=", 1) if step.verdict else (None, None)
    return {"scene": step.scene, "choice": step.choice, "time_left": step.time_left,
            "claim": claim, "call": call, "check": step.verify}


class ClassroomSession:
    """A session's record, written to ``<results_dir>/<class>-<id>.json`` after every change."""

    def __init__(self, class_code: str, results_dir: str | Path, scenario: Scenario,
                 nickname: str | None = None, *, session_id: str | None = None,
                 clock: Callable[[], str] = _now) -> None:
        self.scenario = scenario
        self.results_dir = Path(results_dir)
        self.class_code = clean_class_code(class_code)
        self.nickname = clean_nickname(nickname)
        self._clock = clock
        self.id = session_id or new_session_id()
        while session_id is None and self.path.exists():  # 48 random bits: never, but be sure
            self.id = new_session_id()
        self.started = clock()
        self.updated = self.started
        self.finished: str | None = None
        self.writes = 0
        self.write_error: str | None = None  # why the last write failed; None when it worked
        self.failed_writes = 0  # in a row: a presenter warns once, when this becomes 1
        self.quiz: dict[str, list[QuizAnswer]] = {phase: [] for phase in PHASES}
        self.decisions: list[dict[str, Any]] = []
        self.checks: list[str] = []
        self.ending: dict[str, str] | None = None
        self.score: dict[str, int | float] | None = None
        self._claims_called: list[str] = []
        self.save()

    @property
    def path(self) -> Path:
        return self.results_dir / f"{file_stem(self.class_code)}-{self.id}.json"

    # --- the quiz -----------------------------------------------------------------------

    def quiz_items(self, phase: str) -> list[QuizItem]:
        """The phase's items in this session's own order (shuffled by its id)."""
        return items_for(self.scenario, phase, shuffle_seed=self.id)

    def record_quiz(self, phase: str, item_id: str, rating: int, seconds: float) -> None:
        """Keep one rating (1-7) and how many seconds it took; a second rating replaces it."""
        item = next((i for i in self.scenario.quiz if i.id == item_id), None)
        if item is None or item.phase != phase:
            raise ValueError(f"no {phase!r} quiz item {item_id!r}")
        if isinstance(rating, bool) or not LOWEST_RATING <= rating <= HIGHEST_RATING:
            raise ValueError(f"a rating is {LOWEST_RATING} to {HIGHEST_RATING}, not {rating!r}")
        answers = [a for a in self.quiz[phase] if a.item != item_id]
        answers.append(QuizAnswer(item_id, item.reliable, int(rating),
                                  round(max(float(seconds), 0.0), 1)))
        self.quiz[phase] = answers
        self.save()

    def quiz_answers(self, phase: str) -> list[QuizAnswer]:
        return list(self.quiz[phase])

    # --- the game -----------------------------------------------------------------------

    def record_decision(self, step: Step) -> None:
        """Add one choice to the record (``update_from_story`` also refreshes the score)."""
        self.decisions.append(_decision_json(step))
        if step.verify and step.verify not in self.checks:
            self.checks.append(step.verify)
        if step.verdict:
            self._claims_called.append(step.verdict.split("=", 1)[0])
        self.save()

    def update_from_story(self, story: Story) -> None:
        """Bring the record up to the story's state: every decision, checks, score, ending."""
        self._take(story.scenario, story.state)
        if story.is_over and story.ending is not None:
            self.ending = {"scene": story.scene.id, "title": story.ending.title,
                           "kind": story.ending.kind}
        self.save()

    def finish(self, story: Story | None = None) -> None:
        """Mark the session finished (after the ending, or the quiz after it)."""
        if story is not None:
            self._take(story.scenario, story.state)
            if story.ending is not None:
                self.ending = {"scene": story.scene.id, "title": story.ending.title,
                               "kind": story.ending.kind}
        self.finished = self._clock()
        self.save()

    def _take(self, scenario: Scenario, state: State) -> None:
        self.decisions = [_decision_json(step) for step in state.history]
        self.checks = list(dict.fromkeys(s.verify for s in state.history if s.verify))
        self._claims_called = [s.verdict.split("=", 1)[0] for s in state.history if s.verdict]
        result = score(scenario, state)
        d = result.detection
        self.score = {
            "points": result.points, "max_points": result.max_points,
            "hits": d.hits, "misses": d.misses, "false_alarms": d.false_alarms,
            "correct_rejections": d.correct_rejections,
            "d_prime": round(d.d_prime, 4), "criterion": round(d.criterion, 4),
            "checks_done": result.checks_done, "time_verifying": result.time_verifying,
        }

    # --- the file -----------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The results file's content (see results.schema.json)."""
        scenario = self.scenario
        called = dict.fromkeys(self._claims_called)
        claims = {c: scenario.claims[c] for c in called if c in scenario.claims}
        return {
            "format": RESULTS_FORMAT,
            "kind": RESULTS_KIND,
            "id": self.id,
            "class": self.class_code,
            "nickname": self.nickname,
            "game_version": __version__,
            "scenario": {"id": scenario.id, "title": scenario.title,
                         "version": str(scenario.version), "fingerprint": scenario.fingerprint},
            "started": self.started,
            "updated": self.updated,
            "finished": self.finished,
            "writes": self.writes,
            "quiz": {phase: [{"item": a.item, "reliable": a.reliable, "rating": a.rating,
                              "seconds": a.seconds} for a in self.quiz[phase]]
                     for phase in PHASES},
            "quiz_scores": {phase: s for phase in PHASES
                            if (s := _detection_json(self.quiz[phase])) is not None},
            "decisions": list(self.decisions),
            "checks": list(self.checks),
            "ending": self.ending,
            "score": self.score,
            # what the report needs to read the calls without the scenes at hand
            "claims": {c.id: {"source": c.source, "text": c.text, "holds_up": c.holds_up,
                              "judgement": c.judgement} for c in claims.values()},
            "sources": {s: scenario.sources[s].name
                        for s in dict.fromkeys(c.source for c in claims.values())
                        if s in scenario.sources},
        }

    def save(self) -> bool:
        """Write the file now; False (and ``write_error`` set) if the folder cannot be reached."""
        self.writes += 1
        self.updated = self._clock()
        # after one failure, no more pauses: a folder that refused once costs one try a write
        error = write_json_retrying(self.path, self.to_json(),
                                    attempts=WRITE_ATTEMPTS if self.failed_writes == 0 else 1)
        if error is None:
            self.write_error = None
            self.failed_writes = 0
            return True
        self.write_error = f"{self.path}: {error.strerror or error}"
        self.failed_writes += 1
        return False

    @classmethod
    def reopen(cls, path: str | Path, scenario: Scenario) -> ClassroomSession:
        """Carry on a session from its results file (a game resumed next lesson).

        Raises ValueError if the file is not a session of this format.
        """
        from game.classroom.results import SkippedFile, parse_session

        path = Path(path)
        try:
            data = parse_session(path, path.read_bytes())
        except (OSError, SkippedFile) as exc:
            raise ValueError(str(exc)) from None
        session = cls.__new__(cls)
        session.scenario = scenario
        session.results_dir = path.parent
        session.class_code = str(data["class"])
        session.nickname = data["nickname"]
        session._clock = _now
        session.id = str(data["id"])
        session.started = str(data["started"])
        session.updated = str(data["updated"])
        session.finished = data["finished"]
        session.writes = int(data["writes"])
        session.write_error = None
        session.failed_writes = 0
        session.quiz = {phase: answers_from(data["quiz"][phase]) for phase in PHASES}
        session.decisions = list(data["decisions"])
        session.checks = list(data["checks"])
        session.ending = data["ending"]
        session.score = data["score"]
        session._claims_called = [d["claim"] for d in session.decisions if d["claim"]]
        if session.path != path:
            raise ValueError(f"{path.name}: the file name does not match its class and id")
        return session


def elapsed_since(start: float) -> float:
    """Seconds since a ``time.monotonic()`` reading: for timing a quiz item."""
    return max(time.monotonic() - start, 0.0)
