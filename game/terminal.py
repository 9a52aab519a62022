"""``python -m game play --text``: the whole game in a terminal, over the same engine.

A plain presenter: it prints the desk (day, deadline, time left), the scene's
paragraphs, the source cards and claims on the desk, and numbered choices; it reads
a number from standard input. Choices are numbered in file order, as the window numbers
them; an unavailable one keeps its number, shows its reason and cannot be picked. At an
ending it prints the debrief and the score in words. Colour and bold are used only when
the output is a terminal (and ``NO_COLOR`` is unset).
"""

from __future__ import annotations

import os
import random
import sys
import textwrap
from typing import TextIO

from game.engine.debrief import call_label, debrief, judgement_label
from game.engine.loader import load
from game.engine.model import Scenario
from game.engine.scoring import score
from game.engine.story import Option, Story
from game.i18n import tr
from game.wording import score_lines

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
    for number, entry in enumerate(report.entries, 1):
        printer.line()
        printer.heading(f"{number}. {entry.claim.text}")
        printer.line(tr("terminal.from", "Source: {name}", name=entry.source.name), "   ")
        call = call_label(entry.call)
        if entry.revised is not None:
            call += tr("terminal.revised", " (later changed: {call})",
                       call=call_label(entry.revised).lower())
        printer.line(tr("terminal.your_call", "Your call: {call}", call=call), "   ")
        printer.line(tr("terminal.judgement", "What came of it: {label}. {note}",
                        label=judgement_label(entry.claim.judgement), note=entry.claim.note), "   ")
        for later in entry.reports:
            printer.line(tr("terminal.later", "Later reporting, {outlet}, {date}: {text}",
                            outlet=later.outlet, date=later.date, text=later.text), "   ")
        for lesson in entry.lessons:
            printer.line(tr("terminal.lesson", "Lesson: {title}. {technique}",
                            title=lesson.title, technique=lesson.technique), "   ")
    if report.checks:
        printer.line()
        printer.heading(tr("terminal.checks", "Checks you made"))
        for check in report.checks:
            printer.line(f"- {check.title}: {check.finding}")


def play(scenario: Scenario, seed: int, source: TextIO, out: TextIO) -> int:
    """Play one game on a loaded scenario; 0 at an ending or when the player leaves."""
    printer = _Printer(out)
    story = Story(scenario, seed=seed)
    printer.heading(scenario.title)
    printer.line(scenario.premise)
    while not story.is_over:
        show_scene(story, printer)
        options = story.choices()
        numbered = show_choices(options, printer)
        if not numbered:
            printer.line(tr("terminal.stuck", "Nothing can be chosen here: the story is stuck "
                             "(run 'python -m game check' on it)."))
            return 1
        option = ask(options, source, printer)
        if option is None:
            printer.line(tr("terminal.bye", "Leaving the desk. Goodbye."))
            return 0
        story.choose(option.index)
        choice = option.choice
        if choice is not None and choice.verify is not None:
            check = scenario.checks[choice.verify]
            printer.line()
            printer.heading(tr("terminal.finding", "Finding: {title}", title=check.title))
            printer.line(check.finding, "  ")
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
    return 0


def run(scenes: str, seed: int | None = None, source: TextIO | None = None,
        out: TextIO | None = None) -> int:
    """Load ``scenes`` and play it in the terminal; 1 if it does not load."""
    out = out or sys.stdout
    result = load(scenes)
    if result.scenario is None or result.errors:
        for diagnostic in result.diagnostics:
            print(diagnostic, file=sys.stderr)
        print(tr("terminal.not_loaded", "{path}: cannot play: fix the errors above first",
                 path=scenes), file=sys.stderr)
        return 1
    chosen_seed = seed if seed is not None else random.randrange(1 << 32)
    try:
        return play(result.scenario, chosen_seed, source or sys.stdin, out)
    except KeyboardInterrupt:
        print(file=out)
        return 130
