"""The desk session: one player's game and everything kept about it, for any presenter.

See the package docstring (:mod:`game.desk`) for the API and the classroom rules.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from game.classroom.quiz import PHASES, change_in_words, detection, in_words, is_measurable
from game.classroom.session import ClassroomSession, clean_class_code, file_stem
from game.desk.folders import adopt_old_saves, kept_results_folder, story_folder
from game.desk.session import Session
from game.engine.model import QuizItem, Scenario
from game.engine.state import RestoreError
from game.engine.story import ChoiceError, Feedback, Story
from game.i18n import tr
from game.saves import (
    AUTOSAVE,
    DamagedSave,
    SaveData,
    SaveInfo,
    list_saves,
    read_save,
    set_save_aside,
    write_save,
)


class Stage(str, Enum):
    """Where the player is; a presenter shows the screen for it and asks what it needs."""

    NICKNAME = "nickname"  # classroom: an optional nickname, then :meth:`Desk.begin`
    QUIZ_BEFORE = "quiz_before"  # classroom: headlines to rate, :meth:`Desk.record_quiz`
    PLAY = "play"  # the desk itself: :meth:`Desk.choose`
    QUIZ_AFTER = "quiz_after"  # classroom: the same quiz again, after the ending
    DEBRIEF = "debrief"  # the ending, the score and the debrief: nothing left to ask


@dataclass(frozen=True)
class Classroom:
    """How a class plays (``--class``, ``--results``, ``--no-quiz``)."""

    code: str
    results: Path | None = None  # None: ``results`` in the data folder
    quiz: bool = True

    def results_folder(self, data: Path | None) -> Path:
        if self.results is not None:
            return self.results
        if data is None:
            raise ValueError("a classroom desk with no data folder needs a results folder")
        return data / "results"


@dataclass(frozen=True)
class Notice:
    """Something the presenter should tell the player, once (a toast, a printed line)."""

    text: str
    warning: bool = False


class ResumeError(Exception):
    """A save that cannot be continued; the message says why, in the player's words.

    ``set_aside`` is True when the save was damaged and has been moved out of the way
    (a presenter listing saves should look again).
    """

    def __init__(self, message: str, set_aside: bool = False) -> None:
        super().__init__(message)
        self.set_aside = set_aside


class Desk:
    """One player's desk: the game, its saves and, in class, its results file."""

    def __init__(self, scenario: Scenario, session: Session, data: Path | None,
                 classroom: Classroom | None, record: ClassroomSession | None) -> None:
        self.scenario = scenario
        self.session = session
        self.data = data
        self.classroom = classroom
        self.record = record
        self.last_autosave: SaveInfo | None = None  # what the title's "Continue" offers
        self._notices: list[Notice] = []
        self._saving_failed = False

    # --- starting -----------------------------------------------------------------------

    @classmethod
    def new(cls, scenario: Scenario, data: Path | None, *, seed: int | None = None,
            classroom: Classroom | None = None) -> Desk:
        """A new game. In class it starts at :attr:`Stage.NICKNAME` with no results file
        yet; otherwise at :attr:`Stage.PLAY`, autosaved at once."""
        chosen = seed if seed is not None else random.randrange(1 << 31)
        session = Session.new(scenario, chosen, classroom=classroom is not None)
        desk = cls(scenario, session, data, classroom, None)
        if classroom is None:
            desk.autosave()
        return desk

    @classmethod
    def resume(cls, scenario: Scenario, data: Path, slot: str = AUTOSAVE, *,
               classroom: Classroom | None = None) -> Desk:
        """The game saved in ``slot`` of this story, exactly; :class:`ResumeError` says why not.

        In class the save names its results file (class and session id); that file is
        carried on only when the id inside it is the same. Otherwise (no file, another
        session's file, a save from outside class, or a finished session's file with the
        game not over) the game goes on with no results file
        and the desk asks for a nickname again (:attr:`Stage.NICKNAME`) to start a new one:
        one student's game is never written into another's file.
        """
        folder = story_folder(data, scenario.id)
        adopt_old_saves(data, scenario.id)
        try:
            save = read_save(folder, slot)
        except DamagedSave as exc:
            raise ResumeError(str(exc), set_aside=True) from None
        if save is None:
            raise ResumeError(tr("saves.empty_slot", "There is no saved game there."))
        try:
            session = Session.from_save(scenario, save)
        except RestoreError as exc:
            if save.info.scenario != scenario.id:
                raise ResumeError(tr("saves.other_story", "That save is from another story: "
                                     "{why}.", why=exc)) from None
            raise ResumeError(tr("saves.cannot_restore", "That save cannot be continued with "
                                 "this version of the story: {why}.", why=exc)) from None
        except (KeyError, ValueError, TypeError) as exc:  # a damaged snapshot inside good JSON
            raise ResumeError(str(set_save_aside(folder, slot, tr(
                "saves.bad_snapshot", "is damaged ({error})", error=exc))),
                set_aside=True) from None
        session.classroom = classroom is not None
        desk = cls(scenario, session, data, classroom, None)
        if session.story.restored_across_versions:
            desk._notify(tr("saves.across", "The story has changed since this save; "
                            "it was restored where it still fits."))
        if classroom is not None:
            desk.record = desk._reopen(save.record)
            desk._settle()
        if slot != AUTOSAVE:
            desk.autosave()  # Continue then goes on from here
        else:
            desk.last_autosave = save.info
        return desk

    def _reopen(self, link: dict[str, str] | None) -> ClassroomSession | None:
        """The results file the save names, when its id matches; else None (a new one)."""
        assert self.classroom is not None
        if link is None or clean_class_code(self.classroom.code) != link.get("class"):
            return None
        session_id = link.get("id", "")
        if not (len(session_id) == 12 and all(c in "0123456789abcdef" for c in session_id)):
            return None
        name = f"{file_stem(link['class'])}-{session_id}.json"
        path = self.classroom.results_folder(self.data) / name
        try:
            record = ClassroomSession.reopen(path, self.scenario, local_dir=self._kept())
        except ValueError:
            self._notify(tr("desk.record_lost", "The results file of this game was not found, "
                            "so a new one starts now."), warning=True)
            return None
        if record.id != session_id:
            return None
        if record.finished is not None and not self.session.story.is_over:
            return None  # a finished record stays as it is; more play starts a new one
        if record.kept_locally:
            record.save()  # the folder may be back: deliver what waited here
            self._report_record()
        return record

    # --- where the player is ------------------------------------------------------------

    @property
    def story(self) -> Story:
        return self.session.story

    @property
    def transcript(self) -> list[dict[str, str]]:
        return self.session.transcript

    @property
    def can_undo(self) -> bool:
        return self.session.can_undo

    @property
    def stage(self) -> Stage:
        if self.classroom is None:
            return Stage.DEBRIEF if self.session.story.is_over else Stage.PLAY
        if self.record is None:
            return Stage.NICKNAME
        if self._quiz_open("before"):
            return Stage.QUIZ_BEFORE
        if not self.session.story.is_over:
            return Stage.PLAY
        if self._quiz_open("after"):
            return Stage.QUIZ_AFTER
        return Stage.DEBRIEF

    def _quiz_open(self, phase: str) -> bool:
        record = self.record
        if record is None or self.classroom is None or not self.classroom.quiz:
            return False
        if record.finished is not None:
            return False
        if phase == "before" and (record.decisions or self.session.story.state.history):
            return False  # the game has begun: a quiz "before" it would measure nothing
        return bool(self.pending_quiz(phase))

    # --- the classroom ------------------------------------------------------------------

    def begin(self, nickname: str | None = None) -> None:
        """Classroom: start the results file (with the nickname, if any), then autosave."""
        if self.classroom is None:
            raise ValueError("begin() is for a classroom desk")
        if self.record is not None:
            raise ValueError("this desk's results file has already begun")
        self.record = ClassroomSession(self.classroom.code,
                                       self.classroom.results_folder(self.data),
                                       self.scenario, nickname, local_dir=self._kept())
        self._report_record()
        self._settle()
        self.autosave()

    def quiz_items(self, phase: str) -> list[QuizItem]:
        """The phase's headlines in this session's own order ([] without a results file)."""
        if self.record is None or phase not in PHASES:
            return []
        return self.record.quiz_items(phase)

    def pending_quiz(self, phase: str) -> list[QuizItem]:
        """The phase's headlines not rated yet, in order."""
        if self.record is None:
            return []
        answered = {a.item for a in self.record.quiz[phase]}
        return [item for item in self.quiz_items(phase) if item.id not in answered]

    def quiz_summary(self, phase: str) -> list[str]:
        """What the phase's ratings say, in words; after the game, with the change since
        the quiz before when both can be measured."""
        if self.record is None:
            return []
        now = detection(self.record.quiz[phase])
        lines = in_words(now)
        before = detection(self.record.quiz["before"])
        if phase == "after" and is_measurable(before) and is_measurable(now):
            lines.append(change_in_words(before, now))
        return lines

    def record_quiz(self, phase: str, item_id: str, rating: int, seconds: float) -> None:
        """Keep one rating (1-7), written at once; ValueError for a rating not asked for."""
        if self.record is None:
            raise ValueError("no results file yet: begin() first")
        wanted = {Stage.QUIZ_BEFORE: "before", Stage.QUIZ_AFTER: "after"}.get(self.stage)
        if wanted != phase:
            raise ValueError(f"the {phase!r} quiz is not open now")
        self.record.record_quiz(phase, item_id, rating, seconds)
        self._report_record()
        self._settle()

    # --- playing ------------------------------------------------------------------------

    def choose(self, index: int) -> Feedback | None:
        """Make the choice at ``index`` of ``story.choices()``; ChoiceError if not on offer.

        Before this returns, the results file (in class) and the autosave are written.
        Returns the story's feedback on the call (``Story.feedback()``), or None.
        """
        if self.stage is not Stage.PLAY:
            raise ChoiceError(f"nothing to choose at the {self.stage.value} stage")
        self.session.choose(index)
        if self.record is not None and self.record.finished is None:
            self.record.record_decision(self.session.story.state.history[-1],
                                        self.session.story)
            self._report_record()
            self._settle()
        self.autosave()
        return self.feedback()

    def feedback(self) -> Feedback | None:
        """The response to the most recent call (None when it was not a call); it survives
        save and resume, being worked out from the story's history."""
        return self.session.story.feedback()

    def undo(self) -> bool:
        """Back to just before the last choice (never in class); False if there is none."""
        if not self.session.undo():
            return False
        self.autosave()
        return True

    def _settle(self) -> None:
        """Finish the results file once nothing is left to ask (ending, and quiz after)."""
        record = self.record
        if (record is not None and record.finished is None and self.session.story.is_over
                and not self._quiz_open("after")):
            record.finish(self.session.story)
            self._report_record()

    # --- saving -------------------------------------------------------------------------

    @property
    def saves_folder(self) -> Path | None:
        """This story's save folder (None for a desk that keeps no saves)."""
        return story_folder(self.data, self.scenario.id) if self.data is not None else None

    def save(self, slot: str) -> SaveInfo:
        """Save to ``slot`` (or the autosave); OSError if it cannot be written."""
        folder = self.saves_folder
        if folder is None:
            raise OSError("this desk keeps no saves")
        save = self.session.to_save(slot)
        if self.record is not None:
            save.record = {"class": self.record.class_code, "id": self.record.id}
        write_save(folder, slot, save)
        if slot == AUTOSAVE:
            self.last_autosave = save.info
        return save.info

    def autosave(self) -> bool:
        """Save to the autosave; a failure is a notice (once until it works again)."""
        if self.data is None:
            return False
        if self.classroom is not None and self.record is None:
            return False  # nothing to continue before the results file begins
        try:
            self.save(AUTOSAVE)
        except OSError as exc:
            if not self._saving_failed:
                self._notify(tr("saves.not_saved", "The game could not be saved: {error}",
                                error=exc.strerror or exc), warning=True)
            self._saving_failed = True
            return False
        self._saving_failed = False
        return True

    # --- telling the player -------------------------------------------------------------

    def take_notices(self) -> list[Notice]:
        """What the player should be told since the last call (each notice once)."""
        notices, self._notices = self._notices, []
        return notices

    def _notify(self, text: str, warning: bool = False) -> None:
        self._notices.append(Notice(text, warning))

    def _report_record(self) -> None:
        record = self.record
        if record is None:
            return
        if record.delivered:
            self._notify(tr("classroom.delivered", "Your results have now been written to "
                            "{folder}.", folder=str(record.results_dir)))
        if record.failed_writes != 1:
            return  # tell once when writing stops working, not at every decision
        folder = str(record.results_dir)
        local = record.local_path if record.kept_locally else None
        if local is None:
            self._notify(tr("classroom.not_written", "Your results could not be written to "
                            "{folder}; the game will keep trying. Tell your teacher.",
                            folder=folder), warning=True)
        elif record.refused:
            self._notify(tr("classroom.refused", "Your results cannot be written to {folder}, "
                            "so they are kept on this computer as {file}. Tell your teacher, "
                            "and hand that file in at the end of the lesson.",
                            folder=folder, file=str(local)), warning=True)
        else:
            self._notify(tr("classroom.kept_here", "Your results could not be written to "
                            "{folder}, so they are kept on this computer for now ({file}); the "
                            "game writes them there as soon as it can. If the lesson ends "
                            "first, hand that file to your teacher.",
                            folder=folder, file=str(local)), warning=True)

    def _kept(self) -> Path | None:
        return kept_results_folder(self.data) if self.data is not None else None


def saved_games(data: Path, scenario_id: str) -> tuple[dict[str, SaveInfo | None],
                                                       list[DamagedSave]]:
    """This story's autosave and slots (``game.saves.list_saves`` over its own folder)."""
    problems = adopt_old_saves(data, scenario_id)
    found, damaged = list_saves(story_folder(data, scenario_id))
    return found, problems + damaged


def autosave_of(data: Path, scenario_id: str) -> SaveInfo | None:
    """What "Continue" would resume for this story; DamagedSave if the autosave is unusable."""
    for problem in adopt_old_saves(data, scenario_id):
        if problem.slot == AUTOSAVE:
            raise problem
    save: SaveData | None = read_save(story_folder(data, scenario_id), AUTOSAVE)
    return save.info if save is not None else None
