"""The story: a headless state machine over a Scenario, as small as ink's runtime.

    story = Story(scenario, seed=7)
    while not story.is_over:
        show(story.scene, story.paragraphs())
        options = story.choices()           # available and unavailable, with reasons
        story.choose(pick(options).index)   # raises ChoiceError if it is not available
    story.feedback()                        # how the last call lands, if it was one
    data = story.snapshot()                 # plain JSON data
    story.restore(data)                     # exact, or RestoreError saying why not

Presenters (the window, the terminal, test players, the classroom tools) sit on top
and never reach into the scenario's files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from game.engine.expressions import Value
from game.engine.loader import SUBSTITUTION, substitution_parts
from game.engine.model import Call, Choice, Claim, Ending, Grade, Scenario, Scene, Source
from game.engine.state import RestoreError, State, Step
from game.i18n import tr

CONTINUE_ID = "continue"


class ChoiceError(Exception):
    """The presenter asked for a choice that is not on offer."""


@dataclass(frozen=True)
class Paragraph:
    id: str  # stable id for translation: "<scene>#<n>"
    text: str


@dataclass(frozen=True)
class Feedback:
    """How a call lands, said right after it: the claim, the call, its grade, the response."""

    claim: str
    call: Call
    grade: Grade
    text: str


class Option(NamedTuple):
    """A choice as the player sees it now (immutable; a named tuple because random play
    builds millions of them, and a tuple is several times quicker to make)."""

    index: int  # type: ignore[assignment]  # the field deliberately hides tuple.index()
    id: str
    text: str
    available: bool
    reason: str  # why it is unavailable ("" when available)
    cost: int
    choice: Choice | None  # None for the "Continue" of a scene with a route


class _Env:
    """What expressions read: the state's variables, visits and random stream."""

    __slots__ = ("state",)

    def __init__(self, state: State) -> None:
        self.state = state

    def lookup(self, name: str) -> Value:
        return self.state.vars[name]

    def visits_of(self, scene: str) -> int:
        return self.state.visits.get(scene, 0)

    def random(self, n: int) -> int:
        return self.state.next_random(n)


class Story:
    """One play-through of a scenario."""

    def __init__(self, scenario: Scenario, seed: int = 0) -> None:
        self.scenario = scenario
        variables: dict[str, Value] = {"time": scenario.time, **scenario.variables}
        variables.update({f"trust.{s}": 0 for s in scenario.sources})
        variables.update({f"checked.{c}": False for c in scenario.checks})
        variables.update({f"verdict.{c}": "" for c in scenario.claims})
        self.state = State(scenario=scenario.id, content=scenario.fingerprint,
                           scene=scenario.start, vars=variables, rng=seed & ((1 << 64) - 1))
        self._env = _Env(self.state)
        self._options: list[Option] | None = None  # choices() for the current state
        self.restored_across_versions = False
        self._enter(scenario.start)

    # --- reading ------------------------------------------------------------------------

    @property
    def scene(self) -> Scene:
        return self.scenario.scenes[self.state.scene]

    @property
    def time(self) -> int:
        return self.state.time

    @property
    def ending(self) -> Ending | None:
        return self.scene.ending

    @property
    def is_over(self) -> bool:
        return self.scene.ending is not None

    def paragraphs(self) -> list[Paragraph]:
        """The current scene's text whose conditions hold, with substitutions made."""
        return [Paragraph(block.id, self.substitute(block.text)) for block in self.scene.text
                if block.condition is None or block.condition(self._env)]

    def sources(self) -> list[Source]:
        return [self.scenario.sources[s] for s in self.scene.sources]

    def claims(self) -> list[Claim]:
        return [self.scenario.claims[c] for c in self.scene.claims]

    def choices(self) -> list[Option]:
        """Every option to show: available ones, and unavailable ones that give a reason.

        The list is worked out once per state (random play asks for it several times
        a step); :meth:`choose` and :meth:`restore` start it afresh. Change play state
        only through them, or call :meth:`refresh` after changing it by hand.
        """
        if self._options is None:
            self._options = self._work_out_choices()
        return list(self._options)

    def refresh(self) -> None:
        """Forget the worked-out options, after ``state`` was changed by hand."""
        self._options = None

    def _work_out_choices(self) -> list[Option]:
        scene = self.scene
        env = self._env
        if scene.routes:
            if not any(r.condition is None or r.condition(env) for r in scene.routes):
                return []  # no way on: is_stuck reports it
            return [Option(0, CONTINUE_ID, tr("choice.continue", "Continue"), True, "", 0, None)]
        state = self.state
        time_left = state.time
        options: list[Option] = []
        for choice in scene.choices:
            if choice.once and state.chosen.get(f"{scene.id}/{choice.id}", 0):
                continue
            if choice.back and not state.stack:
                continue
            reason = ""
            if choice.condition is not None and not choice.condition(env):
                if choice.unavailable is None:
                    continue
                reason = self.substitute(choice.unavailable)
            elif choice.cost > time_left:
                reason = tr("choice.no_time", "Needs {cost} h; {left} h left.",
                            cost=choice.cost, left=time_left)
            text = choice.text
            if "{" in text or "}" in text:
                text = self.substitute(text)
            options.append(Option(len(options), choice.id, text, not reason, reason, choice.cost,
                                  choice))
        return options

    def feedback(self) -> Feedback | None:
        """The response to the most recent choice, when that choice made a call.

        Worked out from the history, so it is the same after a save and restore. The
        choice's own ``response`` comes before the claim's response for that call.
        """
        history = self.state.history
        step = history[-1] if history else None
        if step is None or not step.verdict:
            return None
        claim_id, call_name = step.verdict.split("=", 1)
        claim = self.scenario.claims.get(claim_id)
        if claim is None:
            return None
        try:
            call = Call(call_name)
        except ValueError:  # a damaged save: no feedback rather than a crash
            return None
        grading = claim.grades[call]
        scene = self.scenario.scenes.get(step.scene)
        choice = next((c for c in scene.choices if c.id == step.choice), None) if scene else None
        text = choice.response if choice is not None and choice.response else grading.response
        return Feedback(claim_id, call, grading.grade, text)

    @property
    def is_stuck(self) -> bool:
        """Not an ending, yet nothing can be chosen: a dead end in the content."""
        return not self.is_over and not any(o.available for o in self.choices())

    def substitute(self, text: str) -> str:
        """Fill ``{name}`` with a variable's value, ``{source.id}`` with its name, and
        ``{name|one|many}`` with the number and the word that agrees with it."""
        if "{" not in text and "}" not in text:
            return text

        def replace(match: Any) -> str:
            inner = match.group(1)
            if inner is None:
                return str(match.group(0)[0])
            name, forms = substitution_parts(inner)
            if name.startswith("source."):
                return self.scenario.sources[name[len("source."):]].name
            value = self.state.vars[name]
            if forms:  # {calls|call|calls}: the number and the word that agrees with it
                return f"{value} {forms[0] if abs(int(value)) == 1 else forms[1]}"
            return str(value).lower() if isinstance(value, bool) else str(value)

        return SUBSTITUTION.sub(replace, text)

    # --- acting -------------------------------------------------------------------------

    def choose(self, index: int) -> None:
        """Take the option at ``index`` of :meth:`choices`."""
        options = self.choices()
        if not 0 <= index < len(options):
            raise ChoiceError(f"no option {index}; there are {len(options)}")
        option = options[index]
        if not option.available:
            raise ChoiceError(f"option {index} is unavailable: {option.reason}")
        state = self.state
        scene = self.scene
        choice = option.choice
        self._options = None
        if choice is None:  # the Continue of a routed scene
            state.history.append(Step(scene.id, CONTINUE_ID, option.text, self.time))
            self._enter(self._route_target(scene))
            return
        key = f"{scene.id}/{choice.id}"
        state.chosen[key] = state.chosen.get(key, 0) + 1
        time_left = state.time - choice.cost
        state.vars["time"] = time_left
        step = Step(scene.id, choice.id, option.text, time_left)
        if choice.verify is not None:
            state.vars[f"checked.{choice.verify}"] = True
            step.verify = choice.verify
        if choice.verdict is not None:
            state.vars[f"verdict.{choice.verdict.claim}"] = choice.verdict.call.value
            step.verdict = f"{choice.verdict.claim}={choice.verdict.call.value}"
        for effect in choice.effects:
            effect.apply(self._env, state.vars)
        state.history.append(step)
        if choice.goto is not None:
            self._enter(choice.goto)
        elif choice.visit is not None:
            state.stack.append(scene.id)
            self._enter(choice.visit)
        else:  # back: return to the scene that visited, without re-entering it
            state.scene = state.stack.pop()

    def _route_target(self, scene: Scene) -> str:
        for route in scene.routes:
            if route.condition is None or route.condition(self._env):
                return route.goto
        raise ChoiceError(f"scene {scene.id!r}: no route applies")

    def _enter(self, scene_id: str) -> None:
        self._options = None
        state = self.state
        state.scene = scene_id
        state.visits[scene_id] = state.visits.get(scene_id, 0) + 1
        scene = self.scenario.scenes[scene_id]
        for claim in scene.claims:
            state.met.setdefault(claim)
        for effect in scene.effects:
            effect.apply(self._env, state.vars)

    # --- saving -------------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """The whole play state as plain JSON data."""
        return self.state.to_json()

    def restore(self, data: Any) -> None:
        """Replace the state with a snapshot; RestoreError (and no change) if it does not fit.

        A snapshot from other content is accepted when everything it refers to still
        exists (``restored_across_versions`` is then set); otherwise the error names
        what is missing.
        """
        state = State.from_json(data)
        scenario = self.scenario
        if state.scenario != scenario.id:
            raise RestoreError(f"the save is from scenario {state.scenario!r}, "
                               f"not {scenario.id!r}")
        across = state.content != scenario.fingerprint
        for scene_id in [state.scene, *state.stack]:
            if scene_id not in scenario.scenes:
                raise RestoreError(f"the save is at scene {scene_id!r}, which this version of "
                                   "the story no longer has")
        fresh = Story(scenario).state.vars
        for name, value in state.vars.items():
            if name not in fresh:
                raise RestoreError(f"the save uses {name!r}, which this version of the story "
                                   "no longer has")
            if type(value) is not type(fresh[name]):
                raise RestoreError(f"the save's {name!r} holds a different kind of value")
        unknown = [c for c in state.met if c not in scenario.claims]
        if unknown:
            raise RestoreError(f"the save mentions claim {unknown[0]!r}, which this version "
                               "no longer has")
        state.vars = {**fresh, **state.vars}  # names added since the save start fresh
        state.content = scenario.fingerprint
        self.state = state
        self._env = _Env(state)
        self._options = None
        self.restored_across_versions = across
