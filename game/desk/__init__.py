"""The desk session: one player's game, below every presenter (window, terminal, browser).

A desk owns the story, the text read so far, undo, the autosave and saves, and in class
the results file with its rules; presenters only show and ask. Nothing here imports
pygame or ``game.ui``, and nothing is global: a server can hold one desk per student,
each with its own data folder, and rebuild any of them from its files.

    desk = Desk.new(scenario, data, seed=7)                       # or, in class:
    desk = Desk.new(scenario, data, classroom=Classroom("7B", Path("//server/results")))
    desk = Desk.resume(scenario, data, "autosave", classroom=...)  # ResumeError says why not

    desk.stage             # Stage.NICKNAME / QUIZ_BEFORE / PLAY / QUIZ_AFTER / DEBRIEF
    desk.begin("Sam")      # NICKNAME: the results file begins (the nickname may be None)
    desk.pending_quiz("before")                           # QUIZ_*: the headlines still to rate
    desk.record_quiz("before", item.id, rating, seconds)  # written at once
    desk.story, desk.transcript                           # PLAY: what to show
    feedback = desk.choose(option.index)  # results file and autosave written before it returns
    desk.undo(), desk.can_undo            # never in class
    desk.save("slot1"), desk.autosave()   # saves are kept per story
    for notice in desk.take_notices(): show(notice.text, notice.warning)

:func:`saved_games` and :func:`autosave_of` list a story's saves without a desk.

Classroom rules, each kept here once:

- The nickname comes first, then the quiz before (unless ``Classroom.quiz`` is off or
  the game has already begun), the game, the quiz after, and the debrief. The stage
  is worked out from the results file and the story, so a resumed desk is where it was.
- Every decision is written to the results file, atomically, before :meth:`Desk.choose`
  returns; so is every rating. Decisions are only ever added: loading an earlier save and
  choosing again adds the new call after the old one, and the first call on each claim is
  the one that counts, whatever is loaded later.
- Undo is off. The results file is finished when nothing is left to ask.
- A save made in class names its results file by class and session id. Resuming carries
  that file on only when the id inside it matches; otherwise a new file begins (after a
  nickname). One student's game is never written into another's file.
- If the results folder disappears mid-lesson, it is never recreated: the file is kept
  in ``<data>/results-kept`` and written to the folder when it is back; a folder that
  refuses writes is tried once. The player is told (:meth:`Desk.take_notices`) what
  happened and how to hand the file in.
"""

from game.desk.desk import (
    Classroom,
    Desk,
    Notice,
    ResumeError,
    Stage,
    autosave_of,
    saved_games,
)
from game.desk.loading import load_to_play
from game.desk.session import UNDO_LIMIT, Session

__all__ = [
    "UNDO_LIMIT",
    "Classroom",
    "Desk",
    "Notice",
    "ResumeError",
    "Session",
    "Stage",
    "autosave_of",
    "load_to_play",
    "saved_games",
]
