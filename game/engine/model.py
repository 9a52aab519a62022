"""The content of a scenario, as immutable data: sources, claims, scenes, choices.

Built by :mod:`game.engine.loader` from YAML; read by the story, the checker and the
presenters. Nothing here changes during play: play state lives in
:mod:`game.engine.state`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

from game.engine.expressions import Effect, Expr


class Call(str, Enum):
    """What the desk does with a claim."""

    FACT = "fact"  # run it as established fact
    ATTRIBUTED = "attributed"  # run it as "X says ..."
    HOLD = "hold"  # keep it out for now, pending more
    REJECT = "reject"  # do not run it

    @property
    def runs(self) -> bool:
        """Whether this call puts the claim in front of readers (a "trust" response)."""
        return self in (Call.FACT, Call.ATTRIBUTED)


class Grade(str, Enum):
    """How a call on a claim is judged, against what the desk could know that night."""

    BEST = "best"  # the call a careful desk makes
    DEFENSIBLE = "defensible"  # a fair call, not the best
    ERROR = "error"  # misleads readers, or keeps true news from them


@dataclass(frozen=True)
class Grading:
    """One call's grade on one claim, why, and the response shown right after the call."""

    grade: Grade
    why: str
    response: str


# Said after a call on a first-edition claim, which has no responses of its own: they
# name only the grade, so they give away nothing of later reporting.
DERIVED_RESPONSES = {
    Grade.BEST: "The chief sub reads the line twice and nods: that is how a careful desk "
                "handles it.",
    Grade.DEFENSIBLE: "The chief sub lets it stand, though there was a better way to handle "
                      "it.",
    Grade.ERROR: "The chief sub frowns: that call will be hard to defend in the morning.",
}


def derive_grades(holds_up: bool, best: tuple[Call, ...], acceptable: tuple[Call, ...],
                  why: str) -> dict[Call, Grading]:
    """A first-edition (format 1) claim's grades, from ``holds_up``, ``best`` and ``acceptable``.

    best calls are best and acceptable ones defensible. Of the rest, running it as fact,
    keeping out a claim that held up and running one that did not are errors (running
    as fact what deserved at most attribution puts an error in print; keeping out what
    held up keeps true news from readers); anything else is defensible.
    """
    grades = {}
    for call in Call:
        if call in best:
            grade = Grade.BEST
        elif call in acceptable:
            grade = Grade.DEFENSIBLE
        elif call is Call.FACT or call.runs != holds_up:
            grade = Grade.ERROR
        else:
            grade = Grade.DEFENSIBLE
        grades[call] = Grading(grade, why, DERIVED_RESPONSES[grade])
    return grades


class Place:
    """Where a piece of content was written: for error messages and UNTESTED lines.

    Content read from the parse cache has no node tree to take lines from; its places
    are found (by parsing that one file again) only when something asks for them, which
    is rare: an error, a warning, an UNTESTED line.
    """

    __slots__ = ("_column", "_find", "_line", "path")

    def __init__(self, path: str, line: int = 0, column: int = 0,
                 find: Callable[[], tuple[int, int]] | None = None) -> None:
        self.path = path
        self._line = line
        self._column = column
        self._find = find

    def _resolve(self) -> None:
        if self._find is not None:
            self._line, self._column = self._find()
            self._find = None

    @property
    def line(self) -> int:
        self._resolve()
        return self._line

    @property
    def column(self) -> int:
        self._resolve()
        return self._column

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def __repr__(self) -> str:
        return f"Place({self.path!r}, {self.line}, {self.column})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Place):
            return NotImplemented
        return (self.path, self.line, self.column) == (other.path, other.line, other.column)

    def __hash__(self) -> int:
        return hash((self.path, self.line, self.column))


@dataclass(frozen=True)
class Lesson:
    """A media-literacy technique the story teaches (named in the debrief)."""

    id: str
    title: str
    technique: str
    place: Place


@dataclass(frozen=True)
class Source:
    """Who a claim comes from, answering the three questions of lateral reading."""

    id: str
    name: str
    kind: str
    who: str
    access: str
    interest: str
    place: Place
    party: str = ""  # which party to the events it belongs to or speaks for; "" for none


@dataclass(frozen=True)
class Report:
    """Later reporting, always attributed and dated; never stated as settled."""

    id: str
    outlet: str
    date: str
    text: str
    place: Place


@dataclass(frozen=True)
class Claim:
    """Something a source says, and how later reporting judged it.

    ``holds_up`` says whether later reporting bore it out. ``grades`` holds every
    call's grade, reason and response; it is always complete (derived from
    ``holds_up``, ``best`` and ``acceptable`` for a first-edition claim, see
    :func:`derive_grades`), and ``best`` and ``acceptable`` always list the calls graded
    best and defensible.
    """

    id: str
    source: str
    text: str
    quote: str | None
    judgement: str
    holds_up: bool
    best: tuple[Call, ...]
    acceptable: tuple[Call, ...]
    later: tuple[str, ...]
    lessons: tuple[str, ...]
    note: str
    place: Place
    grades: dict[Call, Grading] = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self) -> None:
        if set(self.grades) != set(Call):  # a first-edition claim: derive what is missing
            derived = derive_grades(self.holds_up, self.best, self.acceptable, self.note)
            object.__setattr__(self, "grades", {**derived, **self.grades})

    def grade(self, call: Call) -> Grade:
        return self.grades[call].grade

    @property
    def best_calls(self) -> tuple[Call, ...]:
        """The calls graded best, in the order of :class:`Call`."""
        return tuple(c for c in Call if self.grades[c].grade is Grade.BEST)


@dataclass(frozen=True)
class Check:
    """A verification the player can spend time on, and what it reveals."""

    id: str
    title: str
    finding: str
    lessons: tuple[str, ...]
    place: Place
    page: bool = False  # the check is reading the scenario's article: presenters show the page


@dataclass(frozen=True)
class TextBlock:
    """A paragraph of a scene, shown when its condition holds."""

    id: str  # stable id for translation: "<scene>#<n>"
    text: str
    condition: Expr | None
    place: Place


@dataclass(frozen=True)
class Verdict:
    """A choice's decision on a claim."""

    claim: str
    call: Call


@dataclass(frozen=True)
class Choice:
    """One option in a scene. Exactly one of goto, visit, back says where it leads."""

    id: str  # stable within its scene
    text: str
    condition: Expr | None
    unavailable: str | None  # shown with this reason when the condition fails; hidden if None
    cost: int
    once: bool
    effects: tuple[Effect, ...]
    verdict: Verdict | None
    verify: str | None
    goto: str | None
    visit: str | None  # a side trip: the target's "back" choice returns here
    back: bool
    place: Place
    response: str | None = None  # shown after this choice's call instead of the claim's

    @property
    def key(self) -> str:
        return self.id


@dataclass(frozen=True)
class Route:
    """An automatic way on from a scene: the first route whose condition holds is taken."""

    condition: Expr | None
    goto: str
    place: Place


@dataclass(frozen=True)
class Ending:
    """Marks a scene as an ending of the story."""

    title: str
    kind: str


@dataclass(frozen=True)
class Scene:
    id: str
    title: str
    day: str
    deadline: str
    text: tuple[TextBlock, ...]
    sources: tuple[str, ...]
    claims: tuple[str, ...]
    effects: tuple[Effect, ...]
    choices: tuple[Choice, ...]
    routes: tuple[Route, ...]
    ending: Ending | None
    place: Place


@dataclass(frozen=True)
class QuizItem:
    """A headline to rate for reliability (1-7) before or after play."""

    id: str
    phase: str  # "before" | "after"
    headline: str
    source: str
    date: str
    reliable: bool
    explanation: str
    place: Place


@dataclass(frozen=True)
class Scenario:
    """Everything one story is made of, checked and linked."""

    id: str
    title: str
    premise: str
    version: str
    article_path: str
    article_text: str
    start: str
    time: int
    variables: dict[str, bool | int]
    lessons: dict[str, Lesson]
    sources: dict[str, Source]
    reports: dict[str, Report]
    claims: dict[str, Claim]
    checks: dict[str, Check]
    scenes: dict[str, Scene]
    quiz: tuple[QuizItem, ...]
    fingerprint: str
    files: tuple[str, ...] = field(default=())
    variable_places: dict[str, Place] = field(default_factory=dict)  # where each was declared
    format: int = 1  # the content format version it was written in
    disputed_note: str = ""  # said in the debrief beside a claim judged "disputed"

    def scene(self, scene_id: str) -> Scene:
        return self.scenes[scene_id]

    @property
    def endings(self) -> list[Scene]:
        return [s for s in self.scenes.values() if s.ending is not None]

    @cached_property
    def callable_claims(self) -> frozenset[str]:
        """Claims some choice can make a call on (a claim only shown is not scored).

        Worked out once per scenario (cached_property writes the instance's __dict__, which
        a frozen dataclass allows): the score is taken after every decision in a class, and
        scanning every scene each time would make a step cost grow with the story."""
        return frozenset(c.verdict.claim for s in self.scenes.values() for c in s.choices
                         if c.verdict is not None)
