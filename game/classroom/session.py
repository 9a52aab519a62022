"""One player's classroom session, kept in its own results file as play goes.

    session = ClassroomSession("7B", "//server/results", scenario, nickname="Sam",
                               local_dir=data / "results-kept")
    for item in session.quiz_items("before"):
        session.record_quiz("before", item.id, rating, seconds)
    ...                                    # after every choice:
    session.record_decision(story.state.history[-1], story)
    session.finish(story)                  # at the ending (after the second quiz)

The record only grows: every decision is kept in the order it was made, so loading an
earlier save and choosing again adds a decision and never removes one; the first call on
each claim is the one that counts (the report and the score here read it so).

Every call rewrites the session's one file atomically (temporary file, fsync, rename), so
a laptop closed mid-game loses at most the decision being made, and a reader never sees
half a file. Each session has a random anonymous id and its own file name
(``<class>-<id>.json``), so thirty machines writing into one shared folder never write
the same file.

Only the first write may create the results folder. If the folder later disappears (a
share unmounted mid-lesson), it is never recreated (that would write under an empty
mount point); the file is kept in ``local_dir`` instead and written to the folder as soon
as it is back. A folder that refuses writes (read-only) is tried once, with short pauses
for a file someone is reading on Windows, and then left alone for the rest of the
session: the file stays in ``local_dir`` for the student to hand in.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
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
from game.classroom.results_file import (
    RESULTS_FORMAT,
    RESULTS_KIND,
    SkippedFile,
    read_session,
    write_session,
)
from game.engine.model import Grade, QuizItem, Scenario
from game.engine.scoring import score
from game.engine.state import State, Step
from game.engine.story import Story
from game.i18n import tr
from game.storage import WRITE_ATTEMPTS, write_json_retrying

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


def _step_from(row: dict[str, Any]) -> Step:
    """A recorded decision as the engine's step (for scoring the record)."""
    verdict = f"{row['claim']}={row['call']}" if row.get("claim") and row.get("call") else None
    return Step(scene=str(row["scene"]), choice=str(row["choice"]), text="",
                time_left=int(row["time_left"]), verdict=verdict, verify=row.get("check"))


# A folder that answers these has refused the write for good (not a passing lock).
_REFUSED = {errno.EACCES, errno.EPERM, errno.EROFS}


class ClassroomSession:
    """A session's record, written to ``<results_dir>/<class>-<id>.json`` after every change."""

    def __init__(self, class_code: str, results_dir: str | Path, scenario: Scenario,
                 nickname: str | None = None, *, session_id: str | None = None,
                 clock: Callable[[], str] = _now, local_dir: str | Path | None = None) -> None:
        self.scenario = scenario
        self.results_dir = Path(results_dir)
        self.local_dir = Path(local_dir) if local_dir is not None else None
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
        self.quiz: dict[str, list[QuizAnswer]] = {phase: [] for phase in PHASES}
        self.decisions: list[dict[str, Any]] = []
        self.checks: list[str] = []
        self.ending: dict[str, str] | None = None
        self.score: dict[str, int | float] | None = None
        self._reset_writing(folder_known=False)
        self.save()

    def _reset_writing(self, folder_known: bool) -> None:
        self.write_error: str | None = None  # why the last write failed; None when it worked
        self.failed_writes = 0  # in a row: a presenter warns once, when this becomes 1
        self.kept_locally = False  # the newest copy is only in local_dir
        self.refused = False  # the folder refused a write for good: not tried again
        self.delivered = False  # a copy kept locally has just reached the folder
        self._folder_known = folder_known  # written there once: never create it again

    @property
    def path(self) -> Path:
        return self.results_dir / self.file_name

    @property
    def file_name(self) -> str:
        return f"{file_stem(self.class_code)}-{self.id}.json"

    @property
    def local_path(self) -> Path | None:
        return self.local_dir / self.file_name if self.local_dir is not None else None

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

    def record_decision(self, step: Step, story: Story | None = None) -> None:
        """Add one choice to the record, after those already there; with the story, bring
        the score and the ending up to date too."""
        self.decisions.append(_decision_json(step))
        self._take(story)
        self.save()

    def update_from_story(self, story: Story) -> None:
        """Add the story's decisions not yet recorded (a story played straight on from the
        record's last decision), and bring the score and ending up to date."""
        for step in story.state.history[len(self.decisions):]:
            self.decisions.append(_decision_json(step))
        self._take(story)
        self.save()

    def finish(self, story: Story | None = None) -> None:
        """Mark the session finished (after the ending, or the quiz after it)."""
        self._take(story)
        self.finished = self._clock()
        self.save()

    def _take(self, story: Story | None) -> None:
        """Checks, score and ending from the record's own decisions (the first call on a
        claim counts, whatever was loaded since) and the story's current place."""
        self.checks = list(dict.fromkeys(d["check"] for d in self.decisions if d["check"]))
        if story is None:
            return
        if story.is_over and story.ending is not None:
            self.ending = {"scene": story.scene.id, "title": story.ending.title,
                           "kind": story.ending.kind}
        scenario = story.scenario  # a decision on content since changed is left out
        known = [d for d in self.decisions if d["scene"] in scenario.scenes
                 and (not d["claim"] or d["claim"] in scenario.claims)]
        state = _record_state(story.state, [_step_from(d) for d in known], self.checks)
        result = score(story.scenario, state)
        d = result.detection
        self.score = {
            "points": result.points, "max_points": result.max_points,
            "hits": d.hits, "misses": d.misses, "false_alarms": d.false_alarms,
            "correct_rejections": d.correct_rejections,
            "d_prime": round(d.d_prime, 4), "criterion": round(d.criterion, 4),
            "checks_done": result.checks_done, "time_verifying": result.time_verifying,
            # format 2's graded score (the decisions' grades are in "claims")
            "percent": result.percent, "best": result.count(Grade.BEST),
            "defensible": result.count(Grade.DEFENSIBLE), "errors": result.count(Grade.ERROR),
        }

    # --- the file -----------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The results file's content (see results.schema.json)."""
        scenario = self.scenario
        called = dict.fromkeys(d["claim"] for d in self.decisions if d["claim"])
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
                              "judgement": c.judgement,
                              "grades": {call.value: g.grade.value for call, g in c.grades.items()}}
                       for c in claims.values()},
            "sources": {s: scenario.sources[s].name
                        for s in dict.fromkeys(c.source for c in claims.values())
                        if s in scenario.sources},
        }

    def save(self) -> bool:
        """Write the file now: True when it reached the results folder.

        When it did not (``write_error`` says why), it is kept in ``local_dir`` if there
        is one (``kept_locally``), and the next save tries the folder again unless the
        folder refused it for good (``refused``).
        """
        self.writes += 1
        self.updated = self._clock()
        data = self.to_json()
        self.delivered = False
        if self._write_to_folder(data):
            self._folder_known = True
            self.write_error = None
            self.failed_writes = 0
            if self.kept_locally and self.local_path is not None:
                with contextlib.suppress(OSError):
                    self.local_path.unlink()
                self.kept_locally = False
                self.delivered = True
            return True
        self.failed_writes += 1
        if self.local_path is not None:
            try:
                write_session(self.local_path, data)
            except OSError:
                pass
            else:
                self.kept_locally = True
        return False

    def _write_to_folder(self, data: dict[str, Any]) -> bool:
        if self.refused:
            return False
        if self._folder_known and not self.results_dir.is_dir():
            # gone since it was written to (an unmounted share): never create it again
            self.write_error = tr("classroom.folder_gone", "{folder}: the folder is not there",
                                  folder=str(self.results_dir))
            return False
        # pauses only while the folder has not failed yet (see storage.write_json_retrying)
        attempts = WRITE_ATTEMPTS if self.failed_writes == 0 else 1
        error = write_json_retrying(self.path, data, attempts)
        if error is None:
            return True
        self.write_error = f"{self.path}: {error.strerror or error}"
        if not isinstance(error, PermissionError) and error.errno not in _REFUSED:
            return False  # not there or full: the next save tries again
        self.refused = True
        return False

    @classmethod
    def reopen(cls, path: str | Path, scenario: Scenario, *,
               local_dir: str | Path | None = None) -> ClassroomSession:
        """Carry on a session from its results file (a game resumed next lesson).

        With ``local_dir``, a newer copy kept there (the folder was away) is read instead.
        Raises ValueError if neither is a session of this format.
        """
        path = Path(path)
        local = Path(local_dir) / path.name if local_dir is not None else None
        found: list[tuple[dict[str, Any], bool]] = []
        problems: list[str] = []
        for candidate, is_local in ((path, False), (local, True)):
            if candidate is None:
                continue
            try:
                found.append((read_session(candidate), is_local))
            except FileNotFoundError:
                continue
            except (OSError, SkippedFile) as exc:
                problems.append(str(exc))
        if not found:
            raise ValueError(problems[0] if problems else f"{path.name}: no such results file")
        data, is_local = max(found, key=lambda f: (int(f[0]["writes"]), f[1]))
        session = cls.__new__(cls)
        session.scenario = scenario
        session.results_dir = path.parent
        session.local_dir = Path(local_dir) if local_dir is not None else None
        session.class_code = str(data["class"])
        session.nickname = data["nickname"]
        session._clock = _now
        session.id = str(data["id"])
        session.started = str(data["started"])
        session.updated = str(data["updated"])
        session.finished = data["finished"]
        session.writes = int(data["writes"])
        session.quiz = {phase: answers_from(data["quiz"][phase]) for phase in PHASES}
        session.decisions = list(data["decisions"])
        session.checks = list(data["checks"])
        session.ending = data["ending"]
        session.score = data["score"]
        session._reset_writing(folder_known=True)
        session.kept_locally = is_local
        if session.path != path:
            raise ValueError(f"{path.name}: the file name does not match its class and id")
        return session


def _record_state(state: State, steps: list[Step], checks: list[str]) -> State:
    """The story's state with the record's decisions as its history (for scoring)."""
    values = dict(state.vars)
    for check in checks:
        values[f"checked.{check}"] = True
    return dataclasses.replace(state, vars=values, history=steps)


def elapsed_since(start: float) -> float:
    """Seconds since a ``time.monotonic()`` reading: for timing a quiz item."""
    return max(time.monotonic() - start, 0.0)
