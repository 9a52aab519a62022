"""``deconfliction-line play --text``: the whole game in a terminal, over the same desk session.

A plain presenter: it prints the desk (day, deadline, time left), the scene's
paragraphs, the source cards and claims on the desk, and numbered choices; it reads
a number from standard input. Choices are numbered in file order, as the window numbers
them; an unavailable one keeps its number, shows its reason and cannot be picked. At an
ending it prints the debrief and the score in words. Colour and bold are used only when
the output is a terminal (and ``NO_COLOR`` is unset).

With ``--class CODE`` it is the full classroom route, as in the window and for
screen-reader users: an optional nickname, the quiz before, the game, the quiz after,
the debrief, the results file written throughout, and the game continued next lesson
(run the same command again). Every rule of it is the desk's (:mod:`game.desk`); this
module only shows and asks.
"""

from __future__ import annotations

import os
import random
import sys
import textwrap
import time
from pathlib import Path
from typing import TextIO

from game.classroom.quiz import HIGHEST_RATING, LOWEST_RATING
from game.cli import invoked_as
from game.desk import Classroom, Desk, ResumeError, Stage, autosave_of, load_to_play
from game.engine.debrief import debrief
from game.engine.model import Scenario
from game.engine.scoring import score
from game.engine.story import Option, Story
from game.i18n import tr
from game.saves import DamagedSave
from game.wording import debrief_summary, feedback_text, review, score_lines

WIDTH = 78
QUIT_WORDS = ("q", "quit", "exit")


class _Printer:
    """Wrapped, optionally bold, lines to one stream."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        isatty = getattr(out, "isatty", None)
        self.styled = bool(isatty and isatty()) and "NO_COLOR" not in os.environ

    def line(self, text: str = "", indent: str = "") -> None:
        if not text:
            print(file=self.out)
            return
        for paragraph in text.split("\n"):
            print(textwrap.fill(paragraph, WIDTH, initial_indent=indent, subsequent_indent=indent)
                  or indent, file=self.out)

    def heading(self, text: str) -> None:
        shown = f"\033[1m{text}\033[0m" if self.styled else text
        print(shown, file=self.out)

    def quiet(self, text: str, indent: str = "") -> None:
        if self.styled:
            print(f"\033[2m{textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)}"
                  "\033[0m", file=self.out)
        else:
            self.line(text, indent)


def show_scene(story: Story, printer: _Printer) -> None:
    """The desk header, the text, and the cards on the desk."""
    scene = story.scene
    printer.line()
    header = [part for part in (scene.day, tr("terminal.deadline", "deadline {time}",
                                                time=scene.deadline) if scene.deadline else "",
                                tr("terminal.time_left", "{hours} h left", hours=story.time)) if part]
    printer.quiet(" · ".join(header))
    if scene.title:
        printer.heading(scene.title)
    for paragraph in story.paragraphs():
        printer.line(paragraph.text)
        printer.line()
    for source in story.sources():
        printer.heading(tr("terminal.source", "Source card: {name} ({kind})",
                           name=source.name, kind=source.kind))
        printer.line(tr("terminal.who", "Who is behind it: {text}", text=source.who), "  ")
        printer.line(tr("terminal.access", "What access: {text}", text=source.access), "  ")
        printer.line(tr("terminal.interest", "What they gain: {text}", text=source.interest), "  ")
    for claim in story.claims():
        source_name = story.scenario.sources[claim.source].name
        printer.heading(tr("terminal.claim", "Claim ({source}): {text}",
                           source=source_name, text=claim.text))
        if claim.quote:
            printer.line(f"“{claim.quote}”", "  ")


def show_choices(options: list[Option], printer: _Printer) -> list[Option]:
    """Every option in file order, numbered as the window's number keys are (index + 1);
    an unavailable one keeps its place and number, with its reason. The options that
    can be taken are returned."""
    printer.line()
    for option in options:
        if option.available:
            printer.line(f"{option.index + 1}. {option.text}", "")
        else:
            printer.quiet(tr("terminal.unavailable", "{number}. {text} (unavailable: {reason})",
                             number=option.index + 1, text=option.text, reason=option.reason))
    return [o for o in options if o.available]


def ask(options: list[Option], source: TextIO, printer: _Printer) -> Option | None:
    """The option the player types the number of; None at end of input or on quit."""
    while True:
        print(tr("terminal.prompt", "Your choice (1-{n}, q to quit): ", n=len(options)),
              end="", file=printer.out, flush=True)
        answer = source.readline()
        if not answer:
            printer.line()
            return None
        answer = answer.strip().lower()
        if answer in QUIT_WORDS:
            return None
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            option = options[int(answer) - 1]
            if option.available:
                return option
            printer.line(tr("terminal.unavailable_pick", "Option {number} is unavailable: {reason}",
                            number=answer, reason=option.reason))
            continue
        printer.line(tr("terminal.invalid", "Please type a number from 1 to {n}, or q to quit.",
                        n=len(options)))


def show_debrief(scenario: Scenario, story: Story, printer: _Printer) -> None:
    """Every claim met, the player's call, what later reporting said, and the lessons."""
    report = debrief(scenario, story.state)
    printer.line()
    printer.heading(tr("terminal.debrief", "Debrief"))
    if not report.entries:
        printer.line(tr("terminal.no_claims", "You met no claims on this path."))
    else:
        for line in debrief_summary(report).lines():
            printer.line(line)
        printer.line()
        printer.heading(tr("terminal.review", "Claim by claim"))
    for number, entry in enumerate(report.entries, 1):
        text = review(entry, report)
        printer.line()
        printer.heading(f"{number}. {entry.claim.text}")
        printer.line(tr("terminal.from", "Source: {name}", name=entry.source.name), "   ")
        printer.line(f"{text.call} ({text.grade})" + (f": {text.why}" if text.why else ""),
                     "   ")
        printer.line(tr("terminal.judgement", "What came of it: {outcome}",
                        outcome=text.outcome), "   ")
        if text.disputed:
            printer.line(text.disputed, "   ")
        for later in text.later:
            printer.line(tr("terminal.later", "Later reporting, {report}", report=later), "   ")
        for technique in text.techniques:
            printer.line(technique, "   ")
    if report.checks:
        printer.line()
        printer.heading(tr("terminal.checks", "Checks you made"))
        for check in report.checks:
            printer.line(f"- {check.title}: {check.finding}")


def read_line(source: TextIO, printer: _Printer, prompt: str) -> str | None:
    """One line typed (stripped); None at end of input."""
    print(prompt, end="", file=printer.out, flush=True)
    answer = source.readline()
    if not answer:
        printer.line()
        return None
    return answer.strip()


def show_notices(desk: Desk, printer: _Printer) -> None:
    for notice in desk.take_notices():
        printer.line()
        if notice.warning:
            printer.heading(tr("terminal.warning", "Note: {text}", text=notice.text))
        else:
            printer.line(notice.text)


def ask_nickname(desk: Desk, source: TextIO, printer: _Printer) -> bool:
    """The optional nickname; False when the player leaves instead."""
    assert desk.classroom is not None
    printer.line()
    printer.heading(tr("nickname.class", "Classroom session {code}", code=desk.classroom.code))
    printer.line(tr("nickname.why", "Type a nickname if you like: it appears in your teacher's "
                    "report. Leave it empty to stay anonymous. Nothing else about you is kept."))
    answer = read_line(source, printer, tr("terminal.nickname", "Your nickname (Enter for "
                                           "none, q to quit): "))
    if answer is None or answer.lower() in QUIT_WORDS:
        return False
    desk.begin(answer or None)
    return True


def ask_quiz(desk: Desk, phase: str, source: TextIO, printer: _Printer) -> bool:
    """Every headline of the phase not rated yet, then a word on the result; False on quit."""
    items = desk.quiz_items(phase)
    printer.line()
    printer.heading(tr("quiz.before", "Before you start: how reliable is this?")
                    if phase == "before" else
                    tr("quiz.after", "After the desk: how reliable is this?"))
    printer.line(tr("terminal.quiz_scale", "Rate each headline from {low} (not reliable at "
                    "all) to {high} (very reliable); {mid} means you can't tell.",
                    low=LOWEST_RATING, high=HIGHEST_RATING,
                    mid=(LOWEST_RATING + HIGHEST_RATING) // 2))
    for item in desk.pending_quiz(phase):
        printer.line()
        printer.quiet(tr("quiz.progress", "Headline {n} of {total}",
                         n=items.index(item) + 1, total=len(items)))
        printer.heading(item.headline)
        printer.line(tr("quiz.source", "{source} · {date}", source=item.source, date=item.date))
        shown_at = time.monotonic()
        while True:
            answer = read_line(source, printer, tr(
                "terminal.rating", "Your rating ({low}-{high}, q to quit): ",
                low=LOWEST_RATING, high=HIGHEST_RATING))
            if answer is None or answer.lower() in QUIT_WORDS:
                return False
            if answer.isdigit() and LOWEST_RATING <= int(answer) <= HIGHEST_RATING:
                break
            printer.line(tr("terminal.invalid_rating", "Please type a number from {low} to "
                            "{high}, or q to quit.", low=LOWEST_RATING, high=HIGHEST_RATING))
        desk.record_quiz(phase, item.id, int(answer), time.monotonic() - shown_at)
        show_notices(desk, printer)
    printer.line()
    printer.heading(tr("quiz.done", "Thank you: that's all the headlines."))
    if phase == "after":
        for line in desk.quiz_summary("after"):
            printer.line(line)
    else:
        printer.line(tr("terminal.after_game", "You will see how you did after the game, "
                        "with {n} more headlines.", n=len(desk.quiz_items("after"))))
    return True


def play_scene(desk: Desk, source: TextIO, printer: _Printer) -> int | None:
    """Show the scene and take one choice; an exit status when play stops here."""
    story = desk.story
    show_scene(story, printer)
    options = story.choices()
    if not show_choices(options, printer):
        printer.line(tr("terminal.stuck", "Nothing can be chosen here: the story is stuck "
                         "(run '{prog} check' on it).", prog=invoked_as()))
        return 1
    option = ask(options, source, printer)
    if option is None:
        return 0
    feedback = desk.choose(option.index)
    show_notices(desk, printer)
    if feedback is not None:
        printer.line()
        printer.line(feedback_text(feedback, tell_grade=True))
    choice = option.choice
    if choice is not None and choice.verify is not None:
        check = desk.scenario.checks[choice.verify]
        printer.line()
        printer.heading(tr("terminal.finding", "Finding: {title}", title=check.title))
        printer.line(check.finding, "  ")
    return None


def show_ending(desk: Desk, printer: _Printer) -> None:
    scenario, story = desk.scenario, desk.story
    show_scene(story, printer)
    ending = story.ending
    if ending is not None:
        printer.line()
        printer.heading(tr("terminal.ending", "The end: {title}", title=ending.title))
    show_debrief(scenario, story, printer)
    printer.line()
    printer.heading(tr("terminal.score", "Score"))
    claims = [scenario.claims[c] for c in story.state.met]
    for line in score_lines(score(scenario, story.state), claims):
        printer.line(line)


def play_desk(desk: Desk, source: TextIO, out: TextIO) -> int:
    """Play a desk from where it is to the debrief; 0 at the end or when the player leaves."""
    printer = _Printer(out)
    printer.heading(desk.scenario.title)
    printer.line(desk.scenario.premise)
    show_notices(desk, printer)
    while True:
        stage = desk.stage
        if stage is Stage.DEBRIEF:
            show_ending(desk, printer)
            return 0
        if stage is Stage.NICKNAME:
            going = ask_nickname(desk, source, printer)
        elif stage in (Stage.QUIZ_BEFORE, Stage.QUIZ_AFTER):
            going = ask_quiz(desk, "before" if stage is Stage.QUIZ_BEFORE else "after",
                             source, printer)
        else:
            status = play_scene(desk, source, printer)
            if status is not None and status != 0:
                return status
            going = status is None
        show_notices(desk, printer)
        if not going:
            if desk.record is not None and desk.data is not None:
                printer.line(tr("terminal.bye_class", "Leaving the desk. Your game is saved: "
                                "run the same command again to continue."))
            else:
                printer.line(tr("terminal.bye", "Leaving the desk. Goodbye."))
            return 0


def play(scenario: Scenario, seed: int, source: TextIO, out: TextIO) -> int:
    """Play one game on a loaded scenario, keeping nothing; 0 at an ending or on leaving."""
    return play_desk(Desk.new(scenario, None, seed=seed), source, out)


def open_desk(scenario: Scenario, seed: int, data: Path | None, classroom: Classroom | None,
              source: TextIO, out: TextIO) -> Desk:
    """In class, offer to continue the saved game first; otherwise a new desk."""
    printer = _Printer(out)
    if classroom is not None and data is not None:
        try:
            saved = autosave_of(data, scenario.id)
        except DamagedSave as exc:
            printer.line(str(exc))
            saved = None
        if saved is not None and not saved.ended and saved.classroom:
            answer = read_line(source, printer, tr(
                "terminal.continue", "A game is saved ({scene}, {day}). Continue it? "
                "(y/n): ", scene=saved.scene_title, day=saved.day))
            if answer is not None and answer.lower() in ("y", "yes", ""):
                try:
                    return Desk.resume(scenario, data, classroom=classroom)
                except ResumeError as exc:
                    printer.line(str(exc))
    return Desk.new(scenario, data, seed=seed, classroom=classroom)


def run(scenes: str, seed: int | None = None, source: TextIO | None = None,
        out: TextIO | None = None, *, data: Path | None = None,
        classroom: Classroom | None = None) -> int:
    """Load ``scenes`` and play it in the terminal; 1 if it does not load.

    With ``classroom`` it is the classroom route, keeping its saves in ``data``.
    """
    out = out or sys.stdout
    scenario = load_to_play(scenes, sys.stderr)
    if scenario is None:
        return 1
    chosen_seed = seed if seed is not None else random.randrange(1 << 32)
    source = source or sys.stdin
    try:
        desk = open_desk(scenario, chosen_seed, data, classroom, source, out)
        return play_desk(desk, source, out)
    except KeyboardInterrupt:
        print(file=out)
        return 130
